#include "SecretError.h"

#include <QCoreApplication>

#include <utility>

SecretError::SecretError(Kind kind, QString message, QString hint)
    : kind(kind)
    , message(std::move(message))
    , hint(hint.isNull() ? defaultHint(kind) : std::move(hint))
{
}

QString SecretError::defaultHint(Kind kind)
{
    switch (kind) {
    case Kind::NotFound:
        return QCoreApplication::translate("SecretError",
            "No secret is stored for this server yet. Enter the token or password in the server's settings.");
    case Kind::NoBackend:
        return QCoreApplication::translate("SecretError",
            "Start a Secret Service provider such as GNOME Keyring or KWallet and unlock it, then try again. "
            "ScimDesk never stores secrets in plain text.");
    case Kind::AccessDenied:
        return QCoreApplication::translate(
            "SecretError", "Unlock your keychain (login keyring) and allow ScimDesk to access it, then try again.");
    case Kind::Other:
        return QCoreApplication::translate("SecretError",
            "Check that the system keychain works (for example with the keychain manager of your desktop), "
            "then try again.");
    }
    return {};
}

QString SecretError::kindId(Kind kind)
{
    switch (kind) {
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::NoBackend:
        return QStringLiteral("no-backend");
    case Kind::AccessDenied:
        return QStringLiteral("access-denied");
    case Kind::Other:
        return QStringLiteral("other");
    }
    return {};
}

QString SecretError::fullMessage() const
{
    QString text = message.trimmed();
    if (hint.isEmpty()) {
        return text;
    }
    if (text.isEmpty()) {
        return hint;
    }
    if (!text.endsWith(QLatin1Char('.')) && !text.endsWith(QLatin1Char('!')) && !text.endsWith(QLatin1Char('?'))) {
        text += QLatin1Char('.');
    }
    return QCoreApplication::translate("SecretError", "%1 %2").arg(text, hint);
}
