#include "LdapSearchOperation.h"

#include "LdapErrorClassifier.h"
#include "LdapSession.h"

#include "sources/DistinguishedName.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace {

const char* const kDomainScopeOid = "1.2.840.113556.1.4.1339";

int scopeOf(LdapSearchRequest::Scope scope)
{
    switch (scope) {
    case LdapSearchRequest::Scope::Base:
        return LDAP_SCOPE_BASE;
    case LdapSearchRequest::Scope::OneLevel:
        return LDAP_SCOPE_ONELEVEL;
    case LdapSearchRequest::Scope::Subtree:
        break;
    }
    return LDAP_SCOPE_SUBTREE;
}

struct ControlDeleter
{
    void operator()(LDAPControl* control) const { ldap_control_free(control); }
};

} // namespace

LdapSearchOperation::LdapSearchOperation(
    LdapSession& session, const LdapSearchRequest& request, int timeoutMs, bool anonymous, Fail fail)
    : m_session(session)
    , m_request(request)
    , m_timeoutMs(timeoutMs)
    , m_anonymous(anonymous)
    , m_fail(std::move(fail))
{
}

SourceReadError LdapSearchOperation::failure(LdapFailure failure, const LdapRemediation::Facts& extra) const
{
    LdapRemediation::Facts facts = extra;
    facts.insert(QStringLiteral("baseDn"), m_request.baseDn.isEmpty() ? QStringLiteral("(root)") : m_request.baseDn);
    facts.insert(QStringLiteral("filter"), m_request.filter);
    return m_fail(failure, facts);
}

Status<SourceReadError> LdapSearchOperation::run(
    const LdapConnection::EntryHandler& onEntry, const std::atomic_bool& cancelled)
{
    do {
        if (auto sent = sendPage(&m_msgid); !sent) {
            return sent;
        }
        bool done = false;
        while (!done) {
            const LdapSession::Wait wait = m_session.waitFor(m_msgid, cancelled, m_timeoutMs);
            if (wait.stop != LdapSession::Stop::None) {
                return failure(
                    wait.stop == LdapSession::Stop::Cancelled ? LdapFailure::Cancelled : LdapFailure::Timeout);
            }
            if (!wait.messages) {
                return failure(LdapErrorClassifier::fromResult(
                                   LdapErrorClassifier::Operation::Search, wait.error, QString(), m_anonymous),
                    {{QStringLiteral("code"), QString::number(wait.error)},
                        {QStringLiteral("codeName"), QString::fromUtf8(ldap_err2string(wait.error))},
                        {QStringLiteral("diagnostic"), m_session.diagnostic()}});
            }
            const Status<SourceReadError> handled = handle(wait.messages, onEntry, &done);
            ldap_msgfree(wait.messages);
            if (!handled) {
                if (!done) {
                    ldap_abandon_ext(m_session.handle(), m_msgid, nullptr, nullptr);
                }
                return handled;
            }
        }
    } while (m_request.pageSize > 0 && !m_cookie.isEmpty() && !m_sampled);
    return {};
}

