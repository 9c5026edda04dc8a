#pragma once

#include "DirectoryFixture.h"
#include "model/DirectorySource.h"

#include <QString>

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

} // namespace SourceGuiTest
