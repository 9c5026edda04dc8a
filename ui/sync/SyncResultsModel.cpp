#include "SyncResultsModel.h"
#include "SyncText.h"
#include "widgets/StatusColors.h"

#include "directory/CsvWriter.h"
#include "util/DisplayText.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QJsonObject>
#include <QTimer>

SyncResultsModel::SyncResultsModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(100);
    connect(m_flushTimer, &QTimer::timeout, this, &SyncResultsModel::flush);
}

int SyncResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int SyncResultsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SyncResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size()) {
        return {};
    }
    const auto& entry = m_entries.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case StatusColumn:
            return SyncText::entryStatus(entry.status);
        case ActionColumn:
            return SyncText::action(entry.action);
        // What the server or the directory sent is shown escaped (control characters, bidi
        // overrides); the CSV and JSON exports keep it as it is.
        case ObjectColumn:
            return DisplayText::escaped(entry.objectName);
        case HttpStatusColumn:
            return entry.httpStatus > 0 ? QVariant(entry.httpStatus) : QVariant();
        case RequestIdColumn:
            return DisplayText::escaped(entry.requestId);
        case MessageColumn:
            return DisplayText::escaped(entry.error);
        default:
            break;
        }
    }
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        if (entry.status == QLatin1String("failed")) {
            return QBrush(StatusColors::error(QApplication::palette()));
        }
        if (entry.status == QLatin1String("ok")) {
            return QBrush(StatusColors::success(QApplication::palette()));
        }
    }
    return {};
}

QVariant SyncResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case ActionColumn:
        return tr("Action");
    case ObjectColumn:
        return tr("Object");
    case HttpStatusColumn:
        return tr("HTTP");
    case RequestIdColumn:
        return tr("Request ID");
    case MessageColumn:
        return tr("Server message");
    default:
        return {};
    }
}

void SyncResultsModel::setEntries(const QList<JournalEntry>& entries)
{
    beginResetModel();
    m_pending.clear();
    m_entries = entries;
    endResetModel();
}

void SyncResultsModel::append(const JournalEntry& entry)
{
    m_pending.append(entry);
    if (!m_flushTimer->isActive()) {
        m_flushTimer->start();
    }
}

void SyncResultsModel::flush()
{
    m_flushTimer->stop();
    if (m_pending.isEmpty()) {
        return;
    }
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + m_pending.size()) - 1);
    m_entries.append(m_pending);
    m_pending.clear();
    endInsertRows();
}

void SyncResultsModel::clear()
{
    setEntries({});
}

bool SyncResultsModel::writeCsv(QIODevice* device, QString* error) const
{
    CsvWriter writer(device);
    writer.writeRecord({QStringLiteral("sequence"), QStringLiteral("status"), QStringLiteral("action"),
        QStringLiteral("objectKind"), QStringLiteral("object"), QStringLiteral("directoryObjectId"),
        QStringLiteral("targetId"), QStringLiteral("httpStatus"), QStringLiteral("requestId"),
        QStringLiteral("message"), QStringLiteral("startedAt"), QStringLiteral("finishedAt")});
    for (const auto& entry : m_entries) {
        writer.writeRecord({QString::number(entry.sequence), entry.status, entry.action, entry.objectKind,
            entry.objectName, entry.directoryObjectId, entry.targetId,
            entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QString(), entry.requestId, entry.error,
            entry.startedAt.toString(Qt::ISODateWithMs), entry.finishedAt.toString(Qt::ISODateWithMs)});
    }
    if (!writer.ok() && error) {
        *error = writer.errorString();
    }
    return writer.ok();
}

QJsonArray SyncResultsModel::toJson() const
{
    QJsonArray array;
    for (const auto& entry : m_entries) {
        QJsonObject object {{QStringLiteral("sequence"), entry.sequence}, {QStringLiteral("status"), entry.status},
            {QStringLiteral("action"), entry.action}, {QStringLiteral("objectKind"), entry.objectKind},
            {QStringLiteral("object"), entry.objectName},
            {QStringLiteral("directoryObjectId"), entry.directoryObjectId},
            {QStringLiteral("targetId"), entry.targetId}, {QStringLiteral("httpStatus"), entry.httpStatus},
            {QStringLiteral("requestId"), entry.requestId}, {QStringLiteral("message"), entry.error},
            {QStringLiteral("startedAt"), entry.startedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("finishedAt"), entry.finishedAt.toString(Qt::ISODateWithMs)}};
        if (!entry.before.isEmpty()) {
            object.insert(QStringLiteral("before"), entry.before);
        }
        if (!entry.after.isEmpty()) {
            object.insert(QStringLiteral("after"), entry.after);
        }
        array.append(object);
    }
    return array;
}
