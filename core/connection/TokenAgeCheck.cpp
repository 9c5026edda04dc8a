#include "TokenAgeCheck.h"

TokenAgeCheck::TokenAgeCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::TokenAge, context, parent)
{
}

QString TokenAgeCheck::checked() const
{
    const int lifetime = context().server().capabilities.tokenLifetimeDays;
    return lifetime > 0
        ? tr("How long ago the token was stored, against the %1-day token lifetime of this server type").arg(lifetime)
        : tr("Whether tokens of this server type expire on a schedule");
}

void TokenAgeCheck::run()
{
    const ScimServer& server = context().server();
    const int lifetime = server.capabilities.tokenLifetimeDays;
    const int days = server.secretAgeDays(context().now());
    if (server.auth.scheme == AuthScheme::OAuthClientCredentials || lifetime <= 0) {
        result().details << tr("Tokens of this server do not expire on a fixed schedule known to ScimDesk.");
        if (days >= 0)
            result().details << (days == 0 ? tr("The secret was stored today.")
                                           : tr("The secret was stored %n day(s) ago.", nullptr, days));
        finish();
        return;
    }
    const QString expiry = server.secretStoredAt.addDays(lifetime).toUTC().date().toString(Qt::ISODate);
    ConnectionRemediation::Facts facts {
        {QStringLiteral("lifetime"), QString::number(lifetime)}, {QStringLiteral("expiry"), expiry}};
    ConnectionRemediation::addTokenAge(facts, days, lifetime - days);
    if (days < 0) {
        warn(ConnectionFailure::TokenAgeUnknown, facts);
        finish();
        return;
    }
    switch (server.secretAge(context().now())) {
    case ScimServer::SecretAge::Expired:
        fail(ConnectionFailure::TokenExpired, facts);
        break;
    case ScimServer::SecretAge::ExpiresSoon:
        warn(ConnectionFailure::TokenExpiresSoon, facts);
        break;
    case ScimServer::SecretAge::Fresh:
    case ScimServer::SecretAge::Unknown:
        result().details << tr(
            "The token was stored %1; it expires around %2 (in about %n day(s)).", nullptr, lifetime - days)
                                .arg(facts.value(QStringLiteral("stored")), expiry);
        break;
    }
    finish();
}
