#include "storage/Profile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestProfile : public QObject
{
    Q_OBJECT

private slots:
    void newProfileIsOwnerOnly()
    {
        QTemporaryDir parent;
        const QString dir = parent.filePath(QStringLiteral("nested/profile"));
        auto profile = Profile::open(dir);
        QVERIFY2(profile.ok(), qPrintable(profile.ok() ? QString() : profile.error().message));
        QVERIFY(profile.value().warnings().isEmpty());
        const auto dirPermissions = QFile::permissions(dir);
        QVERIFY(dirPermissions.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        QCOMPARE(dirPermissions
                & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                    | QFileDevice::WriteOther | QFileDevice::ExeOther),
            QFileDevice::Permissions());
        const auto dbPermissions = QFile::permissions(profile.value().databasePath());
        QCOMPARE(dbPermissions
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
            QFileDevice::Permissions());
        QVERIFY(dbPermissions & QFileDevice::ReadOwner);
    }

    void loosePermissionsAreWarnedAbout()
    {
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                | QFileDevice::ExeOther);
        auto profile = Profile::open(dir.path());
        QVERIFY(profile.ok());
        QCOMPARE(profile.value().warnings().size(), 1);
        QVERIFY(profile.value().warnings().first().contains(QLatin1String("chmod 700")));
    }

    void resolutionOrder()
    {
        qputenv(Profile::environmentVariable, "/tmp/from-env");
        QCOMPARE(Profile::resolveDirectory(QStringLiteral("/tmp/from-cli")), QStringLiteral("/tmp/from-cli"));
        QCOMPARE(Profile::resolveDirectory(), QStringLiteral("/tmp/from-env"));
        qunsetenv(Profile::environmentVariable);
        QCOMPARE(Profile::resolveDirectory(), Profile::defaultDirectory());
    }

    void fileInPlaceOfDirectoryIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("afile"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        auto profile = Profile::open(path);
        QVERIFY(!profile.ok());
        QVERIFY(profile.error().message.contains(QLatin1String("not a directory")));
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
