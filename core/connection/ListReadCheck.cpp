#include "ListReadCheck.h"

#include "ListPageCheck.h"

#include "scim/ScimClient.h"

#include <QUuid>

ListReadCheck::ListReadCheck(ConnectionStep step, Target target, ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(step, context, parent)
    , m_target(std::move(target))
{
}

QString ListReadCheck::checked() const
{
    return tr("GET %1?filter=%2 eq \"<a name that cannot exist>\" returns nothing; GET %1 without a filter (one "
              "page) returns usable objects")
        .arg(m_target.endpoint, m_target.nameAttribute);
}

void ListReadCheck::run()
{
    setOperation(m_target.operation, m_target.permission);
    const QString probeName = QStringLiteral("scimdesk-connection-test-probe-%1@invalid.example")
                                  .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    track(client().listResources(m_target.endpoint, ScimFilter::eq(m_target.nameAttribute, probeName), this,
        guarded<const ListAnswer&>([this](const ListAnswer& answer) { filtered(answer); })));
}

void ListReadCheck::filtered(const ListAnswer& answer)
{
    if (!answer) {
        explain(answer.error());
        if (answer.error().kind == ScimError::Kind::Http && answer.error().httpStatus == 400)
            remark(m_target.filterRejected);
        finish();
        return;
    }
    if (!answer.value().isEmpty()) {
        fail(m_target.filterIgnored, {{QStringLiteral("count"), QString::number(answer.value().size())}});
        finish();
        return;
    }
    result().details
        << tr("The filter for a %1 that cannot exist returned an empty list, as it must.").arg(m_target.nameAttribute);
    readPage();
}

void ListReadCheck::readPage()
{
    const int pageSize = std::max(1, context().server().capabilities.maxPageSize);
    track(client().readFirstPage(m_target.endpoint, ScimFilter(), pageSize, this,
        guarded<const ObjectAnswer&>([this](const ObjectAnswer& answer) { paged(answer); })));
}

void ListReadCheck::paged(const ObjectAnswer& answer)
{
    const ConnectionRemediation::Facts facts {{QStringLiteral("endpoint"), m_target.endpoint}};
    if (!answer) {
        if (answer.error().kind == ScimError::Kind::InvalidResponse
            || answer.error().kind == ScimError::Kind::TooLarge) {
            ConnectionRemediation::Facts invalid = facts;
            const ScimError& error = answer.error();
            invalid.insert(QStringLiteral("detail"), error.detail.isEmpty() ? error.message() : error.detail);
            fail(ConnectionFailure::ListPageInvalid, invalid);
        } else {
            explain(answer.error());
        }
        finish();
        return;
    }
    ListPageCheck::Page page;
    if (const auto problem = ListPageCheck::problem(answer.value(), m_target.nameAttribute, &page)) {
        ConnectionRemediation::Facts invalid = facts;
        invalid.insert(QStringLiteral("detail"), *problem);
        fail(ConnectionFailure::ListPageInvalid, invalid);
        finish();
        return;
    }
    result().details << (page.total >= 0
            ? tr("GET %1 without a filter: %2 object(s) on the first page, %3 in all.")
                  .arg(m_target.endpoint)
                  .arg(page.objects)
                  .arg(page.total)
            : tr("GET %1 without a filter: %2 object(s) on the first page.").arg(m_target.endpoint).arg(page.objects));
    pageRead();
}

void ListReadCheck::pageRead()
{
    finish();
}
