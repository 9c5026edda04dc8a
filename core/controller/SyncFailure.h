#pragma once

#include <QMetaType>
#include <QString>

// Why a preview or a single-user provisioning could not start or finish, with what to do.
// The kind lets the CLI choose its exit code; the GUI shows message and hint.
struct SyncFailure
{
    enum class Kind
    {
        Setup, // the application, its server or its assignment is missing or unusable
        Busy, // a run of this application is going on
        Secret, // the server's secret is not stored
        Keychain, // the keychain (or headless secret source) failed
        Read, // the directory or the SCIM server could not be read; nothing was changed
        // The application's directory source could not be read completely (bind, TLS, a limit, a
        // dropped connection …): the SCIM server was not contacted at all.
        SourceRead,
        Cancelled,
    };

    Kind kind = Kind::Read;
    QString message;
    QString hint;
    // The failure concerns the application's directory source (its bind password or its read),
    // not the SCIM server: a front end points at the source's settings and test.
    bool aboutSource = false;

    QString fullMessage() const { return hint.isEmpty() ? message : message + QLatin1Char(' ') + hint; }
};

Q_DECLARE_METATYPE(SyncFailure)
