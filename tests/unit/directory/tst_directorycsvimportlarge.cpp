#include "directory/CsvWriter.h"
#include "directory/DirectoryCsvImporter.h"
#include "directory/DirectoryRepository.h"
#include "directory/DirectorySnapshot.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

// 100,000 users through the whole import path: read, parse, validate, write in one
// transaction. The times are printed for the report, wall clock and this process's CPU time
// (the CPU time is what matters on a shared, busy machine); the bound is generous.
class TestDirectoryCsvImportLarge : public QObject
{
    Q_OBJECT

private slots:
    void import100kUsers()
    {
        constexpr int userCount = 100000;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("users.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            CsvWriter writer(&file);
            writer.writeRecord({QStringLiteral("User Name"), QStringLiteral("Email Address"),
                QStringLiteral("First Name"), QStringLiteral("Last Name"), QStringLiteral("Department"),
                QStringLiteral("Title"), QStringLiteral("Active"), QStringLiteral("costCenter")});
            for (int i = 0; i < userCount; ++i) {
                const QString name = QStringLiteral("user%1").arg(i);
                writer.writeRecord({name, name + QStringLiteral("@example.com"), QStringLiteral("Given"),
                    QStringLiteral("Family, %1").arg(i), QStringLiteral("Dept %1").arg(i % 50),
                    QStringLiteral("Engineer"), i % 10 ? QStringLiteral("true") : QStringLiteral("false"),
                    QString::number(i % 1000)});
            }
            QVERIFY(writer.ok());
        }

        auto db = Database::open(dir.filePath(QStringLiteral("profile.db")));
        QVERIFY(db.ok());
        DirectoryRepository repository(db.value());

        auto cpuMs = [] { return qint64(std::clock()) * 1000 / CLOCKS_PER_SEC; };
        QElapsedTimer timer;
        timer.start();
        qint64 cpuStart = cpuMs();
        DirectoryCsvImporter importer(repository);
        QVERIFY(importer.loadFile(path).ok());
        auto result = importer.import(DirectoryCsvImporter::Mode::AllOrNothing);
        const qint64 importMs = timer.elapsed();
        QVERIFY(result.ok());
        QVERIFY(result->issues.isEmpty());
        QCOMPARE(result->created, userCount);
        qInfo("Imported %d new users from CSV in %lld ms (CPU %lld ms)", userCount, importMs, cpuMs() - cpuStart);

        timer.restart();
        cpuStart = cpuMs();
        auto snapshot = DirectorySnapshot::load(*db.value());
        QVERIFY(snapshot.ok());
        QCOMPARE(snapshot->users().size(), userCount);
        qInfo("Loaded a snapshot of %d users in %lld ms (CPU %lld ms)", userCount, timer.elapsed(), cpuMs() - cpuStart);
        QCOMPARE(snapshot->userByUserName(QStringLiteral("USER99999"))->familyName, QStringLiteral("Family, 99999"));

        QVERIFY2(importMs < 60000, "the 100k import should take seconds, not minutes");
    }
};

QTEST_GUILESS_MAIN(TestDirectoryCsvImportLarge)
#include "tst_directorycsvimportlarge.moc"
