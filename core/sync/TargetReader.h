#pragma once

#include "TargetSnapshot.h"

#include <model/ServerCapabilities.h>
#include <scim/ScimError.h>
#include <util/Result.h>

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

class ScimClient;

// Reads every user and group of the target, and the memberships of the groups the caller
// needs, the way the server allows: from the group resource when it returns members,
// otherwise with one `groups.value eq "<id>"` user list per group. Requests run
// concurrently within the client's limits: the membership reads start as soon as the group
// list is in, beside the pages of the user list. Any failed request fails the whole read: a
// partial snapshot would make the planner create duplicates or remove members.
class TargetReader : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<std::shared_ptr<TargetSnapshot>, ScimError>&)>;
    // Whether the membership of this group is needed (e.g. it is linked or matches a
    // directory group). Without a selector, every group's membership is read.
    using MembershipSelector = std::function<bool(const TargetGroup&)>;

    TargetReader(ScimClient* client, const ServerCapabilities& capabilities, QObject* parent = nullptr);
    ~TargetReader() override;

    // Starts reading; the callback runs once on this object's thread. Users keep the values
    // at the projection's paths (CompactResource), not the resource the server returned.
    void read(std::shared_ptr<const ResourceProjection> projection, MembershipSelector selector, Callback callback);
    // Stops every request; the callback runs at once with a Cancelled error.
    void cancel();

signals:
    void progress(int requestsDone, int membershipGroupsTotal);

private:
    // Calls back once the user list, the group list and every membership read are in.
    void finishWhenComplete();
    void startMembershipReads();
    void pumpMembershipReads();
    void fail(const ScimError& error);
    void stopRequests();
    void finish();

    QPointer<ScimClient> m_client;
    ServerCapabilities m_capabilities;
    std::shared_ptr<const ResourceProjection> m_projection;
    MembershipSelector m_selector;
    Callback m_callback;
    std::shared_ptr<TargetSnapshot> m_snapshot;
    QSet<quint64> m_inFlight;
    bool m_usersDone = false;
    bool m_groupsDone = false;
    bool m_failed = false;
    QList<int> m_membershipQueue; // indexes into m_snapshot->groups
    int m_requestsDone = 0;
    int m_membershipTotal = 0;
};
