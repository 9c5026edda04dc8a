#pragma once

#include "model/DirectorySource.h"
#include "sources/check/SourceTestReport.h"
#include "sources/check/SourceTestStepResult.h"

#include <QDialog>
#include <QPointer>

#include <memory>
#include <optional>

class GuidedTestView;
class QLabel;
class QPushButton;
class SourceConnectionTest;
class Workspace;

// The guided connection test of a directory source (core's SourceConnectionTest, on its worker
// thread): DNS, TCP, TLS with the CA, bind, base DN, users and groups found, one sample user
// with every mapped attribute, nesting — each step with its verdict, duration, what was checked
// and, for warnings and failures, the cause and the fix. The bind password is the one given (the
// wizard's or Edit Source's field) or else read from the system keychain; it is never shown or
// copied.
class SourceTestDialog : public QDialog
{
    Q_OBJECT

public:
    // password: the one being entered; nullopt reads the stored one (anonymous binds need none).
    SourceTestDialog(std::shared_ptr<Workspace> workspace, const DirectorySource& source,
        const std::optional<QString>& password = std::nullopt, QWidget* parent = nullptr);
    ~SourceTestDialog() override;

    bool isRunning() const;
    bool hasReport() const { return m_hasReport; }
    // Valid once finished() was emitted.
    SourceTestReport report() const { return m_report; }
    GuidedTestView* view() const { return m_view; }

signals:
    void finished(const SourceTestReport& report);

public slots:
    void start();
    void cancel();
    void copyReport();

protected:
    void reject() override;

private:
    void run(const QString& password);
    void failBeforeTest(const QString& message);
    void resetSteps();
    void showStepFinished(int index, const SourceTestStepResult& result);
    void showFinished(const SourceTestReport& report);
    void updateButtons();

    std::shared_ptr<Workspace> m_workspace;
    DirectorySource m_source;
    std::optional<QString> m_password;
    QPointer<SourceConnectionTest> m_test;
    SourceTestReport m_report;
    bool m_hasReport = false;
    bool m_readingPassword = false;

    QLabel* m_summary = nullptr;
    GuidedTestView* m_view = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_copyButton = nullptr;
    QPushButton* m_closeButton = nullptr;
};
