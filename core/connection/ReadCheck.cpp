#include "ReadCheck.h"

ReadCheck::ReadCheck(ConnectionCheckContext& context, QObject* parent)
    : ListReadCheck(ConnectionStep::Read,
        Target {QStringLiteral("/Users"), QStringLiteral("userName"), ConnectionFailure::FilterIgnored,
            ConnectionFailure::FilterRejected, tr("read users (GET /Users)"), tr("read users")},
        context, parent)
{
}
