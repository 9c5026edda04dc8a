#pragma once

#include <QList>
#include <QString>

// A SCIM attribute that is always sent with the same value, e.g. userType = "Employee".
struct StaticAttribute
{
    QString target;
    QString value;

    bool operator==(const StaticAttribute& other) const { return target == other.target && value == other.value; }
};

using StaticAttributes = QList<StaticAttribute>;
