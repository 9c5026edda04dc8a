#pragma once

#include "ConnectionCheck.h"

// Step 8: round-trip times and throttling of every request the earlier steps made (the
// client's HTTP trace): 429s with or without Retry-After, 5xx answers that were retried,
// requests without an answer, a slow median. Sends nothing itself.
class LatencyCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit LatencyCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;
};
