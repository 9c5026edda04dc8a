#include "TokenExpiryNotice.h"

#include "model/TokenExpiry.h"
#include "servers/ServerCatalog.h"
#include "widgets/StatusColors.h"

#include <QLocale>
#include <QStringList>

TokenExpiryNotice::TokenExpiryNotice(ServerCatalog* catalog, QWidget* parent)
    : QLabel(parent)
    , m_catalog(catalog)
{
    setObjectName(QStringLiteral("tokenExpiryNotice"));
    setTextFormat(Qt::PlainText);
    connect(catalog, &ServerCatalog::serversChanged, this, &TokenExpiryNotice::refresh);
    refresh();
}

QString TokenExpiryNotice::message(const QList<ScimServer>& servers, const QDateTime& now)
{
    QStringList expired;
    QStringList soon;
    const ScimServer* first = nullptr;
    for (const ScimServer& server : servers) {
        const auto age = server.secretAge(now);
        if (age == ScimServer::SecretAge::Expired) {
            expired << QStringLiteral("\u201c%1\u201d").arg(server.name);
        } else if (age == ScimServer::SecretAge::ExpiresSoon) {
            soon << QStringLiteral("\u201c%1\u201d").arg(server.name);
            first = first ? first : &server;
        }
    }
    QStringList parts;
    if (!expired.isEmpty()) {
        parts << (expired.size() == 1 ? tr("The access token of %1 has expired: create a new one and rotate it with "
                                           "Edit \u2192 Rotate Token\u2026")
                                      : tr("The access tokens of %1 have expired: create new ones and rotate them with "
                                           "Edit \u2192 Rotate Token\u2026"))
                     .arg(QLocale().createSeparatedList(expired));
    }
    if (soon.size() == 1) {
        const QString date
            = QLocale().toString(TokenExpiry::expiresAt(*first).toLocalTime().date(), QLocale::ShortFormat);
        parts << tr("The access token of %1 expires in %n day(s), on %2: rotate it with Edit \u2192 Rotate Token\u2026",
            nullptr, TokenExpiry::daysLeft(*first, now))
                     .arg(soon.first(), date);
    } else if (soon.size() > 1) {
        parts << tr("The access tokens of %1 expire within 30 days: rotate them with Edit \u2192 Rotate Token\u2026")
                     .arg(QLocale().createSeparatedList(soon));
    }
    return parts.join(QLatin1Char(' '));
}

void TokenExpiryNotice::refresh()
{
    const QString text
        = m_catalog ? message(m_catalog->repository().list(), QDateTime::currentDateTimeUtc()) : QString();
    setText(text);
    setToolTip(text);
    setStyleSheet(QStringLiteral("color: %1;").arg(StatusColors::warning(palette()).name()));
    setVisible(!text.isEmpty());
}
