#pragma once

#include "SourceCheck.h"

#include <QHash>
#include <QString>
#include <QStringList>

// Whether groups contain groups and, with the in-chain rule, whether the directory answers it and
// agrees with expanding the members here.
class SourceNestingCheck : public SourceCheck
{
public:
    // The groups looked at: normalised DN -> normalised member DNs, and the DNs as written.
    struct GroupSample
    {
        QHash<QString, QStringList> members;
        QHash<QString, QString> dns;
    };

    SourceNestingCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;

private:
    void checkInChain(
        SourceCheckContext& context, SourceTestStepResult& result, const GroupSample& sample, const QString& group);
};
