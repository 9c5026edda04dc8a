#include "ReadCheck.h"

#include "scim/ScimClient.h"

#include <QUuid>

ReadCheck::ReadCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::Read, context, parent)
{
}

bool ReadCheck::pagesWithCursor() const
{
    return context().server().capabilities.pagingMode == PagingMode::Cursor;
}

QString ReadCheck::checked() const
{
    return pagesWithCursor() ? tr("GET /Users?filter=userName eq \"<a name that cannot exist>\" returns no user; "
                                  "GET /Groups?cursor&count=1 pages with nextCursor")
                             : tr("GET /Users?filter=userName eq \"<a name that cannot exist>\" returns no user");
}

void ReadCheck::run()
{
    const QString probeName = QStringLiteral("scimdesk-connection-test-probe-%1@invalid.example")
                                  .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    track(client().listUsers(ScimFilter::eq(QStringLiteral("userName"), probeName), this,
        guarded<const ListAnswer&>([this](const ListAnswer& answer) { filtered(answer); })));
}

void ReadCheck::filtered(const ListAnswer& answer)
{
    if (!answer) {
        explain(answer.error());
        if (answer.error().kind == ScimError::Kind::Http && answer.error().httpStatus == 400)
            remark(ConnectionFailure::FilterRejected);
        finish();
        return;
    }
    if (!answer.value().isEmpty()) {
        fail(ConnectionFailure::FilterIgnored, {{QStringLiteral("count"), QString::number(answer.value().size())}});
        finish();
        return;
    }
    result().details << tr("The filter for a userName that cannot exist returned an empty list, as it must.");
    if (!pagesWithCursor()) {
        result().details << tr("Paging mode %1: not probed.")
                                .arg(ServerCapabilities::pagingModeId(context().server().capabilities.pagingMode));
        finish();
        return;
    }
    probeCursorPaging();
}

void ReadCheck::probeCursorPaging()
{
    connect(&client(), &ScimClient::traceEntry, this, &ReadCheck::onTrace);
    m_pagingListId = track(client().listGroups(
        ScimFilter(), this, guarded<const ListAnswer&>([this](const ListAnswer& answer) { paged(answer); }), 1));
}

void ReadCheck::paged(const ListAnswer& answer)
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

void ReadCheck::onTrace(const HttpTraceEntry& entry)
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
