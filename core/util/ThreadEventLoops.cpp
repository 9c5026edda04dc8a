#include "ThreadEventLoops.h"

#include <QByteArray>
#include <QtGlobal>

void ThreadEventLoops::useQtDispatcher()
{
    // Read by Qt when a QThread starts (QThreadPrivate::createEventDispatcher), so it takes effect
    // for threads started afterwards; setting it before any thread exists avoids racing getenv().
    if (!qEnvironmentVariableIsSet("QT_NO_THREADED_GLIB"))
        qputenv("QT_NO_THREADED_GLIB", QByteArray("1"));
}
