#include "ScopingFilterJson.h"

#include <QJsonObject>

QJsonArray ScopingFilterJson::toJson(const ScopingFilters& filters)
{
    QJsonArray result;
    for (const auto& filter : filters) {
        QJsonArray clauses;
        for (const auto& clause : filter.clauses) {
            clauses.append(QJsonObject {{QStringLiteral("attribute"), clause.attribute},
                {QStringLiteral("operator"), ScopingClause::operatorId(clause.op)},
                {QStringLiteral("value"), clause.value}});
        }
        result.append(QJsonObject {{QStringLiteral("name"), filter.name}, {QStringLiteral("clauses"), clauses}});
    }
    return result;
}

ScopingFilters ScopingFilterJson::fromJson(const QJsonArray& json)
{
    ScopingFilters filters;
    for (const auto& item : json) {
        const QJsonObject object = item.toObject();
        ScopingFilter filter;
        filter.name = object.value(QStringLiteral("name")).toString();
        for (const auto& c : object.value(QStringLiteral("clauses")).toArray()) {
            const QJsonObject clauseObject = c.toObject();
            ScopingClause clause;
            clause.attribute = clauseObject.value(QStringLiteral("attribute")).toString();
            if (!ScopingClause::operatorFromId(clauseObject.value(QStringLiteral("operator")).toString(), &clause.op)) {
                continue;
            }
            clause.value = clauseObject.value(QStringLiteral("value")).toString();
            filter.clauses.append(clause);
        }
        filters.append(filter);
    }
    return filters;
}
