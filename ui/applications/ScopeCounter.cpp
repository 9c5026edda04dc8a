#include "ScopeCounter.h"

#include "sources/DirectoryBrowser.h"
#include "storage/Database.h"
#include "sync/ScopeEvaluator.h"
#include "util/AsyncTask.h"

#include <QPointer>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace {

struct LoadedDirectory
{
    DirectorySnapshot snapshot;
    QStringList customAttributes;
    QString error;
};

LoadedDirectory loadDirectory(const std::shared_ptr<Database>& database, qint64 sourceId)
{
    LoadedDirectory loaded;
    // Pool threads are reused by others: do not leave this thread's connection open.
    auto snapshot = [&database, sourceId] {
        const Database::ThreadConnection connection(database);
        return DirectoryBrowser(database, sourceId).snapshot();
    }();
    if (!snapshot) {
        loaded.error = snapshot.error().message;
        return loaded;
    }
    loaded.snapshot = snapshot.value();
    QSet<QString> names;
    for (const auto& user : loaded.snapshot.users()) {
        for (auto it = user.customAttributes.cbegin(); it != user.customAttributes.cend(); ++it) {
            names.insert(it.key());
        }
    }
    loaded.customAttributes = QStringList(names.cbegin(), names.cend());
    std::sort(loaded.customAttributes.begin(), loaded.customAttributes.end(),
        [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return loaded;
}

int countInScope(const DirectorySnapshot& snapshot, const Assignment& assignment)
{
    return int(ScopeEvaluator(assignment, snapshot.users(), snapshot.groups()).usersInScope().size());
}

} // namespace

ScopeCounter::ScopeCounter(std::shared_ptr<Database> database, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &ScopeCounter::start);
    reloadDirectory();
}

void ScopeCounter::setSourceId(qint64 sourceId)
{
    if (sourceId == m_sourceId) {
        return;
    }
    m_sourceId = sourceId;
    m_snapshot.reset();
    reloadDirectory();
}

void ScopeCounter::setAssignment(const Assignment& assignment)
{
    m_assignment = assignment;
    ++m_generation; // whatever is running now answers an older question
    if (!m_computing) {
        m_computing = true;
        emit computingChanged(true);
    }
    m_debounce->start();
}

void ScopeCounter::countNow()
{
    m_debounce->stop();
    ++m_generation;
    start();
}

int ScopeCounter::directoryUserCount() const
{
    return m_snapshot ? int(m_snapshot->users().size()) : 0;
}

void ScopeCounter::reloadDirectory()
{
    m_loading = true;
    if (!m_computing) {
        m_computing = true;
        emit computingChanged(true);
    }
    const qint64 sourceId = m_sourceId;
    AsyncTask::run(
        this, [database = m_database, sourceId]() { return loadDirectory(database, sourceId); },
        [this, sourceId](const LoadedDirectory& loaded) {
            if (sourceId != m_sourceId) {
                return; // another source was chosen meanwhile; its load answers
            }
            m_loading = false;
            if (!loaded.error.isEmpty()) {
                m_computing = false;
                emit computingChanged(false);
                emit failed(tr("Could not read the directory to count the users in scope: %1").arg(loaded.error));
                return;
            }
            m_snapshot = loaded.snapshot;
            m_customAttributes = loaded.customAttributes;
            emit directoryLoaded();
            start();
        });
}

void ScopeCounter::start()
{
    if (m_loading || !m_snapshot) {
        return; // the load finishing starts the count
    }
    const quint64 generation = m_generation;
    if (!m_computing) {
        m_computing = true;
        emit computingChanged(true);
    }
    const auto count
        = [snapshot = *m_snapshot, assignment = m_assignment]() { return countInScope(snapshot, assignment); };
    AsyncTask::run(this, count, [this, generation](int inScope) {
        if (generation != m_generation || m_debounce->isActive()) {
            return; // a newer assignment is pending or running
        }
        m_inScope = inScope;
        m_computing = false;
        emit computingChanged(false);
        emit counted(m_inScope, directoryUserCount());
    });
}

void ScopeCounter::countApplications(std::shared_ptr<Database> database, const QList<Application>& applications,
    QObject* context, std::function<void(const QHash<qint64, int>&, const QString&)> done)
{
    struct Counts
    {
        QHash<qint64, int> counts;
        QString error;
    };
    const auto countAll = [database, applications]() {
        Counts result;
        QHash<qint64, LoadedDirectory> sources;
        for (const auto& application : applications) {
            auto it = sources.find(application.sourceId);
            if (it == sources.end()) {
                it = sources.insert(application.sourceId, loadDirectory(database, application.sourceId));
            }
            if (!it->error.isEmpty()) {
                result.error = it->error;
                continue;
            }
            result.counts.insert(application.id, countInScope(it->snapshot, application.assignment));
        }
        return result;
    };
    AsyncTask::run(context, countAll, [done](const Counts& result) { done(result.counts, result.error); });
}
