#include "SourceReadJob.h"

#include "secrets/SecretStore.h"
#include "storage/Database.h"
#include "util/AsyncTask.h"

namespace {
struct ReadOutcome
{
    std::optional<SourceLoadSummary> summary;
    SourceReadError error;
};
} // namespace

SourceReadJob::SourceReadJob(std::shared_ptr<Database> database, SecretStore* secrets, SourceReaderFactory factory,
    DirectorySource source, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_secrets(secrets)
    , m_factory(std::move(factory))
    , m_source(std::move(source))
{
}

SourceReadJob::~SourceReadJob()
{
    // A read still running on the pool stops soon and its answer is dropped with this object.
    *m_cancelled = true;
}

void SourceReadJob::start(bool full)
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_running = true;
    if (m_source.anonymousBind()) {
        read({}, full);
        return;
    }
    if (!m_secrets) {
        fail({SourceReadError::Kind::Bind, tr("The system keychain is not available."), {}, 0, {}});
        return;
    }
    m_secrets->read(SecretKey::forSource(m_source.id), this, [this, full](Result<QString, SecretError> password) {
        if (*m_cancelled) {
            fail({SourceReadError::Kind::Cancelled, tr("The read was cancelled."), {}, 0, {}});
            return;
        }
        if (!password) {
            const bool missing = password.error().kind == SecretError::Kind::NotFound;
            fail({SourceReadError::Kind::Bind,
                missing ? tr("No bind password is stored for \u201c%1\u201d.").arg(m_source.name)
                        : tr("The bind password of \u201c%1\u201d cannot be read from the system keychain: %2")
                              .arg(m_source.name, password.error().message),
                missing ? tr("Enter it with Edit Source; it is kept in the system keychain.")
                        : SecretError::defaultHint(password.error().kind),
                0, {}});
            return;
        }
        read(password.value().toUtf8(), full);
    });
}

void SourceReadJob::read(const QByteArray& password, bool full)
{
    const auto task
        = [database = m_database, factory = m_factory, source = m_source, password, full, cancelled = m_cancelled]() {
              const Database::ThreadConnection connection(database);
              ReadOutcome outcome;
              std::unique_ptr<DirectorySourceReader> reader = factory ? factory(source) : nullptr;
              if (!reader) {
                  outcome.error = {SourceReadError::Kind::InvalidSettings,
                      tr("No directory reader is available for this source."), {}, 0, {}};
                  return outcome;
              }
              auto loaded = SourceLoader(database, source, *reader).load(password, full, *cancelled);
              if (loaded) {
                  outcome.summary = loaded.value();
              } else {
                  outcome.error = loaded.error();
              }
              return outcome;
          };
    AsyncTask::run(this, task, [this](const ReadOutcome& outcome) {
        m_running = false;
        if (outcome.summary) {
            emit finished(*outcome.summary);
        } else {
            emit failed(outcome.error);
        }
    });
}

void SourceReadJob::cancel()
{
    *m_cancelled = true;
}

void SourceReadJob::fail(const SourceReadError& error)
{
    m_running = false;
    emit failed(error);
}
