#pragma once

#include "ConnectionCheck.h"

// The read steps (users, groups): reads the way a sync reads. A filter for a name that cannot
// exist must return an empty list (a server that ignores filters cannot be matched against
// safely), and one page of the list read without a filter must be a usable SCIM list — a sync
// reads every page like it, so a server whose full list is garbage fails here, not in the
// middle of a sync. Only that one page is read, so a large tenant is not read in full.
class ListReadCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    // What one step reads.
    struct Target
    {
        QString endpoint; // "/Users"
        QString nameAttribute; // "userName": filtered on, and required on every listed object
        ConnectionFailure filterIgnored;
        ConnectionFailure filterRejected; // a remark
        QString operation; // for a 403: "read users (GET /Users)"
        QString permission; // for a 403: "read users"
    };

    ListReadCheck(ConnectionStep step, Target target, ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;
    // Called once the page was read and found usable; the default ends the step.
    virtual void pageRead();
    const Target& target() const { return m_target; }

private:
    void filtered(const ListAnswer& answer);
    void readPage();
    void paged(const ObjectAnswer& answer);

    Target m_target;
};
