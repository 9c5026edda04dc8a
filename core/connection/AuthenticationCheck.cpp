#include "AuthenticationCheck.h"

#include "scim/ScimClient.h"

#include <QUuid>

AuthenticationCheck::AuthenticationCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::Authentication, context, parent)
{
}

QString AuthenticationCheck::checked() const
{
    return tr("GET %1/ServiceProviderConfig with the stored credentials").arg(context().url().url().toString());
}

void AuthenticationCheck::run()
{
    if (explainMissingSecret()) {
        finish();
        return;
    }
    using ConfigAnswer = Result<ServiceProviderConfig, ScimError>;
    track(client().getServiceProviderConfig(
        this, guarded<const ConfigAnswer&>([this](const ConfigAnswer& answer) { discovered(answer); })));
}

bool AuthenticationCheck::explainMissingSecret()
{
    const ConnectionSecret& secret = context().secret();
    if (secret.readError) {
        const SecretError& error = *secret.readError;
        const ConnectionRemediation::Facts facts {{QStringLiteral("detail"), error.message},
            {QStringLiteral("hint"), error.hint.isEmpty() ? SecretError::defaultHint(error.kind) : error.hint}};
        fail(error.kind == SecretError::Kind::NotFound ? ConnectionFailure::SecretNotFound
                                                       : ConnectionFailure::SecretUnreadable,
            facts);
        return true;
    }
    if (secret.value.isEmpty()) {
        fail(ConnectionFailure::SecretMissing);
        return true;
    }
    return false;
}

void AuthenticationCheck::discovered(const Result<ServiceProviderConfig, ScimError>& answer)
{
    if (answer) {
        context().setDiscovered(answer.value());
        result().details << tr("The server accepted the credentials and described its capabilities.");
        finish();
        return;
    }
    if (answer.error().kind == ScimError::Kind::Http && answer.error().httpStatus == 404) {
        probeUsersAfterMissingDiscovery(answer.error());
        return;
    }
    explain(answer.error());
    finish();
}

void AuthenticationCheck::probeUsersAfterMissingDiscovery(const ScimError& discoveryError)
{
    // Some servers do not implement /ServiceProviderConfig although RFC 7644 asks for it.
    result().checked += tr("; then GET /Users with a filter, because /ServiceProviderConfig answered 404");
    const ScimFilter probe = ScimFilter::eq(QStringLiteral("userName"),
        QStringLiteral("scimdesk-connection-test-probe-%1@invalid.example")
            .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    track(client().listUsers(probe, this, guarded<const ListAnswer&>([this, discoveryError](const ListAnswer& answer) {
        if (answer)
            warn(ConnectionFailure::NoDiscovery);
        else
            explain(answer.error().httpStatus == 404 ? discoveryError : answer.error());
        finish();
    })));
}
