#include "ConnectionVerdict.h"

#include <QCoreApplication>

namespace ConnectionVerdicts {

QString id(ConnectionVerdict verdict)
{
    switch (verdict) {
    case ConnectionVerdict::Pass:
        return QStringLiteral("pass");
    case ConnectionVerdict::Warning:
        return QStringLiteral("warning");
    case ConnectionVerdict::Fail:
        return QStringLiteral("fail");
    case ConnectionVerdict::Skipped:
        return QStringLiteral("skipped");
    }
    return QString();
}

QString displayName(ConnectionVerdict verdict)
{
    switch (verdict) {
    case ConnectionVerdict::Pass:
        return QCoreApplication::translate("ConnectionVerdict", "Passed");
    case ConnectionVerdict::Warning:
        return QCoreApplication::translate("ConnectionVerdict", "Warning");
    case ConnectionVerdict::Fail:
        return QCoreApplication::translate("ConnectionVerdict", "Failed");
    case ConnectionVerdict::Skipped:
        return QCoreApplication::translate("ConnectionVerdict", "Skipped");
    }
    return QString();
}

ConnectionVerdict worst(ConnectionVerdict a, ConnectionVerdict b)
{
    auto rank = [](ConnectionVerdict v) {
        switch (v) {
        case ConnectionVerdict::Fail:
            return 2;
        case ConnectionVerdict::Warning:
            return 1;
        case ConnectionVerdict::Pass:
        case ConnectionVerdict::Skipped:
            return 0;
        }
        return 0;
    };
    return rank(b) > rank(a) ? b : a;
}

} // namespace ConnectionVerdicts
