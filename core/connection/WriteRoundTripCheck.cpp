#include "WriteRoundTripCheck.h"

#include "scim/PatchOperation.h"
#include "scim/ScimClient.h"

#include <QJsonArray>
#include <QUuid>

WriteRoundTripCheck::WriteRoundTripCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::WriteRoundTrip, context, parent)
    , m_testId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_userName(QStringLiteral("scimdesk-connection-test-%1@invalid.example").arg(m_testId))
{
}

QString WriteRoundTripCheck::checked() const
{
    if (!context().options().writeRoundTrip)
        return tr("Not requested. When turned on, ScimDesk creates a temporary user (scimdesk-connection-test-…"
                  "@invalid.example), reads it back and deletes it.");
    return tr("WRITES TO THE SERVER: create the temporary user %1, read it back, delete it and check it is gone")
        .arg(m_userName);
}

void WriteRoundTripCheck::run()
{
    if (!context().options().writeRoundTrip) {
        result().verdict = ConnectionVerdict::Skipped;
        finish();
        return;
    }
    track(client().createUser(
        temporaryUser(), this, guarded<const ObjectAnswer&>([this](const ObjectAnswer& answer) { created(answer); })));
}

QJsonObject WriteRoundTripCheck::temporaryUser() const
{
    const QString filler = QStringLiteral("ScimDesk connection test");
    QJsonObject user {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
        {QStringLiteral("userName"), m_userName},
        {QStringLiteral("externalId"), QStringLiteral("scimdesk-connection-test-%1").arg(m_testId)},
        {QStringLiteral("displayName"), filler},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("ScimDesk")},
                {QStringLiteral("familyName"), QStringLiteral("Connection Test")}}},
        {QStringLiteral("active"), true},
    };
    // Whatever else the server type requires gets a harmless value.
    for (const QString& attribute : context().server().capabilities.requiredUserAttributes) {
        if (attribute == QLatin1String("emails")) {
            user.insert(attribute,
                QJsonArray {QJsonObject {{QStringLiteral("value"), m_userName},
                    {QStringLiteral("type"), QStringLiteral("work")}, {QStringLiteral("primary"), true}}});
            continue;
        }
        const QStringList parts = attribute.split(QLatin1Char('.'));
        if (parts.size() == 1 && !user.contains(attribute)) {
            user.insert(attribute, filler);
        } else if (parts.size() == 2) {
            QJsonObject parent = user.value(parts.at(0)).toObject();
            if (!parent.contains(parts.at(1)))
                parent.insert(parts.at(1), filler);
            user.insert(parts.at(0), parent);
        }
    }
    return user;
}

void WriteRoundTripCheck::created(const ObjectAnswer& answer)
{
    if (!answer) {
        explain(answer.error());
        remark(ConnectionFailure::CreateFailed, true);
        finish();
        return;
    }
    const QString id = answer.value().value(QLatin1String("id")).toString();
    if (id.isEmpty()) {
        fail(ConnectionFailure::CreatedWithoutId, {{QStringLiteral("userName"), m_userName}});
        finish();
        return;
    }
    result().details << tr("Created the temporary user %1 (id %2).").arg(m_userName, id);
    readBack(id);
}

void WriteRoundTripCheck::readBack(const QString& id)
{
    track(client().getUser(id, this, guarded<const ObjectAnswer&>([this, id](const ObjectAnswer& answer) {
        if (!answer) {
            const Remediation why = remediationFor(answer.error());
            fail(ConnectionFailure::ReadBackFailed,
                {{QStringLiteral("error"), why.cause}, {QStringLiteral("fix"), why.fix}});
        } else if (answer.value().value(QLatin1String("userName")).toString().compare(m_userName, Qt::CaseInsensitive)
            != 0) {
            warn(ConnectionFailure::ReadBackDifferent);
        } else {
            result().details << tr("Read it back: the userName matches.");
        }
        deleteCreatedUser(id);
    })));
}

void WriteRoundTripCheck::deleteCreatedUser(const QString& id)
{
    track(client().deleteUser(id, this, guarded<const DoneAnswer&>([this, id](const DoneAnswer& answer) {
        if (!answer) {
            deactivateCreatedUser(id, answer.error());
            return;
        }
        result().details << tr("Deleted it.");
        checkGone(id);
    })));
}

void WriteRoundTripCheck::checkGone(const QString& id)
{
    track(client().getUser(id, this, guarded<const ObjectAnswer&>([this](const ObjectAnswer& check) {
        if (!check && check.error().kind == ScimError::Kind::Http && check.error().httpStatus == 404)
            result().details << tr("The server answers 404 for it now, as it must.");
        else if (check)
            warn(ConnectionFailure::DeletedUserStillThere);
        else
            warn(ConnectionFailure::DeleteCheckFailed, {{QStringLiteral("error"), check.error().message()}});
        finish();
    })));
}

void WriteRoundTripCheck::deactivateCreatedUser(const QString& id, const ScimError& deleteError)
{
    const Remediation deleteFailure = remediationFor(deleteError);
    if (!deleteError.requestId.isEmpty())
        result().requestId = deleteError.requestId;
    track(client().patchUser(id, {PatchOperation::replace(QStringLiteral("active"), false)}, this,
        guarded<const ObjectAnswer&>([this, id, deleteFailure](const ObjectAnswer& answer) {
            const ConnectionRemediation::Facts facts {{QStringLiteral("id"), id},
                {QStringLiteral("deleteError"), deleteFailure.cause},
                {QStringLiteral("patchError"), answer ? QString() : answer.error().message()}};
            if (answer)
                warn(ConnectionFailure::DeactivatedInstead, facts);
            else
                fail(ConnectionFailure::CleanupFailed, facts);
            finish();
        })));
}
