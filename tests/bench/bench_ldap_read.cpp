// scimdesk-bench-ldap: ScimDesk's LDAP reader (LdapSourceReader, the OpenLDAP source type,
// ldaps://, the fixture's reader account) reading a slapd loaded by
// tests/fixtures/ldap/slapd-fixture.sh, timed by ldap-read-bench.sh next to ldapsearch.
//
//   scimdesk-bench-ldap --env ENV_FILE [--page-size N] [--since CONTEXTCSN]
//
// Without --since: a full read. With it: a delta read of what changed since that CSN (plus the
// anchors of everything present). Prints what was read; exits 1 when the read failed.

#include "DirectoryFixture.h"

#include <ldap/OpenLdapConnection.h>
#include <sources/LdapSourceReader.h>
#include <sources/SourceTypeRegistry.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

namespace {

// The directory identity the reader checks a delta against (the base entry's entryUUID), read
// in-process so the delta's figure holds no extra process.
QString identityOf(const DirectorySource& source, const QByteArray& password)
{
    OpenLdapConnection connection;
    std::atomic_bool cancelled {false};
    QByteArray secret(password.constData(), password.size());
    if (!connection.open(LdapSourceReader::connectionSettings(source), cancelled)
        || !connection.bind(source.bindDn, secret, cancelled)) {
        return {};
    }
    LdapSearchRequest request;
    request.baseDn = source.baseDn;
    request.scope = LdapSearchRequest::Scope::Base;
    request.attributes = {QStringLiteral("entryUUID")};
    QString identity;
    connection.search(
        request,
        [&identity](const LdapEntry& entry) -> Status<SourceReadError> {
            identity = QStringLiteral("uuid:") + entry.text(QStringLiteral("entryUUID"));
            return {};
        },
        cancelled);
    return identity;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("env"), QStringLiteral("The slapd fixture's env file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("page-size"), QStringLiteral("Paged-results page size."), QStringLiteral("n"),
        QStringLiteral("500")});
    parser.addOption(
        {QStringLiteral("since"), QStringLiteral("Delta read from this contextCSN."), QStringLiteral("csn")});
    parser.process(app);
    QTextStream out(stdout);
    const DirectoryFixture fixture = DirectoryFixture::fromEnvFile(parser.value(QStringLiteral("env")));
    if (!fixture.isValid()) {
        out << fixture.error() << Qt::endl;
        return 2;
    }
    DirectorySource base;
    base.name = QStringLiteral("bench");
    base.url = fixture.ldapsUri();
    base.caFilePath = fixture.caFile();
    base.bindDn = fixture.readerDn();
    base.baseDn = fixture.baseDn();
    base.pageSize = parser.value(QStringLiteral("page-size")).toInt();
    const DirectorySource source = SourceTypeRegistry::load().applyType(base, QStringLiteral("openldap"))->result;

    SourceReadRequest request;
    if (parser.isSet(QStringLiteral("since"))) {
        request.full = false;
        request.sinceHighWaterMark = QStringLiteral("csn:") + parser.value(QStringLiteral("since"));
        request.expectedServerIdentity = identityOf(source, fixture.readerPassword());
    }
    std::atomic_bool cancelled {false};
    QElapsedTimer clock;
    clock.start();
    const auto read = LdapSourceReader().read(source, fixture.readerPassword(), request, cancelled);
    const qint64 ms = clock.elapsed();
    if (!read) {
        out << "read failed: " << read.error().message << " " << read.error().remedy << " " << read.error().diagnostic
            << Qt::endl;
        return 1;
    }
    qint64 members = 0;
    for (const auto& group : read->groups) {
        members += group.memberDns.size();
    }
    out << (read->delta ? "delta" : "full") << " read: " << read->users.size() << " users, " << read->groups.size()
        << " groups (" << members << " member values), " << read->presentUserAnchors.size() << " anchors present, "
        << ms << " ms inside the reader" << Qt::endl;
    return 0;
}
