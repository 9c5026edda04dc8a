#pragma once

#include <QJsonValue>

// The form two attribute values are compared in, so that what only looks different is not
// sent as a change: absent, null, "" and [] are the same; true and "true" are the same;
// 1 and "1" are the same; multi-valued attributes compare without order; text compares
// without case where the target ignores case (caseExact=false).
class AttributeNormalizer
{
public:
    // Null for "no value"; otherwise strings (booleans and numbers as text), arrays sorted
    // with empty elements dropped (a single element stands for itself), objects without
    // empty members.
    static QJsonValue normalize(const QJsonValue& value, bool caseExact = true);
    static bool equivalent(const QJsonValue& a, const QJsonValue& b, bool caseExact = true);
};
