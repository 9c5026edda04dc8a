#include "StepText.h"

#include "util/DisplayText.h"

#include <QCoreApplication>
#include <QJsonArray>

QString StepText::format(const Step& step)
{
    const auto tr = [](const char* text) { return QCoreApplication::translate("cli", text); };
    QString text = QStringLiteral("[%1] %2 (%3 ms)")
                       .arg(ConnectionVerdicts::id(step.verdict).toUpper(), step.title)
                       .arg(step.durationMs);
    if (!step.checked.isEmpty()) {
        text += QStringLiteral("\n    ") + step.checked;
    }
    if (!step.cause.isEmpty()) {
        text += QStringLiteral("\n    ") + tr("cause: %1").arg(step.cause);
    }
    if (!step.fix.isEmpty()) {
        text += QStringLiteral("\n    ") + tr("fix: %1").arg(step.fix);
    }
    for (const QString& detail : step.details) {
        text += QStringLiteral("\n    - ") + DisplayText::escaped(detail);
    }
    if (!step.requestId.isEmpty()) {
        text += QStringLiteral("\n    ") + tr("request id: %1").arg(DisplayText::escaped(step.requestId));
    }
    return text;
}

QJsonObject StepText::json(const Step& step, const QString& stepId, bool includeRequestId)
{
    QJsonObject object {
        {QStringLiteral("step"), stepId},
        {QStringLiteral("title"), step.title},
        {QStringLiteral("verdict"), ConnectionVerdicts::id(step.verdict)},
        {QStringLiteral("durationMs"), step.durationMs},
        {QStringLiteral("checked"), step.checked},
        {QStringLiteral("cause"), step.cause},
        {QStringLiteral("fix"), step.fix},
        {QStringLiteral("details"), QJsonArray::fromStringList(step.details)},
    };
    if (includeRequestId) {
        object.insert(QStringLiteral("requestId"), step.requestId);
    }
    return object;
}
