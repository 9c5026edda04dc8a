#include "LogCategories.h"

Q_LOGGING_CATEGORY(lcStorage, "scimdesk.storage", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSecrets, "scimdesk.secrets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcServerTypes, "scimdesk.servertypes", QtWarningMsg)
Q_LOGGING_CATEGORY(lcScim, "scimdesk.scim", QtWarningMsg)
Q_LOGGING_CATEGORY(lcScimTrace, "scimdesk.scim.trace", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSync, "scimdesk.sync", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDirectory, "scimdesk.directory", QtWarningMsg)
Q_LOGGING_CATEGORY(lcConnection, "scimdesk.connection", QtWarningMsg)
