#include "HostileListServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray listResponse(const QJsonArray& resources, qint64 total, const QString& nextCursor)
{
    QJsonObject body {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse")}},
        {QStringLiteral("itemsPerPage"), int(resources.size())}, {QStringLiteral("Resources"), resources}};
    if (total >= 0)
        body.insert(QStringLiteral("totalResults"), total);
    if (!nextCursor.isEmpty())
        body.insert(QStringLiteral("nextCursor"), nextCursor);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QJsonObject user(int number, bool withId)
{
    const QString name = QStringLiteral("hostile%1").arg(number);
    QJsonObject resource {{QStringLiteral("userName"), name + QStringLiteral("@hostile.example")},
        {QStringLiteral("displayName"), QStringLiteral("Hostile ") + name},
        {QStringLiteral("name"),
            QJsonObject {
                {QStringLiteral("givenName"), QStringLiteral("Hostile")}, {QStringLiteral("familyName"), name}}},
        {QStringLiteral("active"), true}};
    if (withId)
        resource.insert(QStringLiteral("id"), QStringLiteral("u%1").arg(number));
    return resource;
}

} // namespace

HostileListServer::HostileListServer(FaultServer& server, Pathology pathology)
    : m_pathology(pathology)
{
    server.setHandler([this](const FaultServer::Request& request) { return answer(request); });
}

QString HostileListServer::name(Pathology pathology)
{
    switch (pathology) {
    case Pathology::CursorCycle:
        return QStringLiteral("cursors in a circle A, B, A");
    case Pathology::FreshCursorEveryPage:
        return QStringLiteral("a fresh cursor and fresh users on every page");
    case Pathology::FreshCursorSameUsers:
        return QStringLiteral("a fresh cursor and the same users on every page");
    case Pathology::HugeTotal:
        return QStringLiteral("totalResults 10^9 and fresh users on every page");
    case Pathology::GrowingTotal:
        return QStringLiteral("totalResults one page ahead and fresh users on every page");
    case Pathology::UsersWithoutId:
        return QStringLiteral("fresh users without an id on every page");
    }
    return QString();
}

FaultServer::Reply HostileListServer::answer(const FaultServer::Request& request)
{
    if (request.path().endsWith("/ServiceProviderConfig"))
        return FaultServer::Reply::json(404, QByteArray());
    if (request.method != "GET") {
        ++m_writes;
        QJsonObject created = QJsonDocument::fromJson(request.body).object();
        created.insert(QStringLiteral("id"), QStringLiteral("created%1").arg(m_writes));
        return FaultServer::Reply::json(201, QJsonDocument(created).toJson(QJsonDocument::Compact));
    }
    // Membership reads (a filter) and every other list are empty.
    if (request.path().endsWith("/Users") && request.queryValue("filter").isNull())
        return userPage(request);
    return FaultServer::Reply::json(200, listResponse({}, 0, QString()));
}

FaultServer::Reply HostileListServer::userPage(const FaultServer::Request& request)
{
    const int page = ++m_pages;
    const int asked = request.queryValue("count").toInt();
    const int count = m_usersPerPage > 0 ? m_usersPerPage : (asked > 0 ? asked : 100);
    const int first = m_pathology == Pathology::FreshCursorSameUsers ? 0 : (page - 1) * count;
    QJsonArray users;
    for (int i = 0; i < count; ++i)
        users.append(user(first + i, m_pathology != Pathology::UsersWithoutId));
    qint64 total = -1;
    if (m_pathology == Pathology::HugeTotal)
        total = 1000000000;
    else if (m_pathology == Pathology::GrowingTotal)
        total = qint64(page + 1) * count;
    const QByteArray cursor = request.queryValue("cursor");
    const QString next = cursor.isNull() ? QString() : nextCursor(cursor);
    return FaultServer::Reply::json(200, listResponse(users, total, next));
}

QString HostileListServer::nextCursor(const QByteArray& cursor) const
{
    if (m_pathology == Pathology::CursorCycle)
        return cursor == "A" ? QStringLiteral("B") : QStringLiteral("A");
    return QStringLiteral("c%1").arg(m_pages);
}
