#include "SourceGuiSupport.h"

#include "GuiTestSupport.h"

#include "sources/SourceCache.h"
#include "sources/SourceCatalog.h"
#include "sources/SourceReadJob.h"
#include "sources/SourceTestDialog.h"
#include "sources/SourceTypeRegistry.h"
#include "workspace/Workspace.h"

#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <optional>

namespace SourceGuiTest {

const DirectoryFixture& slapd()
{
    static const DirectoryFixture fixture = DirectoryFixture::shared(DirectoryFixture::Server::Slapd);
    return fixture;
}

DirectorySource slapdSource(const QString& name)
{
    DirectorySource blank;
    blank.name = name;
    const auto type = SourceTypeRegistry::load().find(QStringLiteral("openldap"));
    DirectorySource source = type ? SourceTypeRegistry::applyType(*type, blank).result : blank;
    source.url = slapd().ldapUri();
    source.startTls = true;
    source.caFilePath = slapd().caFile();
    source.bindDn = slapd().readerDn();
    source.baseDn = slapd().baseDn();
    return source;
}

qint64 createSource(GuiTestProfile& profile, const DirectorySource& source, const QString& password)
{
    std::optional<Result<qint64, SourceSaveError>> created;
    QObject context;
    profile.workspace->sources()->create(source, password.isEmpty() ? std::nullopt : std::optional<QString>(password),
        &context, [&created](Result<qint64, SourceSaveError> result) { created = result; });
    if (!QTest::qWaitFor([&created] { return created.has_value(); }, 10000) || !created->ok()) {
        qWarning("could not create the source: %s", created ? qPrintable(created->error().message) : "timeout");
        return -1;
    }
    return created->value();
}

bool readNow(GuiTestProfile& profile, qint64 sourceId)
{
    const auto source = profile.workspace->sources()->repository().find(sourceId);
    if (!source) {
        return false;
    }
    SourceReadJob job(
        profile.workspace->database(), profile.workspace->secrets(), profile.workspace->sourceReaderFactory(), *source);
    QSignalSpy finished(&job, &SourceReadJob::finished);
    QSignalSpy failed(&job, &SourceReadJob::failed);
    job.start();
    if (!QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000)) {
        return false;
    }
    if (!failed.isEmpty()) {
        qWarning("read failed: %s", qPrintable(failed.first().first().value<SourceReadError>().message));
    }
    return !finished.isEmpty();
}

qint64 userId(GuiTestProfile& profile, qint64 sourceId, const QString& userName)
{
    const auto found = SourceCache(profile.workspace->database(), sourceId).findUsers(userName);
    return found.size() == 1 ? found.first().id : 0;
}

qint64 groupId(GuiTestProfile& profile, qint64 sourceId, const QString& name)
{
    const auto found = SourceCache(profile.workspace->database(), sourceId).findGroups(name);
    return found.size() == 1 ? found.first().id : 0;
}

SourceTestReport finishedReport(SourceTestDialog* dialog)
{
    if (!dialog) {
        return {};
    }
    QSignalSpy finished(dialog, &SourceTestDialog::finished);
    // Samba under load takes its time to answer; the wait ends on the signal.
    if (!dialog->hasReport() && !finished.wait(90000)) {
        qWarning("the guided test did not finish");
        return {};
    }
    return dialog->report();
}

QTreeWidgetItem* stepItem(QTreeWidget* steps, SourceTestStep step)
{
    const QString title = SourceTestSteps::title(step);
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        if (steps->topLevelItem(i)->text(0) == title) {
            return steps->topLevelItem(i);
        }
    }
    return nullptr;
}

QStringList childLines(QTreeWidgetItem* item)
{
    QStringList lines;
    for (int i = 0; item && i < item->childCount(); ++i) {
        lines << item->child(i)->text(0) + QStringLiteral(": ") + item->child(i)->text(1);
    }
    return lines;
}

} // namespace SourceGuiTest
