#pragma once

#include "DirectoryFixture.h"
#include "model/DirectorySource.h"
#include "sources/check/SourceTestReport.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QTreeWidget;
class QTreeWidgetItem;
class SourceTestDialog;

struct GuiTestProfile;

// What the GUI tests of directory sources share: a source for the shared slapd fixture as the
// OpenLDAP type fills it in (StartTLS, the fixture's CA, the reader account), created through
// the catalog with its password, and read once so its users and groups can be picked.
namespace SourceGuiTest {

const DirectoryFixture& slapd();
DirectorySource slapdSource(const QString& name = QStringLiteral("Corporate LDAP"));
// Creates the source with password (empty: none stored) and waits; returns its id, -1 on failure.
qint64 createSource(GuiTestProfile& profile, const DirectorySource& source, const QString& password);
// Reads the source into its cache the way Read Now does (SourceReadJob); false when it failed.
bool readNow(GuiTestProfile& profile, qint64 sourceId);
// The local id of a user (by userName) or group (by name) of the source's last read; 0 if none.
qint64 userId(GuiTestProfile& profile, qint64 sourceId, const QString& userName);
qint64 groupId(GuiTestProfile& profile, qint64 sourceId, const QString& name);

// A named child widget (or action); warns when there is none.
template<typename T>
T* child(QObject* root, const QString& name)
{
    auto* found = root->findChild<T*>(name);
    if (!found) {
        qWarning("no child %s", qPrintable(name));
    }
    return found;
}

// The guided test dialog's report once it has finished (waits on its signal); empty on time-out.
SourceTestReport finishedReport(SourceTestDialog* dialog);
// The step's row in the dialog's step list, and its child rows as "label: text" lines.
QTreeWidgetItem* stepItem(QTreeWidget* steps, SourceTestStep step);
QStringList childLines(QTreeWidgetItem* item);

} // namespace SourceGuiTest
