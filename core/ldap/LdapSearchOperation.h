#pragma once

#include "LdapConnection.h"
#include "LdapFailure.h"
#include "LdapRemediation.h"

#include <QByteArray>

#include <functional>

#include <ldap.h>

class LdapSession;

// One search of an OpenLdapConnection, page by page: sends each page's request with the
// paged-results control (and DOMAIN_SCOPE when asked), hands every entry to the handler as it
// arrives, checks continuation references against the base DN and turns any result but
// success into the connection's error. Any page that does not end in success ends the search:
// an incomplete search is a failed search.
class LdapSearchOperation
{
public:
    using Fail = std::function<SourceReadError(LdapFailure failure, const LdapRemediation::Facts& facts)>;

    LdapSearchOperation(
        LdapSession& session, const LdapSearchRequest& request, int timeoutMs, bool anonymous, Fail fail);

    Status<SourceReadError> run(const LdapConnection::EntryHandler& onEntry, const std::atomic_bool& cancelled);

private:
    Status<SourceReadError> sendPage(int* msgid);
    // Handles the messages of one delivery; *done is set once the page's result was handled.
    Status<SourceReadError> handle(LDAPMessage* messages, const LdapConnection::EntryHandler& onEntry, bool* done);
    Status<SourceReadError> handleReference(LDAPMessage* message);
    Status<SourceReadError> handleResult(LDAPMessage* message);
    // Fills m_entry in place (its lists keep their capacity from one entry to the next); false
    // when the entry is not valid BER.
    bool readEntry(LDAPMessage* message);
    SourceReadError failure(LdapFailure failure, const LdapRemediation::Facts& extra = {}) const;

    LdapSession& m_session;
    const LdapSearchRequest& m_request;
    int m_timeoutMs;
    bool m_anonymous;
    Fail m_fail;
    QByteArray m_cookie;
    int m_msgid = -1;
    int m_entries = 0;
    bool m_sampled = false;
    LdapEntry m_entry;
};
