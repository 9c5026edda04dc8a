#include "SourceConnectionTest.h"

#include "SourceTestRunner.h"

#include <QThread>

SourceConnectionTest::SourceConnectionTest(const DirectorySource& source, const QByteArray& password,
    const SourceTypeRegistry& types, ConnectionFactory factory, QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
{
    qRegisterMetaType<SourceTestStepResult>();
    qRegisterMetaType<SourceTestReport>();
    const auto type = types.find(source.sourceTypeId);
    const auto anchorFormat = type ? type->anchorFormat : SourceType::AnchorFormat::Text;
    m_runner = new SourceTestRunner(source, password, int(anchorFormat), std::move(factory), m_cancelled);
    m_thread->setObjectName(QStringLiteral("SourceConnectionTest"));
    m_runner->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    connect(m_runner, &SourceTestRunner::stepStarted, this, &SourceConnectionTest::stepStarted);
    connect(m_runner, &SourceTestRunner::stepFinished, this, &SourceConnectionTest::stepFinished);
    connect(m_runner, &SourceTestRunner::finished, this, [this](const SourceTestReport& report) {
        m_report = report;
        m_running = false;
        m_finished = true;
        emit finished(report);
    });
    m_thread->start();
}

SourceConnectionTest::~SourceConnectionTest()
{
    m_cancelled = true; // the running step gives up within 2 s
    m_thread->quit();
    m_thread->wait();
}

void SourceConnectionTest::start()
{
    if (m_running || m_finished) {
        return;
    }
    m_running = true;
    QMetaObject::invokeMethod(m_runner, &SourceTestRunner::run, Qt::QueuedConnection);
}

void SourceConnectionTest::cancel()
{
    m_cancelled = true;
}
