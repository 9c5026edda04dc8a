#include "GroupReadCheck.h"

#include "scim/ScimClient.h"

GroupReadCheck::GroupReadCheck(ConnectionCheckContext& context, QObject* parent)
    : ListReadCheck(ConnectionStep::GroupRead,
        Target {QStringLiteral("/Groups"), QStringLiteral("displayName"), ConnectionFailure::GroupFilterIgnored,
            ConnectionFailure::GroupFilterRejected, tr("read groups (GET /Groups)"), tr("read groups")},
        context, parent)
{
}

bool GroupReadCheck::pagesWithCursor() const
{
    return context().server().capabilities.pagingMode == PagingMode::Cursor;
}

QString GroupReadCheck::checked() const
{
    const QString reads = ListReadCheck::checked();
    return pagesWithCursor() ? reads + tr("; GET /Groups?cursor&count=1 pages with nextCursor") : reads;
}

void GroupReadCheck::pageRead()
{
    if (!pagesWithCursor()) {
        result().details << tr("Paging mode %1: not probed.")
                                .arg(ServerCapabilities::pagingModeId(context().server().capabilities.pagingMode));
        finish();
        return;
    }
    connect(&client(), &ScimClient::traceEntry, this, &GroupReadCheck::onTrace);
    m_pagingListId = track(client().listGroups(
        ScimFilter(), this, guarded<const ListAnswer&>([this](const ListAnswer& answer) { paged(answer); }), 1));
}

void GroupReadCheck::paged(const ListAnswer& answer)
{
    if (!answer) {
        explain(answer.error());
        remark(ConnectionFailure::GroupPagingFailed, true);
        finish();
        return;
    }
    const int groups = int(answer.value().size());
    if (groups < 2)
        result().details << tr("Cursor paging accepted (%n group(s)); with fewer than two groups the server had no "
                               "next page to return.",
            nullptr, groups);
    else
        result().details << tr("Cursor paging works: %1 groups read one per page.").arg(groups);
    finish();
}

void GroupReadCheck::onTrace(const HttpTraceEntry& entry)
{
    if (isOver() || m_pagingListId == 0 || entry.requestId != m_pagingListId || entry.status != 200)
        return; // the list's callback reports errors
    if (++m_pages < 2)
        return;
    // A second page means the server sent a nextCursor and answered it: that is what the
    // probe wanted to see, no need to read every group of a large tenant.
    client().cancel(m_pagingListId);
    result().details << tr("Cursor paging works: the first page was requested with an empty cursor and the server "
                           "answered the nextCursor it returned.");
    finish();
}
