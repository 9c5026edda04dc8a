#include "PatchOperation.h"

#include <QJsonArray>

QString PatchOperation::opName(Op op)
{
    switch (op) {
    case Op::Add:
        return QStringLiteral("add");
    case Op::Replace:
        return QStringLiteral("replace");
    case Op::Remove:
        return QStringLiteral("remove");
    }
    return QString();
}

QJsonObject PatchOperation::toJson() const
{
    QJsonObject json {{QStringLiteral("op"), opName(op)}};
    if (!path.isEmpty())
        json.insert(QStringLiteral("path"), path);
    if (!value.isUndefined())
        json.insert(QStringLiteral("value"), value);
    return json;
}

QJsonObject PatchOperation::requestBody(const QList<PatchOperation>& operations)
{
    QJsonArray ops;
    for (const PatchOperation& operation : operations)
        ops.append(operation.toJson());
    return QJsonObject {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
        {QStringLiteral("Operations"), ops},
    };
}
