#include "SourceTableModel.h"

#include "util/DisplayText.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

SourceTableModel::SourceTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SourceTableModel::setRows(const QList<SourceTableRow>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void SourceTableModel::setReading(const QSet<qint64>& sourceIds)
{
    m_reading = sourceIds;
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

const SourceTableRow* SourceTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int SourceTableModel::rowOfSource(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).source.id == id) {
            return row;
        }
    }
    return -1;
}

int SourceTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SourceTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SourceTableModel::resultText(const SourceTableRow& row) const
{
    if (m_reading.contains(row.source.id)) {
        return tr("Reading\u2026");
    }
    if (!row.lastAttempt) {
        return row.lastRead ? tr("Complete") : tr("Never read");
    }
    if (!row.lastAttempt->succeeded) {
        return tr("Failed");
    }
    return row.lastAttempt->delta ? tr("Complete (incremental)") : tr("Complete (full read)");
}

QString SourceTableModel::failureText(const SourceTableRow& row) const
{
    if (!row.lastAttempt || row.lastAttempt->succeeded) {
        return {};
    }
    // The directory's words can carry anything: shown escaped.
    QString text = DisplayText::escaped(row.lastAttempt->message);
    if (row.lastRead) {
        text += QLatin1Char(' ')
            + tr("The users and groups shown are those of the last complete read, %1.")
                  .arg(QLocale().toString(row.lastRead->readAt.toLocalTime(), QLocale::ShortFormat));
    }
    return text;
}

QVariant SourceTableModel::display(const SourceTableRow& row, int column, bool toolTip) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return toolTip && !row.source.description.isEmpty() ? row.source.description : row.source.name;
    case TypeColumn:
        return row.typeName;
    case UrlColumn:
        return row.source.url + (row.source.startTls ? tr(" (StartTLS)") : QString());
    case BaseDnColumn:
        return row.source.baseDn;
    case ApplicationsColumn:
        return row.applications.isEmpty() ? tr("None") : row.applications.join(QStringLiteral(", "));
    case CountsColumn:
        if (!row.lastRead) {
            return tr("\u2014");
        }
        return toolTip ? tr("%n user(s)", nullptr, row.lastRead->users) + QStringLiteral(", ")
                + tr("%n group(s)", nullptr, row.lastRead->groups)
                       : tr("%1 / %2").arg(locale.toString(row.lastRead->users), locale.toString(row.lastRead->groups));
    case LastReadColumn: {
        const QDateTime at
            = row.lastAttempt ? row.lastAttempt->attemptedAt : (row.lastRead ? row.lastRead->readAt : QDateTime());
        const QString result = resultText(row);
        const QString text = at.isValid() && !m_reading.contains(row.source.id)
            ? tr("%1 \u2014 %2").arg(locale.toString(at.toLocalTime(), QLocale::ShortFormat), result)
            : result;
        const QString failure = failureText(row);
        return toolTip && !failure.isEmpty() ? text + QLatin1Char('\n') + failure : text;
    }
    default:
        return {};
    }
}

QVariant SourceTableModel::decoration(const SourceTableRow& row, int column) const
{
    if (column != LastReadColumn || m_reading.contains(row.source.id) || (!row.lastAttempt && !row.lastRead)) {
        return {};
    }
    const bool failed = row.lastAttempt && !row.lastAttempt->succeeded;
    return QApplication::style()->standardIcon(failed ? QStyle::SP_MessageBoxCritical : QStyle::SP_DialogApplyButton);
}

QVariant SourceTableModel::data(const QModelIndex& index, int role) const
{
    const SourceTableRow* row = rowAt(index.row());
    if (!row) {
        return {};
    }
    switch (role) {
    case SourceIdRole:
        return row->source.id;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return display(*row, index.column(), role == Qt::ToolTipRole);
    case Qt::DecorationRole:
        return decoration(*row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == CountsColumn) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default:
        return {};
    }
}

QVariant SourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Source Type");
    case UrlColumn:
        return tr("URL");
    case BaseDnColumn:
        return tr("Base DN");
    case ApplicationsColumn:
        return tr("Applications");
    case CountsColumn:
        return tr("Users / Groups");
    case LastReadColumn:
        return tr("Last Read");
    default:
        return {};
    }
}
