#pragma once

#include "directory/DirectorySnapshot.h"
#include "model/Application.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class Database;
class QTimer;

// Counts the users of the application's source an assignment puts in scope, off the GUI thread:
// the directory (embedded, or a directory source's last read) is read once into a DirectorySnapshot on a pool thread,
// then each (debounced) change of the assignment is evaluated there with the sync's own ScopeEvaluator. Only the newest
// request reports; a result that arrives after a newer change is dropped.
class ScopeCounter : public QObject
{
    Q_OBJECT

public:
    explicit ScopeCounter(std::shared_ptr<Database> database, QObject* parent = nullptr);

    // Counts in another source (0: the embedded directory; else a directory source's last read).
    void setSourceId(qint64 sourceId);
    qint64 sourceId() const { return m_sourceId; }

    // Counts after a short pause, so typing in a filter does not start one job per key.
    void setAssignment(const Assignment& assignment);
    // Counts now (e.g. the first count when a dialog opens).
    void countNow();
    // Re-reads the directory, then counts again.
    void reloadDirectory();

    bool isComputing() const { return m_computing; }
    // -1 until the first count arrives.
    int inScopeCount() const { return m_inScope; }
    int directoryUserCount() const;
    // Custom attribute names seen on any directory user, sorted; empty until the directory is read.
    QStringList customAttributeNames() const { return m_customAttributes; }

    // Users in scope for each application, on a pool thread; call from the GUI thread and the
    // callback runs there, skipped when context is gone.
    static void countApplications(std::shared_ptr<Database> database, const QList<Application>& applications,
        QObject* context, std::function<void(const QHash<qint64, int>& counts, const QString& error)> done);

signals:
    void computingChanged(bool computing);
    void counted(int inScope, int directoryUsers);
    void directoryLoaded();
    void failed(const QString& message);

private:
    void start();

    std::shared_ptr<Database> m_database;
    qint64 m_sourceId = 0;
    QTimer* m_debounce = nullptr;
    Assignment m_assignment;
    std::optional<DirectorySnapshot> m_snapshot;
    bool m_loading = false;
    bool m_computing = false;
    quint64 m_generation = 0;
    int m_inScope = -1;
    QStringList m_customAttributes;
};