Status<SourceReadError> LdapSearchOperation::sendPage(int* msgid)
{
    LDAP* ld = m_session.handle();
    std::unique_ptr<LDAPControl, ControlDeleter> page;
    if (m_request.pageSize > 0) {
        struct berval cookie
        {
            ber_len_t(m_cookie.size()), m_cookie.data()
        };
        LDAPControl* control = nullptr;
        // Critical: a server that cannot page must refuse, never answer with a truncated result.
        const int size
            = m_request.maxEntries > 0 ? std::min(m_request.pageSize, m_request.maxEntries) : m_request.pageSize;
        const int rc
            = ldap_create_page_control(ld, ber_int_t(size), m_cookie.isEmpty() ? nullptr : &cookie, 1, &control);
        if (rc != LDAP_SUCCESS) {
            return failure(LdapFailure::PagingFailed, {{QStringLiteral("code"), QString::number(rc)}});
        }
        page.reset(control);
    }
    LDAPControl domainScope {const_cast<char*>(kDomainScopeOid), {0, nullptr}, 0};
    std::vector<LDAPControl*> controls;
    if (page) {
        controls.push_back(page.get());
    }
    if (m_request.domainScope) {
        controls.push_back(&domainScope);
    }
    controls.push_back(nullptr);

    QList<QByteArray> names;
    for (const QString& attribute : m_request.attributes) {
        names.append(attribute.toUtf8());
    }
    if (names.isEmpty()) {
        names.append(QByteArrayLiteral(LDAP_NO_ATTRS));
    }
    std::vector<char*> attributes;
    for (QByteArray& name : names) {
        attributes.push_back(name.data());
    }
    attributes.push_back(nullptr);

    const QByteArray base = m_request.baseDn.toUtf8();
    const QByteArray filter = m_request.filter.toUtf8();
    const int rc = ldap_search_ext(ld, base.constData(), scopeOf(m_request.scope), filter.constData(),
        attributes.data(), 0, controls.data(), nullptr, nullptr, LDAP_NO_LIMIT, msgid);
    if (rc != LDAP_SUCCESS) {
        return failure(
            LdapErrorClassifier::fromResult(LdapErrorClassifier::Operation::Search, rc, QString(), m_anonymous),
            {{QStringLiteral("code"), QString::number(rc)},
                {QStringLiteral("codeName"), QString::fromUtf8(ldap_err2string(rc))},
                {QStringLiteral("diagnostic"), m_session.diagnostic()}});
    }
    return {};
}

Status<SourceReadError> LdapSearchOperation::handle(
    LDAPMessage* messages, const LdapConnection::EntryHandler& onEntry, bool* done)
{
    LDAP* ld = m_session.handle();
    for (LDAPMessage* message = ldap_first_message(ld, messages); message; message = ldap_next_message(ld, message)) {
        switch (ldap_msgtype(message)) {
        case LDAP_RES_SEARCH_ENTRY:
            if (!readEntry(message)) {
                return failure(LdapFailure::OtherLdapError,
                    {{QStringLiteral("code"), QString::number(LDAP_DECODING_ERROR)},
                        {QStringLiteral("codeName"), QString::fromUtf8(ldap_err2string(LDAP_DECODING_ERROR))}});
            }
            if (auto accepted = onEntry(m_entry); !accepted) {
                return accepted;
            }
            if (m_request.maxEntries > 0 && ++m_entries >= m_request.maxEntries) {
                ldap_abandon_ext(ld, m_msgid, nullptr, nullptr);
                m_sampled = true;
                *done = true;
                return {};
            }
            break;
        case LDAP_RES_SEARCH_REFERENCE:
            if (auto reference = handleReference(message); !reference) {
                return reference;
            }
            break;
        case LDAP_RES_SEARCH_RESULT:
            *done = true;
            return handleResult(message);
        default:
            break;
        }
    }
    return {};
}

bool LdapSearchOperation::readEntry(LDAPMessage* message)
{
    LdapEntry& entry = m_entry;
    struct berval dn
    {
        0, nullptr
    };
    BerElement* ber = nullptr;
    if (ldap_get_dn_ber(m_session.handle(), message, &ber, &dn) != LDAP_SUCCESS) {
        return false;
    }
    entry.dn = QString::fromUtf8(dn.bv_val, int(dn.bv_len));
    // Each attribute is SEQUENCE { type, SET OF value }, read in place: views of the message's
    // own buffer, valid until the messages are freed after the handler ran (LdapEntry::detached()
    // copies what a handler keeps). ldap_get_attribute_ber would allocate an array per attribute.
    qsizetype used = 0;
    bool valid = true;
    ber_len_t length = 0;
    while (valid && ber_peek_tag(ber, &length) != LBER_DEFAULT) {
        struct berval name
        {
            0, nullptr
        };
        // What ber_scanf's "{m" and "m" do, without parsing a format for every value.
        valid = ber_skip_tag(ber, &length) != LBER_DEFAULT
            && ber_get_stringbv(ber, &name, LBER_BV_NOTERM) != LBER_DEFAULT;
        if (!valid) {
            break;
        }
        if (used == entry.attributes.size()) {
            entry.attributes.emplaceBack();
        }
        LdapEntry::Attribute& attribute = entry.attributes[used++];
        attribute.name = QByteArray::fromRawData(name.bv_val, qsizetype(name.bv_len));
        attribute.values.clear();
        char* last = nullptr;
        for (ber_tag_t tag = ber_first_element(ber, &length, &last); valid && tag != LBER_DEFAULT;
             tag = ber_next_element(ber, &length, last)) {
            struct berval value
            {
                0, nullptr
            };
            valid = ber_get_stringbv(ber, &value, LBER_BV_NOTERM) != LBER_DEFAULT;
            attribute.values.append(QByteArray::fromRawData(value.bv_val, qsizetype(value.bv_len)));
        }
    }
    entry.attributes.resize(used);
    ber_free(ber, 0);
    return valid;
}

