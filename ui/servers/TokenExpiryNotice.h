#pragma once

#include "model/ScimServer.h"

#include <QDateTime>
#include <QLabel>
#include <QList>
#include <QPointer>

class ServerCatalog;

// The main window's warning about access tokens that expire within 30 days or have expired
// (AWS tokens last a year and the app cannot read their expiry: it counts from the day the
// token was stored). Hidden while every token is fine; names the servers and what to do.
class TokenExpiryNotice : public QLabel
{
    Q_OBJECT

public:
    explicit TokenExpiryNotice(ServerCatalog* catalog, QWidget* parent = nullptr);

    // The warning for these servers at `now`; empty when there is nothing to warn about.
    static QString message(const QList<ScimServer>& servers, const QDateTime& now);

public slots:
    void refresh();

private:
    QPointer<ServerCatalog> m_catalog;
};
