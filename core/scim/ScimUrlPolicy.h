#pragma once

#include "ScimError.h"

#include <QString>
#include <QUrl>

#include <util/Result.h>

// Which server URLs the client talks to: https anywhere, plain http only to this machine
// (127.0.0.0/8, ::1, localhost) so a token never crosses a network in clear text.
class ScimUrlPolicy
{
public:
    static bool isLoopbackHost(const QString& host);
    // Ok, or a Refused error whose detail says what is wrong and what to do.
    static Status<ScimError> check(const QUrl& url);
    // The base URL as it will be used: whitespace trimmed, trailing slashes removed
    // (admins paste it with and without one).
    static QUrl normalizedBaseUrl(const QUrl& url);
};
