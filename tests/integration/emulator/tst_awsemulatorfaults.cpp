#include <QObject>
#include <QTest>
class TestAwsEmulatorFaults : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestAwsEmulatorFaults)
#include "tst_awsemulatorfaults.moc"
