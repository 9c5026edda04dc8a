#include "TargetReader.h"

#include <scim/ScimClient.h>
#include <util/LogCategories.h>

#include <QCoreApplication>

TargetReader::TargetReader(ScimClient* client, const ServerCapabilities& capabilities, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_capabilities(capabilities)
{
}

TargetReader::~TargetReader()
{
    m_callback = {};
    stopRequests();
}

void TargetReader::read(
    std::shared_ptr<const ResourceProjection> projection, MembershipSelector selector, Callback callback)
{
    m_projection = projection ? std::move(projection) : std::make_shared<const ResourceProjection>();
    m_selector = std::move(selector);
    m_callback = std::move(callback);
    m_snapshot = std::make_shared<TargetSnapshot>();
    m_snapshot->projection = m_projection;
    m_usersDone = m_groupsDone = m_failed = false;
    m_membershipQueue.clear();
    m_inFlight.clear();
    m_requestsDone = 0;

    auto usersRequest = std::make_shared<quint64>(0);
    *usersRequest = m_client->listUsers(
        ScimFilter(), this, [this, usersRequest](const Result<QList<QJsonObject>, ScimError>& result) {
            m_inFlight.remove(*usersRequest);
            if (m_failed)
                return;
            if (!result)
                return fail(result.error());
            m_snapshot->users.reserve(result->size());
            for (const auto& resource : *result)
                m_snapshot->users.append(TargetSnapshot::userFromJson(resource, *m_projection));
            m_usersDone = true;
            ++m_requestsDone;
            finishWhenComplete();
        });
    auto groupsRequest = std::make_shared<quint64>(0);
    *groupsRequest = m_client->listGroups(
        ScimFilter(), this, [this, groupsRequest](const Result<QList<QJsonObject>, ScimError>& result) {
            m_inFlight.remove(*groupsRequest);
            if (m_failed)
                return;
            if (!result)
                return fail(result.error());
            m_snapshot->groups.reserve(result->size());
            for (const auto& resource : *result) {
                TargetGroup group = TargetSnapshot::groupFromJson(resource);
                group.membersRead = m_capabilities.groupReadReturnsMembers;
                m_snapshot->groups.append(group);
            }
            m_groupsDone = true;
            ++m_requestsDone;
            // Memberships need only the groups: their reads go out beside the user pages.
            if (m_capabilities.groupReadReturnsMembers)
                return finishWhenComplete();
            startMembershipReads();
        });
    m_inFlight << *usersRequest << *groupsRequest;
}

void TargetReader::cancel()
{
    // The caller is told at once: a cancel must end the read phase without waiting for the
    // server, however slow it is.
    if (m_callback && !m_failed)
        return fail(ScimError(ScimError::Kind::Cancelled, tr("The read of the SCIM server was cancelled.")));
    stopRequests();
}

void TargetReader::stopRequests()
{
    m_failed = true;
    if (m_client) {
        for (quint64 id : std::as_const(m_inFlight))
            m_client->cancel(id);
    }
    m_inFlight.clear();
}

void TargetReader::finishWhenComplete()
{
    if (m_usersDone && m_groupsDone && m_membershipQueue.isEmpty() && m_inFlight.isEmpty())
        finish();
}

void TargetReader::startMembershipReads()
{
    m_membershipQueue.clear();
    for (int i = 0; i < m_snapshot->groups.size(); ++i) {
        if (!m_selector || m_selector(m_snapshot->groups.at(i)))
            m_membershipQueue.append(i);
    }
    m_membershipTotal = int(m_membershipQueue.size());
    if (m_membershipQueue.isEmpty())
        return finishWhenComplete();
    pumpMembershipReads();
}

void TargetReader::pumpMembershipReads()
{
    // Keep the client's pipeline full without queueing thousands of requests at once, so a
    // cancel has little to unwind.
    const int window = qMax(2, m_client->config().maxInFlight * 2);
    while (!m_failed && !m_membershipQueue.isEmpty() && m_inFlight.size() < window) {
        const int index = m_membershipQueue.takeFirst();
        const QString groupId = m_snapshot->groups.at(index).id;
        auto requestId = std::make_shared<quint64>(0);
        *requestId = m_client->listUsers(ScimFilter::eq(QStringLiteral("groups.value"), groupId), this,
            [this, index, requestId](const Result<QList<QJsonObject>, ScimError>& result) {
                m_inFlight.remove(*requestId);
                if (m_failed)
                    return;
                if (!result)
                    return fail(result.error());
                TargetGroup& group = m_snapshot->groups[index];
                group.memberIds.reserve(result->size());
                for (const auto& user : *result)
                    group.memberIds.append(user.value(QLatin1String("id")).toString());
                group.membersRead = true;
                ++m_requestsDone;
                emit progress(m_requestsDone, m_membershipTotal);
                if (m_membershipQueue.isEmpty())
                    return finishWhenComplete();
                pumpMembershipReads();
            });
        m_inFlight.insert(*requestId);
    }
}

void TargetReader::fail(const ScimError& error)
{
    qCWarning(lcSync) << "Reading the target failed:" << error.toString();
    stopRequests();
    m_snapshot.reset();
    if (m_callback)
        std::exchange(m_callback, {})(error);
}

void TargetReader::finish()
{
    if (m_snapshot)
        m_snapshot->shareMemberIds();
    if (m_callback)
        std::exchange(m_callback, {})(std::exchange(m_snapshot, {}));
}
