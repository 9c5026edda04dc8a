#pragma once

// How the event loops of secondary threads (the SCIM client's worker, Qt's HTTP threads, the
// sync session) wait and wake up. Called at the top of main(), before any thread exists.
class ThreadEventLoops
{
public:
    // Qt's own dispatcher in every QThread instead of GLib's; the GUI thread keeps GLib. GLib's
    // writes the thread's eventfd for every event posted, even one a thread posts to itself, and
    // Qt's HTTP code posts ~20 per request; Qt's writes once until the thread wakes. Measured:
    // ~20 fewer system calls and ~8 % less client CPU per request (tests/bench/README.md). An
    // explicit QT_NO_THREADED_GLIB in the environment is left as it is.
    static void useQtDispatcher();
};