Status<SourceReadError> LdapSearchOperation::handleReference(LDAPMessage* message)
{
    char** references = nullptr;
    if (ldap_parse_reference(m_session.handle(), message, &references, nullptr, 0) != LDAP_SUCCESS) {
        return failure(LdapFailure::ReferralNeeded, {{QStringLiteral("referral"), QStringLiteral("(unreadable)")}});
    }
    QString needed;
    for (char** reference = references; reference && *reference && needed.isEmpty(); ++reference) {
        LDAPURLDesc* url = nullptr;
        QString dn;
        if (ldap_url_parse(*reference, &url) == LDAP_URL_SUCCESS) {
            dn = url->lud_dn ? QString::fromUtf8(url->lud_dn) : QString();
            ldap_free_urldesc(url);
        }
        const QString key = DistinguishedName::normalizedKey(dn);
        const bool ignored = !dn.isEmpty()
            && std::any_of(m_request.ignoredReferences.begin(), m_request.ignoredReferences.end(),
                [&key](const QString& context) { return DistinguishedName::normalizedKey(context) == key; });
        if (!ignored) {
            needed = QString::fromUtf8(*reference);
        }
    }
    ber_memvfree(reinterpret_cast<void**>(references));
    if (!needed.isEmpty()) {
        return failure(LdapFailure::ReferralNeeded, {{QStringLiteral("referral"), needed}});
    }
    return {};
}

Status<SourceReadError> LdapSearchOperation::handleResult(LDAPMessage* message)
{
    LDAP* ld = m_session.handle();
    int code = LDAP_SUCCESS;
    char* matched = nullptr;
    char* diagnostic = nullptr;
    char** referrals = nullptr;
    LDAPControl** controls = nullptr;
    const int rc = ldap_parse_result(ld, message, &code, &matched, &diagnostic, &referrals, &controls, 0);
    const QString matchedDn = matched ? QString::fromUtf8(matched) : QString();
    const QString serverSaid = diagnostic ? QString::fromUtf8(diagnostic) : QString();
    const QString referral = referrals && referrals[0] ? QString::fromUtf8(referrals[0]) : QString();
    m_cookie.clear();
    if (rc == LDAP_SUCCESS && code == LDAP_SUCCESS && m_request.pageSize > 0) {
        LDAPControl* page = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, controls, nullptr);
        struct berval cookie
        {
            0, nullptr
        };
        ber_int_t estimate = 0;
        if (page && ldap_parse_pageresponse_control(ld, page, &estimate, &cookie) == LDAP_SUCCESS) {
            m_cookie = QByteArray(cookie.bv_val, qsizetype(cookie.bv_len));
            ber_memfree(cookie.bv_val);
        }
    }
    ldap_memfree(matched);
    ldap_memfree(diagnostic);
    ber_memvfree(reinterpret_cast<void**>(referrals));
    ldap_controls_free(controls);
    if (rc != LDAP_SUCCESS || code != LDAP_SUCCESS) {
        const int result = rc != LDAP_SUCCESS ? rc : code;
        return failure(
            LdapErrorClassifier::fromResult(LdapErrorClassifier::Operation::Search, result, serverSaid, m_anonymous),
            {{QStringLiteral("code"), QString::number(result)},
                {QStringLiteral("codeName"), QString::fromUtf8(ldap_err2string(result))},
                {QStringLiteral("diagnostic"), serverSaid}, {QStringLiteral("matched"), matchedDn},
                {QStringLiteral("referral"), referral}});
    }
    return {};
}
