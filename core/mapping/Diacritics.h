#pragma once

#include <QString>

namespace Diacritics {

// Folds text to plain Latin letters for systems that only take ASCII user names:
// é→e, Å→A, ß→ss, ø→o, æ→ae, ł→l, þ→th … Letters without a Latin base stay as they are.
QString fold(const QString& text);

} // namespace Diacritics
