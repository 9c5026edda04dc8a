#pragma once

#include <QString>

// Why a SCIM attribute path could not be read. position is the 1-based column of the
// offending character, the same number the message shows, so an editor can put the caret there.
struct ScimPathError
{
    int position = 0;
    QString message;
};
