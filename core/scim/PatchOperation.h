#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

// One RFC 7644 PATCH operation ("add", "replace" or "remove" with an optional path).
struct PatchOperation
{
    enum class Op
    {
        Add,
        Replace,
        Remove,
    };

    Op op = Op::Replace;
    QString path; // may be empty for add/replace of whole attributes; required for remove
    QJsonValue value; // unused for remove without a value filter

    static PatchOperation add(const QString& path, const QJsonValue& value) { return {Op::Add, path, value}; }
    static PatchOperation replace(const QString& path, const QJsonValue& value) { return {Op::Replace, path, value}; }
    static PatchOperation remove(const QString& path, const QJsonValue& value = QJsonValue::Undefined)
    {
        return {Op::Remove, path, value};
    }

    QJsonObject toJson() const;
    // The complete PatchOp request body.
    static QJsonObject requestBody(const QList<PatchOperation>& operations);
    static QString opName(Op op);

    bool operator==(const PatchOperation& other) const
    {
        return op == other.op && path == other.path && value == other.value;
    }
};
