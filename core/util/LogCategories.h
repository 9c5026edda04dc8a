#pragma once

#include <QLoggingCategory>

// One category per module; warnings and above are on by default.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcServerTypes)
Q_DECLARE_LOGGING_CATEGORY(lcScim)
Q_DECLARE_LOGGING_CATEGORY(lcScimTrace)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcDirectory)
Q_DECLARE_LOGGING_CATEGORY(lcConnection)
