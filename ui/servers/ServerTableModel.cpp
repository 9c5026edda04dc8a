#include "ServerTableModel.h"

#include "model/TokenExpiry.h"
#include "validation/ServerSettingsValidator.h"

#include <QApplication>
#include <QBrush>
#include <QLocale>
#include <QPalette>
#include <QStyle>

ServerTableModel::ServerTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ServerTableModel::setServers(const QList<ScimServer>& servers, const QHash<QString, QString>& typeNames,
    const QHash<qint64, QStringList>& applications)
{
    beginResetModel();
    m_servers = servers;
    m_typeNames = typeNames;
    m_applications = applications;
    endResetModel();
}

const ScimServer* ServerTableModel::serverAt(int row) const
{
    return row >= 0 && row < m_servers.size() ? &m_servers.at(row) : nullptr;
}

int ServerTableModel::rowOfServer(qint64 id) const
{
    for (int row = 0; row < m_servers.size(); ++row) {
        if (m_servers.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

QString ServerTableModel::tokenAgeText(const ScimServer& server, const QDateTime& now)
{
    const int days = server.secretAgeDays(now);
    if (days < 0) {
        return tr("Unknown");
    }
    const QDateTime expires = TokenExpiry::expiresAt(server);
    if (!expires.isValid()) {
        return days == 0 ? tr("Stored today") : tr("Stored %n day(s) ago", nullptr, days);
    }
    const QString date = QLocale().toString(expires.toLocalTime().date(), QLocale::ShortFormat);
    const int left = TokenExpiry::daysLeft(server, now);
    switch (server.secretAge(now)) {
    case ScimServer::SecretAge::Expired:
        return tr("Expired on %1 \u2014 create a new token and rotate it with Edit \u2192 Rotate Token\u2026")
            .arg(date);
    case ScimServer::SecretAge::ExpiresSoon:
        return tr("Expires %1, in %n day(s) \u2014 rotate it with Edit \u2192 Rotate Token\u2026", nullptr, left)
            .arg(date);
    default:
        return tr("Expires %1").arg(date);
    }
}

int ServerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_servers.size());
}

int ServerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServerTableModel::data(const QModelIndex& index, int role) const
{
    const ScimServer* server = serverAt(index.row());
    if (!server) {
        return {};
    }
    if (role == ServerIdRole) {
        return server->id;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case NameColumn:
            return role == Qt::ToolTipRole && !server->description.isEmpty() ? server->description : server->name;
        case TypeColumn:
            return m_typeNames.value(server->serverTypeId, server->serverTypeId);
        case UrlColumn:
            // A URL stored with a password by an older version: never shown, and said why it fails.
            if (role == Qt::ToolTipRole && ServerSettingsValidator::urlHasCredentials(server->url)) {
                return ServerSettingsValidator::urlError(server->url);
            }
            return ServerSettingsValidator::displayUrl(server->url);
        case AuthColumn:
            return AuthSettings::schemeDisplayName(server->auth.scheme);
        case ApplicationsColumn: {
            const QStringList apps = m_applications.value(server->id);
            return apps.isEmpty() ? tr("None") : apps.join(QStringLiteral(", "));
        }
        case LastTestColumn:
            if (!server->lastTestAt.isValid()) {
                return tr("Never tested");
            }
            if (role == Qt::ToolTipRole && !server->lastTestSummary.isEmpty()) {
                return server->lastTestSummary;
            }
            return tr("%1 \u00b7 %2")
                .arg(server->lastTestVerdict == QLatin1String("pass")
                        ? tr("Passed")
                        : (server->lastTestVerdict == QLatin1String("warning") ? tr("Warnings") : tr("Failed")),
                    QLocale().toString(server->lastTestAt.toLocalTime(), QLocale::ShortFormat));
        case TokenAgeColumn:
            return tokenAgeText(*server, now);
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole) {
        if (index.column() == LastTestColumn && server->lastTestAt.isValid()) {
            const auto icon = server->lastTestVerdict == QLatin1String("pass")
                ? QStyle::SP_DialogApplyButton
                : (server->lastTestVerdict == QLatin1String("warning") ? QStyle::SP_MessageBoxWarning
                                                                       : QStyle::SP_MessageBoxCritical);
            return QApplication::style()->standardIcon(icon);
        }
        if (index.column() == TokenAgeColumn) {
            switch (server->secretAge(now)) {
            case ScimServer::SecretAge::Expired:
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
            case ScimServer::SecretAge::ExpiresSoon:
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            default:
                break;
            }
        }
    }
    return {};
}

QVariant ServerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Server Type");
    case UrlColumn:
        return tr("Server URL");
    case AuthColumn:
        return tr("Authentication");
    case ApplicationsColumn:
        return tr("Applications");
    case LastTestColumn:
        return tr("Last Connection Test");
    case TokenAgeColumn:
        return tr("Access Token");
    default:
        return {};
    }
}
