#include "ScheduleDialog.h"

#include "schedule/PlatformScheduler.h"
#include "schedule/ScheduleInstaller.h"
#include "widgets/FormMessages.h"
#include "widgets/ScreenFit.h"
#include "widgets/WrappingLabel.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QStringDecoder>
#include <QTimeEdit>
#include <QVBoxLayout>

ScheduleDialog::ScheduleDialog(qint64 applicationId, const QString& applicationName,
    std::shared_ptr<const PlatformScheduler> scheduler, QWidget* parent)
    : QDialog(parent)
    , m_applicationId(applicationId)
    , m_applicationName(applicationName)
    , m_scheduler(std::move(scheduler))
{
    setObjectName(QStringLiteral("scheduleDialog"));
    setWindowTitle(tr("Schedule \u2014 %1").arg(applicationName));
    m_installer = new ScheduleInstaller(m_scheduler, this);
    connect(m_installer, &ScheduleInstaller::finished, this, &ScheduleDialog::showOutcome);

    auto* scroll = ScreenFit::scrollable(buildForm());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_saveButton = buttons->addButton(tr("&Save Schedule"), QDialogButtonBox::ApplyRole);
    m_saveButton->setObjectName(QStringLiteral("saveScheduleButton"));
    m_removeButton = buttons->addButton(tr("&Remove Schedule"), QDialogButtonBox::DestructiveRole);
    m_removeButton->setObjectName(QStringLiteral("removeScheduleButton"));
    connect(m_saveButton, &QPushButton::clicked, this, &ScheduleDialog::save);
    connect(m_removeButton, &QPushButton::clicked, this, &ScheduleDialog::removeSchedule);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);

    loadInstalled();
    ScreenFit::resizeWithin(this, QSize(720, 640));
}

ScheduleDialog::~ScheduleDialog() = default;

