#pragma once

#include "ConnectionCheck.h"

#include "scim/HttpTraceEntry.h"

// Step 6: reads the way a sync reads. A filter for a userName that cannot exist must return
// an empty list (a server that ignores filters cannot be matched against safely); with
// cursor paging, GET /Groups?cursor&count=1 must answer the nextCursor it hands out. The
// probe stops as soon as a second page arrived, so a large tenant is not read in full.
class ReadCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit ReadCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;

private:
    bool pagesWithCursor() const;
    void filtered(const ListAnswer& answer);
    void probeCursorPaging();
    void paged(const ListAnswer& answer);
    void onTrace(const HttpTraceEntry& entry);

    quint64 m_pagingListId = 0;
    int m_pages = 0;
};
