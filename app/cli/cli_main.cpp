#include "CliApplication.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // The same names as the GUI: they choose the default profile directory both share.
    QCoreApplication::setApplicationName(QStringLiteral("ScimDesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("ScimDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCIMDESK_VERSION));
    return CliApplication::run(QCoreApplication::arguments());
}
