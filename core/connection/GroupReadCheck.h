#pragma once

#include "ListReadCheck.h"

#include "scim/HttpTraceEntry.h"

// Step 7: reads groups the way a sync reads them (ListReadCheck on /Groups by displayName): a
// token that may read users but not groups fails here, not on a sync's first group. With cursor
// paging, GET /Groups?cursor&count=1 must then answer the nextCursor it hands out; that probe
// stops as soon as a second page arrived.
class GroupReadCheck : public ListReadCheck
{
    Q_OBJECT

public:
    explicit GroupReadCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void pageRead() override;

private:
    bool pagesWithCursor() const;
    void paged(const ListAnswer& answer);
    void onTrace(const HttpTraceEntry& entry);

    quint64 m_pagingListId = 0;
    int m_pages = 0;
};
