#pragma once

#include "ListReadCheck.h"

// Step 6: reads users the way a sync reads them (ListReadCheck on /Users by userName).
class ReadCheck : public ListReadCheck
{
    Q_OBJECT

public:
    explicit ReadCheck(ConnectionCheckContext& context, QObject* parent = nullptr);
};
