#pragma once

#include "model/ScimServer.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

// The SCIM Servers table: one row per server, read-only. Display names of server types and
// the applications using each server are given by the page, which owns the lookups.
class ServerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        TypeColumn,
        UrlColumn,
        AuthColumn,
        ApplicationsColumn,
        LastTestColumn,
        TokenAgeColumn,
        ColumnCount,
    };

    enum Role
    {
        ServerIdRole = Qt::UserRole + 1,
    };

    explicit ServerTableModel(QObject* parent = nullptr);

    void setServers(const QList<ScimServer>& servers, const QHash<QString, QString>& typeNames,
        const QHash<qint64, QStringList>& applications);
    const ScimServer* serverAt(int row) const;
    int rowOfServer(qint64 id) const;

    // Token age verdicts: AWS tokens expire after one year.
    static QString tokenAgeText(const ScimServer& server, const QDateTime& now);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ScimServer> m_servers;
    QHash<QString, QString> m_typeNames;
    QHash<qint64, QStringList> m_applications;
};
