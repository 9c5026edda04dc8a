#pragma once

#include "ConnectionCheck.h"

// Step 1: the URL as entered, without any network access (UrlDiagnosis): a wrong paste, a
// missing /scim/v2, credentials or plain http stop the test before anything is sent.
class UrlCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit UrlCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;
};