QWidget* ScheduleDialog::buildForm()
{
    auto* content = new QWidget(this);
    auto* intro = new WrappingLabel(content);
    intro->setText(tr("This computer runs the sync of \u201c%1\u201d without the window open, as a %2: "
                      "<code>scimdesk-cli sync \u2026 --apply</code>. A run that would disable or delete more "
                      "than the deletion threshold stops and waits for you.")
                       .arg(m_applicationName.toHtmlEscaped(), m_scheduler->kindName()));
    m_current = new QLabel(content);
    m_current->setObjectName(QStringLiteral("currentScheduleLabel"));
    m_current->setWordWrap(true);

    m_frequency = new QComboBox(content);
    m_frequency->setObjectName(QStringLiteral("frequencyCombo"));
    m_frequency->addItem(tr("Every hour"), int(RunSchedule::Frequency::Hourly));
    m_frequency->addItem(tr("Every day"), int(RunSchedule::Frequency::Daily));
    m_frequency->addItem(tr("Every week"), int(RunSchedule::Frequency::Weekly));
    m_weekday = new QComboBox(content);
    m_weekday->setObjectName(QStringLiteral("weekdayCombo"));
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        m_weekday->addItem(QLocale().dayName(day), day);
    }
    m_time = new QTimeEdit(content);
    m_time->setObjectName(QStringLiteral("timeEdit"));
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));

    m_keychain = new QRadioButton(tr("From the system &keychain (runs while you are logged in)"), content);
    m_keychain->setObjectName(QStringLiteral("tokenFromKeychain"));
    m_tokenFileChoice = new QRadioButton(tr("From a &file only you can read (chmod 600):"), content);
    m_tokenFileChoice->setObjectName(QStringLiteral("tokenFromFile"));
    auto* group = new QButtonGroup(content);
    group->addButton(m_keychain);
    group->addButton(m_tokenFileChoice);
    m_tokenFile = new QLineEdit(content);
    m_tokenFile->setObjectName(QStringLiteral("tokenFileEdit"));
    m_tokenFile->setPlaceholderText(tr("/home/you/.config/scimdesk/token"));
    auto* browse = new QPushButton(tr("&Browse\u2026"), content);
    connect(browse, &QPushButton::clicked, this, &ScheduleDialog::browseTokenFile);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_tokenFile, 1);
    fileRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Currently:"), m_current);
    form->addRow(tr("&Run:"), m_frequency);
    form->addRow(tr("&Day:"), m_weekday);
    form->addRow(tr("&At:"), m_time);
    form->addRow(tr("Token:"), m_keychain);
    form->addRow(QString(), m_tokenFileChoice);
    form->addRow(QString(), fileRow);

    auto* previewBox = new QGroupBox(tr("What will be written (never the token)"), content);
    m_preview = new QPlainTextEdit(previewBox);
    m_preview->setObjectName(QStringLiteral("entryPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setMinimumHeight(160);
    (new QVBoxLayout(previewBox))->addWidget(m_preview);

    m_result = FormMessages::hintLabel(QStringLiteral("scheduleResult"), content);
    m_result->setTextFormat(Qt::PlainText); // paths and the scheduler's own output, never markup
    m_manualCommands = new QPlainTextEdit(content);
    m_manualCommands->setObjectName(QStringLiteral("manualCommands"));
    m_manualCommands->setReadOnly(true);
    m_manualCommands->setFixedHeight(m_manualCommands->fontMetrics().lineSpacing() * 3 + 12);
    m_manualCommands->hide();

    auto* layout = new QVBoxLayout(content);
    layout->addWidget(intro);
    layout->addLayout(form);
    // The preview takes the spare height; the messages below keep the height of their text.
    m_result->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(previewBox, 1);
    layout->addWidget(m_result);
    layout->addWidget(m_manualCommands);

    connect(m_frequency, &QComboBox::currentIndexChanged, this, &ScheduleDialog::updateForm);
    connect(m_weekday, &QComboBox::currentIndexChanged, this, &ScheduleDialog::updateForm);
    connect(m_time, &QTimeEdit::timeChanged, this, &ScheduleDialog::updateForm);
    connect(m_keychain, &QRadioButton::toggled, this, &ScheduleDialog::updateForm);
    connect(m_tokenFile, &QLineEdit::textChanged, this, &ScheduleDialog::updateForm);
    return content;
}

void ScheduleDialog::loadInstalled()
{
    const auto installed = m_scheduler->installed(m_applicationId);
    m_otherProfile = m_scheduler->otherProfile(m_applicationId);
    const RunSchedule shown = installed.value_or(RunSchedule());
    m_current->setText(installed
            ? tr("%1 (%2 %3)")
                  .arg(installed->describe(), m_scheduler->kindName(), m_scheduler->entryName(m_applicationId))
            : tr("Not scheduled: it runs only when you preview and apply it on Sync & Logs."));
    m_frequency->setCurrentIndex(m_frequency->findData(int(shown.frequency)));
    m_weekday->setCurrentIndex(m_weekday->findData(shown.weekday));
    m_time->setTime(shown.time);
    m_tokenFile->setText(shown.tokenFile);
    (shown.tokenFile.isEmpty() ? m_keychain : m_tokenFileChoice)->setChecked(true);
    m_removeButton->setEnabled(installed.has_value());
    updateForm();
}

RunSchedule ScheduleDialog::chosenSchedule() const
{
    RunSchedule schedule;
    schedule.applicationId = m_applicationId;
    schedule.applicationName = m_applicationName;
    schedule.frequency = RunSchedule::Frequency(m_frequency->currentData().toInt());
    schedule.weekday = m_weekday->currentData().toInt();
    schedule.time = m_time->time();
    schedule.tokenFile = m_tokenFileChoice->isChecked() ? m_tokenFile->text().trimmed() : QString();
    schedule.profileDirectory = m_scheduler->setup().profileDirectory; // as ScheduleInstaller writes it
    return schedule;
}

void ScheduleDialog::updateForm()
{
    const RunSchedule schedule = chosenSchedule();
    m_weekday->setEnabled(schedule.frequency == RunSchedule::Frequency::Weekly);
    m_time->setDisplayFormat(
        schedule.frequency == RunSchedule::Frequency::Hourly ? QStringLiteral("mm") : QStringLiteral("HH:mm"));
    m_tokenFile->setEnabled(m_tokenFileChoice->isChecked());
    QString error = schedule.validationError();
    if (error.isEmpty() && m_tokenFileChoice->isChecked() && schedule.tokenFile.isEmpty()) {
        error = tr("Name the file that holds the token, or use the keychain.");
    }
    // A profile made before entry names carried the profile's id shares names with other such
    // profiles: never overwrite the entry another profile's schedule wrote.
    if (error.isEmpty() && m_otherProfile) {
        error = tr("%1 %2 runs the application with the same number in another profile (%3). Remove that "
                   "schedule from ScimDesk opened on that profile first.")
                    .arg(m_scheduler->kindName(), m_scheduler->entryName(m_applicationId),
                        QDir::toNativeSeparators(*m_otherProfile));
    }
    FormMessages::show(m_result, error, FormMessages::Error);
    m_saveButton->setEnabled(error.isEmpty() && !m_installer->isBusy());
    QStringList text;
    for (const SchedulerFile& file : m_scheduler->entryFiles(schedule)) {
        const bool utf16 = file.content.startsWith("\xff\xfe");
        text << QStringLiteral("# %1").arg(QDir::toNativeSeparators(file.path))
             << (utf16 ? QStringDecoder(QStringDecoder::Utf16LE).decode(file.content)
                       : QString::fromUtf8(file.content));
    }
    m_preview->setPlainText(text.join(QLatin1Char('\n')));
}

void ScheduleDialog::save()
{
    m_saveButton->setEnabled(false);
    m_removeButton->setEnabled(false);
    m_installer->install(chosenSchedule());
}

void ScheduleDialog::removeSchedule()
{
    m_saveButton->setEnabled(false);
    m_removeButton->setEnabled(false);
    m_installer->remove(m_applicationId);
}

void ScheduleDialog::showOutcome(const ScheduleOutcome& outcome)
{
    loadInstalled();
    // A hidden label keeps the width it was created with; wrap the message at the width it gets.
    m_result->resize(m_preview->width(), m_result->height());
    FormMessages::show(m_result, outcome.message,
        outcome.registered ? FormMessages::Hint : (outcome.filesChanged ? FormMessages::Warning : FormMessages::Error));
    m_manualCommands->setPlainText(outcome.manualCommands.join(QLatin1Char('\n')));
    m_manualCommands->setVisible(!outcome.manualCommands.isEmpty());
    emit scheduleChanged(outcome.message);
}

void ScheduleDialog::browseTokenFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("File That Holds the Token"), QDir::homePath());
    if (!path.isEmpty()) {
        m_tokenFile->setText(path);
        m_tokenFileChoice->setChecked(true);
    }
}
