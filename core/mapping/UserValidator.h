#pragma once

#include "MappedUser.h"
#include "UserValidation.h"
#include "ValidationFallbacks.h"
#include "ValidationReport.h"
#include "model/ServerCapabilities.h"

#include <QJsonObject>
#include <QList>

#include <functional>

// Checks mapped users against what the target accepts before anything is sent, so one
// bad directory entry becomes a clear line in the plan instead of a 400 in the middle of a
// sync. The rules come from ServerCapabilities: required attributes, one value for
// single-valued multi-attributes, forbidden characters and length of userName, string
// lengths, control characters, reserved userNames, and a boolean "active".
class UserValidator
{
public:
    explicit UserValidator(const ServerCapabilities& capabilities, const ValidationFallbacks& fallbacks = {});

    UserValidation validate(const QJsonObject& resource) const;
    ValidationReport validateAll(const QList<MappedUser>& users) const;

private:
    // Records one violation of the user being validated: attribute, reason, fix.
    using Violation = std::function<void(const QString& attribute, const QString& reason, const QString& fix)>;

    void applyFallbacks(QJsonObject& resource, QStringList* applied) const;
    bool requires(const QString& path) const;
    // The checks validate() runs, in this order.
    void checkRequired(const QJsonObject& resource, const Violation& violation) const;
    void checkSingleValued(const QJsonObject& resource, const Violation& violation) const;
    void checkUserName(const QString& userName, const Violation& violation) const;
    void checkStrings(const QJsonObject& resource, const Violation& violation) const;
    void checkActive(const QJsonObject& resource, const Violation& violation) const;

    ServerCapabilities m_capabilities;
    ValidationFallbacks m_fallbacks;
};
