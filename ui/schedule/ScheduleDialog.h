#pragma once

#include "schedule/RunSchedule.h"

#include <QDialog>

#include <memory>
#include <optional>

class PlatformScheduler;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTimeEdit;
class ScheduleInstaller;
struct ScheduleOutcome;

// Schedule…: when this computer runs the application's sync headless (scimdesk-cli sync APP
// --apply) through the platform's scheduler. Shows what is installed, saves (writes and
// registers) a new schedule and removes it; the generated entry is shown before it is saved.
class ScheduleDialog : public QDialog
{
    Q_OBJECT

public:
    ScheduleDialog(qint64 applicationId, const QString& applicationName,
        std::shared_ptr<const PlatformScheduler> scheduler, QWidget* parent = nullptr);
    ~ScheduleDialog() override;

    RunSchedule chosenSchedule() const;

signals:
    // After a save or remove finished (the message is also shown in the dialog).
    void scheduleChanged(const QString& message);

private:
    QWidget* buildForm();
    void loadInstalled();
    void updateForm();
    void save();
    void removeSchedule();
    void showOutcome(const ScheduleOutcome& outcome);
    void browseTokenFile();

    qint64 m_applicationId = 0;
    QString m_applicationName;
    // The profile an existing entry of this name runs when it is not this one (read with the
    // installed schedule, not on every change of the form).
    std::optional<QString> m_otherProfile;
    std::shared_ptr<const PlatformScheduler> m_scheduler;
    ScheduleInstaller* m_installer = nullptr;
    QLabel* m_current = nullptr;
    QComboBox* m_frequency = nullptr;
    QComboBox* m_weekday = nullptr;
    QTimeEdit* m_time = nullptr;
    QRadioButton* m_keychain = nullptr;
    QRadioButton* m_tokenFileChoice = nullptr;
    QLineEdit* m_tokenFile = nullptr;
    QPlainTextEdit* m_preview = nullptr;
    QLabel* m_result = nullptr;
    QPlainTextEdit* m_manualCommands = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_removeButton = nullptr;
};
