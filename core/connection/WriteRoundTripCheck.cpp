#include "WriteRoundTripCheck.h"

#include "scim/ScimClient.h"

#include <QJsonArray>
#include <QUuid>

WriteRoundTripCheck::WriteRoundTripCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::WriteRoundTrip, context, parent)
    , m_testId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_userName(QStringLiteral("scimdesk-connection-test-%1@invalid.example").arg(m_testId))
    , m_groupName(QStringLiteral("scimdesk-connection-test-%1").arg(m_testId))
{
}

QString WriteRoundTripCheck::checked() const
{
    if (!context().options().writeRoundTrip)
        return tr("Not requested. When turned on, ScimDesk creates a temporary user (scimdesk-connection-test-…"
                  "@invalid.example) and a temporary group, adds the user to the group and removes it, and deletes "
                  "both.");
    return tr("WRITES TO THE SERVER: create the temporary user %1 and read it back; create the temporary group %2, "
              "add the user to it and remove it; delete the group, delete the user and check it is gone")
        .arg(m_userName, m_groupName);
}

void WriteRoundTripCheck::run()
{
    if (!context().options().writeRoundTrip) {
        result().verdict = ConnectionVerdict::Skipped;
        finish();
        return;
    }
    setOperation(tr("create a user (POST /Users)"), tr("create users"));
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
    setOperation(tr("read a user (GET /Users/{id})"), tr("read users"));
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
        createGroup(id);
    })));
}

void WriteRoundTripCheck::createGroup(const QString& userId)
{
    setOperation(tr("create a group (POST /Groups)"), tr("create and delete groups"));
    const QJsonObject group {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group")}},
        {QStringLiteral("displayName"), m_groupName},
        {QStringLiteral("externalId"), m_groupName},
    };
    track(client().createGroup(group, this,
        guarded<const ObjectAnswer&>([this, userId](const ObjectAnswer& answer) { groupCreated(userId, answer); })));
}

void WriteRoundTripCheck::groupCreated(const QString& userId, const ObjectAnswer& answer)
{
    if (!answer) {
        explain(answer.error());
        remark(ConnectionFailure::GroupCreateFailed, true);
        deleteCreatedUser(userId);
        return;
    }
    m_groupId = answer.value().value(QLatin1String("id")).toString();
    if (m_groupId.isEmpty()) {
        fail(ConnectionFailure::CreatedWithoutId, {{QStringLiteral("userName"), m_groupName}});
        deleteCreatedUser(userId);
        return;
    }
    result().details << tr("Created the temporary group %1 (id %2).").arg(m_groupName, m_groupId);
    changeMembership(userId, PatchOperation::Op::Add);
}

void WriteRoundTripCheck::changeMembership(const QString& userId, PatchOperation::Op op)
{
    const bool add = op == PatchOperation::Op::Add;
    setOperation(add ? tr("add a member to a group (PATCH /Groups/{id})")
                     : tr("remove a member from a group (PATCH /Groups/{id})"),
        tr("change group memberships"));
    const PatchOperation change {
        op, QStringLiteral("members"), QJsonArray {QJsonObject {{QStringLiteral("value"), userId}}}};
    track(client().patchGroup(
        m_groupId, {change}, this, guarded<const ObjectAnswer&>([this, userId, add](const ObjectAnswer& answer) {
            if (!answer) {
                explain(answer.error());
                remark(add ? ConnectionFailure::MemberAddFailed : ConnectionFailure::MemberRemoveFailed, true);
                deleteCreatedGroup(userId);
                return;
            }
            result().details << (add ? tr("Added the temporary user to the group.")
                                     : tr("Removed the temporary user from the group."));
            if (add)
                changeMembership(userId, PatchOperation::Op::Remove);
            else
                deleteCreatedGroup(userId);
        })));
}

void WriteRoundTripCheck::deleteCreatedGroup(const QString& userId)
{
    setOperation(tr("delete a group (DELETE /Groups/{id})"), tr("create and delete groups"));
    track(client().deleteGroup(m_groupId, this, guarded<const DoneAnswer&>([this, userId](const DoneAnswer& answer) {
        if (answer) {
            result().details << tr("Deleted the temporary group.");
        } else {
            const Remediation why = remediationFor(answer.error());
            warn(ConnectionFailure::GroupDeleteFailed,
                {{QStringLiteral("error"), why.cause}, {QStringLiteral("groupId"), m_groupId}});
        }
        deleteCreatedUser(userId);
    })));
}

void WriteRoundTripCheck::deleteCreatedUser(const QString& id)
{
    setOperation(tr("delete a user (DELETE /Users/{id})"), tr("delete users"));
    track(client().deleteUser(id, this, guarded<const DoneAnswer&>([this, id](const DoneAnswer& answer) {
        if (!answer) {
            deactivateCreatedUser(id, answer.error());
            return;
        }
        result().details << tr("Deleted the temporary user.");
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
