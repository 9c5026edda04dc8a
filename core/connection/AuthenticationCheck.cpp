#include "AuthenticationCheck.h"

#include "scim/ScimClient.h"

#include <QUuid>

AuthenticationCheck::AuthenticationCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::Authentication, context, parent)
{
}

QString AuthenticationCheck::checked() const
{
    return tr("GET %1/Users?filter=userName eq \"<a name that cannot exist>\" with the stored credentials: an "
              "endpoint that needs them")
        .arg(context().url().url().toString());
}

void AuthenticationCheck::run()
{
    if (explainMissingSecret()) {
        finish();
        return;
    }
    setOperation(tr("read users (GET /Users)"), tr("read users"));
    // A filter that matches nobody: the answer is small whatever the tenant holds, and a list
    // the server cannot page or fill properly is the read steps' to report, not this one's.
    const ScimFilter probe = ScimFilter::eq(QStringLiteral("userName"),
        QStringLiteral("scimdesk-connection-test-probe-%1@invalid.example")
            .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    track(client().listUsers(
        probe, this, guarded<const ListAnswer&>([this](const ListAnswer& answer) { answered(answer); })));
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

void AuthenticationCheck::answered(const ListAnswer& answer)
{
    if (answer) {
        result().details << tr("The server accepted the credentials for GET /Users, which needs them.");
        finish();
        return;
    }
    const ScimError& error = answer.error();
    if (error.kind == ScimError::Kind::Http && error.httpStatus == 400) {
        // The server got as far as reading the filter, which it does only for accepted
        // credentials (a wrong token is answered 401 first); the read step reports the filter.
        result().details << tr("The server accepted the credentials but refused the filter (400); see the read step.");
        finish();
        return;
    }
    explain(error);
    finish();
}
