// Linked into every test executable: tests see the texts the app shows (real plural forms),
// because the English translation is installed as soon as the QCoreApplication exists.
#include <util/Translations.h>

#include <QCoreApplication>

namespace {
void installTranslations()
{
    Translations::install();
}
} // namespace

Q_COREAPP_STARTUP_FUNCTION(installTranslations)
