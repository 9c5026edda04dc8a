#pragma once

#include "FaultServer.h"

#include <QByteArray>
#include <QString>

// A SCIM target on a FaultServer whose user list never ends, in one of the ways a broken or
// hostile server pages: the list of /Users follows the pathology (with cursor or startIndex
// paging, as the client asks), every other list is empty, /ServiceProviderConfig is 404, and
// writes are counted and answered 201 (a sync that reads such a target must send none).
class HostileListServer
{
public:
    enum class Pathology
    {
        CursorCycle, // nextCursor A, B, A, … and fresh users on every page
        FreshCursorEveryPage, // a new cursor and fresh users on every page, no totalResults
        FreshCursorSameUsers, // a new cursor on every page, always the same users
        HugeTotal, // totalResults 10^9 and fresh users on every page
        GrowingTotal, // totalResults always one page ahead, fresh users on every page
        UsersWithoutId, // fresh users without an "id" on every page
    };

    HostileListServer(FaultServer& server, Pathology pathology);

    static QString name(Pathology pathology);
    // Users a page holds, whatever count the client asked for (0: as many as asked).
    void setUsersPerPage(int users) { m_usersPerPage = users; }

    int userPagesServed() const { return m_pages; }
    int writes() const { return m_writes; }

private:
    FaultServer::Reply answer(const FaultServer::Request& request);
    FaultServer::Reply userPage(const FaultServer::Request& request);
    QString nextCursor(const QByteArray& cursor) const;

    Pathology m_pathology;
    int m_usersPerPage = 0;
    int m_pages = 0;
    int m_writes = 0;
};
