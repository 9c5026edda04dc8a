#include "directory/CsvImportLimits.h"
#include "directory/DirectoryCsvExporter.h"
#include "directory/DirectoryCsvImporter.h"
#include "directory/DirectoryRepository.h"
#include "directory/DirectorySnapshot.h"
#include "storage/Database.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using Mode = DirectoryCsvImporter::Mode;
using Kind = DirectoryCsvImporter::Kind;

class TestDirectoryCsvImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databaseCount = 0;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<DirectoryRepository> m_repo;

    static QList<int> issueLines(const QList<CsvImportIssue>& issues)
    {
        QList<int> lines;
        for (const auto& issue : issues) {
            lines << issue.line;
        }
        return lines;
    }

    static QString describe(const QList<CsvImportIssue>& issues)
    {
        QStringList text;
        for (const auto& issue : issues) {
            text << QStringLiteral("%1: %2").arg(issue.line).arg(issue.message);
        }
        return text.join(QLatin1Char('\n'));
    }

    DirectorySnapshot snapshot() const { return DirectorySnapshot::load(*m_db).value(); }

    // Ten valid users on lines 2..; line 4 has a two-line quoted title, so lines shift by one after it.
    static QByteArray mixedFile()
    {
        return "User Name,E-mail Address,First Name,Last Name,Title,Active,Cost Center\n" // 1
               "ada,ada@example.com,Ada,Lovelace,Countess,true,100\n" // 2
               ",nobody@example.com,No,Name,,true,\n" // 3
               "grace,grace@example.com,Grace,Hopper,\"Rear Admiral\nUS Navy\",yes,200\n" // 4-5
               "alan,alan@example.com,Alan,Turing,,maybe,300\n" // 6
               "ADA ,dup@example.com,Ada,Again,,true,\n" // 7
               "linus,linus@example.com,Linus\n" // 8
               "margaret,m@example.com,Margaret,Hamilton,Director,false,400\n"; // 9
    }

    QString writeFile(const QString& name, const QByteArray& data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()) {
            return {};
        }
        return path;
    }

    static QByteArray usersFile(int rows)
    {
        QByteArray data = "userName,email,department\n";
        for (int i = 0; i < rows; ++i) {
            data += "user" + QByteArray::number(i) + ",user" + QByteArray::number(i) + "@example.com,Dept\n";
        }
        return data;
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("test%1.db").arg(++m_databaseCount)));
        QVERIFY(db.ok());
        m_db = db.value();
        m_repo = std::make_unique<DirectoryRepository>(m_db);
    }

    void cleanup()
    {
        m_repo.reset();
        m_db.reset();
    }

    void autoMapsHeaders_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("attribute");
        QTest::newRow("user name") << "User Name"
                                   << "userName";
        QTest::newRow("user_name") << "user_name"
                                   << "userName";
        QTest::newRow("email address") << "Email Address"
                                       << "email";
        QTest::newRow("e-mail") << "E-mail"
                                << "email";
        QTest::newRow("first name") << "first name"
                                    << "givenName";
        QTest::newRow("last name") << "LAST NAME"
                                   << "familyName";
        QTest::newRow("surname") << "Surname"
                                 << "familyName";
        QTest::newRow("display name") << "Display Name"
                                      << "displayName";
        QTest::newRow("job title") << "Job Title"
                                   << "title";
        QTest::newRow("employee id") << "Employee ID"
                                     << "employeeNumber";
        QTest::newRow("enabled") << "Enabled"
                                 << "active";
        QTest::newRow("exact") << "objectId"
                               << "objectId";
        QTest::newRow("custom") << " Cost Center "
                                << "Cost Center";
        QTest::newRow("empty header ignored") << "  "
                                              << "";
    }

    void autoMapsHeaders()
    {
        QFETCH(QString, header);
        QFETCH(QString, attribute);
        QCOMPARE(DirectoryCsvImporter::suggestAttribute(header), attribute);
    }

    void previewReportsEveryProblemWithLineNumbers()
    {
        DirectoryCsvImporter importer(*m_repo);
        importer.setData(mixedFile());
        QCOMPARE(importer.columnAttributes(),
            (QStringList {"userName", "email", "givenName", "familyName", "title", "active", "Cost Center"}));
        const CsvImportPreview preview = importer.preview(3);
        QVERIFY(preview.fileError.isEmpty());
        QCOMPARE(preview.rowCount, 7);
        QCOMPARE(preview.rows.size(), 3);
        QCOMPARE(preview.rows.at(2).line, 4);
        QCOMPARE(preview.rows.at(2).fields.at(4), QStringLiteral("Rear Admiral\nUS Navy"));
        // Line numbers count physical lines, so the two-line title on 4-5 moves the rest by one.
        QCOMPARE(issueLines(preview.issues), (QList<int> {3, 6, 7, 8}));
        QVERIFY(preview.issues.at(0).message.contains(QLatin1String("no user name")));
        QVERIFY(preview.issues.at(1).message.contains(QLatin1String("maybe")));
        QVERIFY(preview.issues.at(2).message.contains(QLatin1String("line 2")));
        QVERIFY(preview.issues.at(3).message.contains(QLatin1String("3 cells")));
        QCOMPARE(preview.invalidRowCount, 4);
        QCOMPARE(preview.toCreate, 3);
        QCOMPARE(m_repo->countUsers(), 0);
    }

    void tooManyCellsIsReported()
    {
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("userName,email\r\na,a@x,extra\r\n");
        const auto preview = importer.preview();
        QCOMPARE(issueLines(preview.issues), QList<int> {2});
        QVERIFY(preview.issues.first().message.contains(QLatin1String("3 cells")));
    }

    void fileProblemsRefuseTheImport_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no userName column") << QByteArray("email,title\na@x,b\n");
        QTest::newRow("not UTF-8") << QByteArray("userName\nj\xFCrgen\n");
        QTest::newRow("two columns for one attribute") << QByteArray("userName,Email,E-mail\na,b,c\n");
    }

    void fileProblemsRefuseTheImport()
    {
        QFETCH(QByteArray, data);
        DirectoryCsvImporter importer(*m_repo);
        importer.setData(data);
        QVERIFY(!importer.preview().fileError.isEmpty());
        auto result = importer.import(Mode::SkipInvalid);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().field, QStringLiteral("file"));
        QCOMPARE(m_repo->countUsers(), 0);
    }

    void allOrNothingLeavesTheDatabaseUnchanged()
    {
        DirectoryUser existing;
        existing.userName = QStringLiteral("margaret");
        existing.title = QStringLiteral("Engineer");
        QVERIFY(m_repo->createUser(existing).ok());

        DirectoryCsvImporter importer(*m_repo);
        importer.setData(mixedFile());
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QVERIFY(!result->written);
        QCOMPARE(result->created, 0);
        QCOMPARE(result->updated, 0);
        QCOMPARE(issueLines(result->issues), (QList<int> {3, 6, 7, 8}));
        QCOMPARE(m_repo->countUsers(), 1);
        QCOMPARE(m_repo->findUserByUserName(QStringLiteral("margaret"))->title, QStringLiteral("Engineer"));
    }

    void skipInvalidWritesValidRowsAndReportsSkippedLines()
    {
        DirectoryUser existing;
        existing.userName = QStringLiteral("Margaret");
        existing.title = QStringLiteral("Engineer");
        existing.phone = QStringLiteral("555");
        QVERIFY(m_repo->createUser(existing).ok());

        DirectoryCsvImporter importer(*m_repo);
        importer.setData(mixedFile());
        auto result = importer.import(Mode::SkipInvalid);
        QVERIFY(result.ok());
        QVERIFY(result->written);
        QCOMPARE(result->created, 2); // ada, grace
        QCOMPARE(result->updated, 1); // margaret
        QCOMPARE(result->skipped, 4);
        QCOMPARE(issueLines(result->issues), (QList<int> {3, 6, 7, 8}));

        QCOMPARE(m_repo->countUsers(), 3);
        const auto ada = m_repo->findUserByUserName(QStringLiteral("ada"));
        QCOMPARE(ada->email, QStringLiteral("ada@example.com"));
        QCOMPARE(ada->customAttributes.value(QStringLiteral("Cost Center")), QStringLiteral("100"));
        QCOMPARE(m_repo->findUserByUserName(QStringLiteral("grace"))->title, QStringLiteral("Rear Admiral\nUS Navy"));
        const auto margaret = m_repo->findUserByUserName(QStringLiteral("margaret"));
        QCOMPARE(margaret->title, QStringLiteral("Director"));
        QCOMPARE(margaret->active, false);
        // Columns the file does not have keep their values.
        QCOMPARE(margaret->phone, QStringLiteral("555"));
        // The file's spelling of the user name wins; it is matched ignoring case.
        QCOMPARE(margaret->userName, QStringLiteral("margaret"));
        QVERIFY(!m_repo->findUserByUserName(QStringLiteral("alan")).has_value());

        // The same file again changes nothing.
        DirectoryCsvImporter again(*m_repo);
        again.setData(mixedFile());
        auto second = again.import(Mode::SkipInvalid);
        QVERIFY(second.ok());
        QCOMPARE(second->created, 0);
        QCOMPARE(second->updated, 0);
        QCOMPARE(second->unchanged, 3);
    }

    void callerCanOverrideTheMapping()
    {
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("login;mail;notes\nbob;bob@x;ignore me\n");
        QCOMPARE(importer.headers(), (QStringList {"login", "mail", "notes"}));
        importer.setColumnAttribute(1, QStringLiteral("employeeNumber"));
        importer.setColumnAttribute(2, QString());
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QVERIFY2(result->issues.isEmpty(), qPrintable(describe(result->issues)));
        const auto bob = m_repo->findUserByUserName(QStringLiteral("bob"));
        QCOMPARE(bob->employeeNumber, QStringLiteral("bob@x"));
        QCOMPARE(bob->email, QString());
        QVERIFY(bob->customAttributes.isEmpty());
    }

    void groupsImport()
    {
        for (const char* name : {"ada", "alan", "grace", "linus"}) {
            DirectoryUser user;
            user.userName = QLatin1String(name);
            QVERIFY(m_repo->createUser(user).ok());
        }
        DirectoryCsvImporter importer(*m_repo, Kind::Groups);
        importer.setData("Group Name,Member,Members,Parent Group\n" // 1
                         "Platform,ada,,Engineering\n" // 2
                         "Platform,,linus; grace,\n" // 3
                         "Engineering,alan,,\n" // 4
                         "Engineering,,,Platform\n" // 5: loop
                         "Web,nobody,,\n" // 6: unknown user
                         ",ada,,\n" // 7: no group
                         "Infra,,,Infra\n" // 8: own parent
                         "\"Web\",grace,,Engineering\n"); // 9
        QCOMPARE(importer.columnAttributes(), (QStringList {"group", "member", "members", "parent"}));
        auto result = importer.import(Mode::SkipInvalid);
        QVERIFY(result.ok());
        QCOMPARE(issueLines(result->issues), (QList<int> {5, 6, 7, 8}));
        QVERIFY(result->issues.at(1).message.contains(QLatin1String("nobody")));
        QCOMPARE(result->created, 3); // Platform, Engineering, Web

        const DirectorySnapshot directory = snapshot();
        const DirectoryGroup* engineering = directory.groupByDisplayName(QStringLiteral("Engineering"));
        QVERIFY(engineering);
        QSet<qint64> expected;
        for (const char* name : {"ada", "alan", "grace", "linus"}) {
            expected.insert(directory.userByUserName(QLatin1String(name))->id);
        }
        QCOMPARE(directory.flattenGroupMembers(engineering->id), expected);
        QCOMPARE(directory.parentGroups(directory.groupByDisplayName(QStringLiteral("Web"))->id),
            QList<qint64> {engineering->id});

        // All or nothing with the same problems writes nothing.
        DirectoryCsvImporter strict(*m_repo, Kind::Groups);
        strict.setData("group,member\nSales,ada\nSales,nobody\n");
        auto refused = strict.import(Mode::AllOrNothing);
        QVERIFY(refused.ok());
        QVERIFY(!refused->written);
        QCOMPARE(issueLines(refused->issues), QList<int> {3});
        QVERIFY(!m_repo->findGroupByDisplayName(QStringLiteral("Sales")).has_value());
    }

    void groupMembersAddOrReplace_data()
    {
        QTest::addColumn<bool>("replace");
        QTest::addColumn<QStringList>("members");
        QTest::newRow("add") << false << QStringList {"ada", "alan", "grace"};
        QTest::newRow("replace") << true << QStringList {"grace"};
    }

    void groupMembersAddOrReplace()
    {
        QFETCH(bool, replace);
        QFETCH(QStringList, members);
        QHash<QString, qint64> ids;
        for (const char* name : {"ada", "alan", "grace"}) {
            DirectoryUser user;
            user.userName = QLatin1String(name);
            ids.insert(user.userName, m_repo->createUser(user).value());
        }
        DirectoryGroup group;
        group.displayName = QStringLiteral("Team");
        group.memberUserIds = {ids.value(QStringLiteral("ada")), ids.value(QStringLiteral("alan"))};
        QVERIFY(m_repo->createGroup(group).ok());

        DirectoryCsvImporter importer(*m_repo, Kind::Groups);
        importer.setReplaceGroupMembers(replace);
        importer.setData("group;members\nteam;GRACE\n");
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QVERIFY2(result->issues.isEmpty(), qPrintable(describe(result->issues)));
        QCOMPARE(result->updated, 1);
        QSet<qint64> expected;
        for (const auto& name : members) {
            expected.insert(ids.value(name));
        }
        const auto stored = m_repo->findGroupByDisplayName(QStringLiteral("Team"));
        QCOMPARE(QSet<qint64>(stored->memberUserIds.cbegin(), stored->memberUserIds.cend()), expected);
    }

    // --- what an import refuses: control characters, files beyond the limits, a folder, a file
    // edited after it was opened; and an invalid row after several written batches.

    void controlCharactersAreRefusedWithLineAndColumn_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("expected");
        QTest::newRow("NUL in a custom attribute")
            << int(Kind::Users) << QByteArray("userName,note\nada,a\0b\n", 22)
            << "Line 2, column 2 (\"note\"): the value holds the control character U+0000 (NUL) at position 2";
        QTest::newRow("ESC in a name") << int(Kind::Users) << QByteArray("userName,First name\nada,\x1b[2JAda\n")
                                       << "Line 2, column 2 (\"First name\")";
        QTest::newRow("C1 control") << int(Kind::Users) << QByteArray("userName,title\nada,Boss\xC2\x9B\n") << "U+009B";
        QTest::newRow("DEL") << int(Kind::Users)
                             << QByteArray("userName\nad\x7f"
                                           "a\n")
                             << "U+007F (DEL)";
        QTest::newRow("line break in a user name")
            << int(Kind::Users) << QByteArray("userName\n\"ada\nlovelace\"\n") << "must be on one line";
        QTest::newRow("tab in an object ID")
            << int(Kind::Users) << QByteArray("userName,objectId\nada,\"ab\tc\"\n") << "Line 2, column 2";
        QTest::newRow("BEL in a group name")
            << int(Kind::Groups) << QByteArray("group,member\nTeam\x07,ada\n") << "U+0007 (BEL)";
    }

    void controlCharactersAreRefusedWithLineAndColumn()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, data);
        QFETCH(QString, expected);
        DirectoryUser ada;
        ada.userName = QStringLiteral("ada");
        if (kind == int(Kind::Groups)) {
            QVERIFY(m_repo->createUser(ada).ok());
        }
        DirectoryCsvImporter importer(*m_repo, Kind(kind));
        importer.setData(data);
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QVERIFY(!result->written);
        QCOMPARE(result->invalidRowCount, 1);
        QCOMPARE(result->issues.size(), 1);
        QCOMPARE(result->issues.first().line, 2);
        QVERIFY2(result->issues.first().message.contains(expected), qPrintable(result->issues.first().message));
        QCOMPARE(m_repo->countUsers(), kind == int(Kind::Groups) ? 1 : 0);
        QCOMPARE(m_repo->countGroups(), 0);
    }

    // Line breaks and tabs stay allowed where a value may have them (a title, a description).
    void lineBreaksInOrdinaryCellsAreKept()
    {
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("userName,title,note\nada,\"Countess\nof Lovelace\",\"a\tb\"\n");
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QVERIFY(result->issues.isEmpty());
        QCOMPARE(m_repo->findUserByUserName(QStringLiteral("ada"))->title, QStringLiteral("Countess\nof Lovelace"));
    }

    void controlCharacterInTheHeaderRefusesTheFile()
    {
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("userName,no\x1bte\nada,x\n");
        const CsvImportPreview preview = importer.preview();
        QVERIFY2(preview.fileError.contains(QLatin1String("U+001B")), qPrintable(preview.fileError));
        QVERIFY(!importer.import(Mode::SkipInvalid).ok());
        QCOMPARE(m_repo->countUsers(), 0);
    }

    // A real file past the default 1 GiB: sparse, so it costs no disk and no time, and refused
    // when it is opened, before a byte of it is read.
    void fileBeyondTheDefaultSizeLimitIsRefusedWhenOpened()
    {
        const QString path = m_dir.filePath(QStringLiteral("huge.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.write("userName\n") == 9);
            QVERIFY(file.resize(CsvImportLimits::defaultMaxFileBytes + 1));
        }
        QElapsedTimer timer;
        timer.start();
        DirectoryCsvImporter importer(*m_repo);
        const auto loaded = importer.loadFile(path);
        qInfo("Refused a %lld-byte file in %lld ms", CsvImportLimits::defaultMaxFileBytes + 1, timer.elapsed());
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().field, QStringLiteral("file"));
        const QString message = loaded.error().message;
        QVERIFY2(message.contains(QLatin1String("at most 1.0 GiB and 5,000,000 rows")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("Split the file")), qPrintable(message));
        QVERIFY(importer.headers().isEmpty());
    }

    void rowsBeyondTheLimitRefuseTheImport()
    {
        DirectoryCsvImporter importer(*m_repo);
        importer.setLimits({CsvImportLimits::defaultMaxFileBytes, 3});
        QVERIFY(importer.loadFile(writeFile(QStringLiteral("five.csv"), usersFile(5))).ok());
        QVERIFY2(importer.preview().fileError.contains(QLatin1String("more than 3 rows")),
            qPrintable(importer.preview().fileError));
        for (const Mode mode : {Mode::AllOrNothing, Mode::SkipInvalid}) {
            auto result = importer.import(mode);
            QVERIFY(!result.ok());
            QVERIFY(result.error().message.contains(QLatin1String("more than 3 rows")));
            QCOMPARE(m_repo->countUsers(), 0);
        }
    }

    // The size limit also holds for what is read, not only for what the file system reported.
    void bytesBeyondTheLimitStopTheReading()
    {
        DirectoryCsvImporter importer(*m_repo);
        importer.setLimits({2048, CsvImportLimits::defaultMaxRows});
        importer.setData(usersFile(100));
        QVERIFY2(importer.preview().fileError.contains(QLatin1String("at most 2.0 KiB")),
            qPrintable(importer.preview().fileError));
        QVERIFY(!importer.import(Mode::SkipInvalid).ok());
        QCOMPARE(m_repo->countUsers(), 0);
    }

    void folderIsRefused()
    {
        DirectoryCsvImporter importer(*m_repo);
        const auto loaded = importer.loadFile(m_dir.path());
        QVERIFY(!loaded.ok());
        QVERIFY2(
            loaded.error().message.contains(QLatin1String("not a regular file")), qPrintable(loaded.error().message));
    }

    void fileEditedAfterOpeningIsRefused()
    {
        const QString path = writeFile(QStringLiteral("edited.csv"), usersFile(2));
        DirectoryCsvImporter importer(*m_repo);
        QVERIFY(importer.loadFile(path).ok());
        QVERIFY(!writeFile(QStringLiteral("edited.csv"), "email,userName\na@x,a\n").isEmpty());
        auto result = importer.import(Mode::SkipInvalid);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QLatin1String("has changed since it was opened")),
            qPrintable(result.error().message));
        QCOMPARE(m_repo->countUsers(), 0);
    }

    // Users are written in batches of 1,000 inside one transaction: an invalid row after three
    // written batches still leaves the directory as it was.
    void invalidRowAfterSeveralBatchesWritesNothing()
    {
        QByteArray data = usersFile(3500);
        data += "user17,again@example.com,Dept\n"; // line 3,502 repeats line 19
        DirectoryCsvImporter importer(*m_repo);
        QVERIFY(importer.loadFile(writeFile(QStringLiteral("late.csv"), data)).ok());
        auto refused = importer.import(Mode::AllOrNothing);
        QVERIFY(refused.ok());
        QVERIFY(!refused->written);
        QCOMPARE(refused->rowCount, 3501);
        QCOMPARE(refused->toCreate, 3500);
        QCOMPARE(refused->issues.size(), 1);
        QCOMPARE(refused->issues.first().line, 3502);
        QVERIFY(refused->issues.first().message.contains(QLatin1String("of line 19")));
        QCOMPARE(m_repo->countUsers(), 0);

        auto skipped = importer.import(Mode::SkipInvalid);
        QVERIFY(skipped.ok());
        QVERIFY(skipped->written);
        QCOMPARE(skipped->created, 3500);
        QCOMPARE(skipped->skipped, 1);
        QCOMPARE(m_repo->countUsers(), 3500);

        // Again: every row is found and unchanged, the repeated one still reported.
        auto again = importer.import(Mode::SkipInvalid);
        QVERIFY(again.ok());
        QCOMPARE(again->unchanged, 3500);
        QCOMPARE(again->issues.size(), 1);
    }

    void problemsBeyondTheListedOnesAreCounted()
    {
        QByteArray data = "userName,active\n";
        for (int i = 0; i < CsvImportLimits::maxListedIssues + 500; ++i) {
            data += "u" + QByteArray::number(i) + ",maybe\n";
        }
        DirectoryCsvImporter importer(*m_repo);
        importer.setData(data);
        const CsvImportPreview preview = importer.preview();
        QCOMPARE(preview.invalidRowCount, CsvImportLimits::maxListedIssues + 500);
        QCOMPARE(preview.issues.size(), CsvImportLimits::maxListedIssues + 1);
        QCOMPARE(preview.issues.last().line, 0);
        QVERIFY2(preview.issues.last().message.contains(QLatin1String("500 more problem")),
            qPrintable(preview.issues.last().message));
    }

    void exportNeutralisesFormulas()
    {
        DirectoryUser user;
        user.userName = QStringLiteral("=HYPERLINK(\"http://evil\")");
        user.phone = QStringLiteral("+1 555 0100");
        user.customAttributes.insert(QStringLiteral("note"), QStringLiteral("@SUM(1)"));
        QVERIFY(m_repo->createUser(user).ok());
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(DirectoryCsvExporter::writeUsers(snapshot(), &buffer).ok());
        const QByteArray csv = buffer.data();
        QVERIFY(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""));
        QVERIFY(csv.contains(",'+1 555 0100,"));
        QVERIFY(csv.contains(",'@SUM(1)\r\n"));
    }

    void exportImportRoundTrip()
    {
        // A directory with awkward values, custom attributes and nested groups.
        QList<DirectoryUser> users;
        for (int i = 0; i < 20; ++i) {
            DirectoryUser user;
            user.userName = QStringLiteral("user%1@example.com").arg(i);
            user.email = user.userName;
            user.givenName = QStringLiteral("Given %1").arg(i);
            user.familyName = i == 3 ? QStringLiteral("O'Brien, \"Jr\"") : QStringLiteral("Family");
            user.displayName = i == 4 ? QStringLiteral("two\nlines") : QString();
            user.phone = QStringLiteral("+1 555 01%1").arg(i, 2, 10, QLatin1Char('0'));
            user.title = i == 5 ? QStringLiteral("=1+1") : QStringLiteral("-");
            user.department = QString::fromUtf8("F\xC3\xBC\xC3\x9F");
            user.active = i % 3 != 0;
            if (i % 2 == 0) {
                user.customAttributes.insert(QStringLiteral("costCenter"), QString::number(i));
            }
            if (i == 7) {
                user.customAttributes.insert(QStringLiteral("badge"), QStringLiteral("@7"));
            }
            users.append(user);
        }
        QVERIFY(m_repo->saveUsers(users).ok());
        QList<DirectoryGroup> groups(3);
        groups[0].displayName = QStringLiteral("Everyone");
        groups[0].description = QStringLiteral("All, of \"them\"");
        groups[0].memberGroupIds = {-2, -3};
        groups[1].displayName = QStringLiteral("Platform");
        groups[1].memberUserIds = {users[0].id, users[1].id};
        groups[1].memberGroupIds = {-3};
        groups[2].displayName = QStringLiteral("Infra");
        groups[2].memberUserIds = {users[2].id};
        QVERIFY(m_repo->saveGroups(groups).ok());
        groups.append(DirectoryGroup());
        groups[3].displayName = QStringLiteral("Empty");
        QVERIFY(m_repo->createGroup(groups[3]).ok());

        const DirectorySnapshot before = snapshot();
        const QString usersPath = m_dir.filePath(QStringLiteral("users.csv"));
        const QString groupsPath = m_dir.filePath(QStringLiteral("groups.csv"));
        QVERIFY(DirectoryCsvExporter::exportUsersToFile(before, usersPath).ok());
        QVERIFY(DirectoryCsvExporter::exportGroupsToFile(before, groupsPath).ok());

        // Import into a fresh profile.
        init();
        DirectoryCsvImporter userImporter(*m_repo);
        QVERIFY(userImporter.loadFile(usersPath).ok());
        auto importedUsers = userImporter.import(Mode::AllOrNothing);
        QVERIFY(importedUsers.ok());
        QVERIFY2(importedUsers->issues.isEmpty(), qPrintable(describe(importedUsers->issues)));
        QCOMPARE(importedUsers->created, 20);
        DirectoryCsvImporter groupImporter(*m_repo, Kind::Groups);
        QVERIFY(groupImporter.loadFile(groupsPath).ok());
        auto importedGroups = groupImporter.import(Mode::AllOrNothing);
        QVERIFY(importedGroups.ok());
        QVERIFY2(importedGroups->issues.isEmpty(), qPrintable(describe(importedGroups->issues)));
        QCOMPARE(importedGroups->created, 4);

        const DirectorySnapshot after = snapshot();
        QCOMPARE(after.users().size(), before.users().size());
        for (const DirectoryUser& original : before.users()) {
            const DirectoryUser* copy = after.userByObjectId(original.objectId);
            QVERIFY2(copy, qPrintable(original.userName));
            for (const QString& name : DirectoryUser::standardAttributeNames()) {
                QCOMPARE(copy->attribute(name), original.attribute(name));
            }
            QCOMPARE(copy->customAttributes, original.customAttributes);
        }
        QCOMPARE(after.groups().size(), before.groups().size());
        auto names = [](const DirectorySnapshot& s, const QSet<qint64>& ids) {
            QStringList result;
            for (const qint64 id : ids) {
                result << s.user(id)->userName;
            }
            result.sort();
            return result;
        };
        for (const DirectoryGroup& original : before.groups()) {
            const DirectoryGroup* copy = after.groupByDisplayName(original.displayName);
            QVERIFY(copy);
            QCOMPARE(copy->objectId, original.objectId);
            QCOMPARE(copy->description, original.description);
            QCOMPARE(copy->memberGroupIds.size(), original.memberGroupIds.size());
            QCOMPARE(names(after, after.flattenGroupMembers(copy->id)),
                names(before, before.flattenGroupMembers(original.id)));
        }

        // Exporting the imported directory gives the same bytes.
        QBuffer again;
        again.open(QIODevice::WriteOnly);
        QVERIFY(DirectoryCsvExporter::writeUsers(after, &again).ok());
        QFile first(usersPath);
        QVERIFY(first.open(QIODevice::ReadOnly));
        QCOMPARE(again.data(), first.readAll());
    }
};

QTEST_GUILESS_MAIN(TestDirectoryCsvImport)
#include "tst_directorycsvimport.moc"
