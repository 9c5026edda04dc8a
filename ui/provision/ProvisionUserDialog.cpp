#include "ProvisionUserDialog.h"

#include "controller/ApplicationSync.h"
#include "servers/ServerCatalog.h"
#include "sources/DirectoryBrowser.h"
#include "storage/ApplicationRepository.h"
#include "util/DisplayText.h"
#include "widgets/ScreenFit.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int kUserIdRole = Qt::UserRole + 1;
constexpr int kSearchLimit = 200; // a picker, not a browser: narrow down by typing

QIcon iconFor(const QStyle* style, ProvisionStep::Status status)
{
    switch (status) {
    case ProvisionStep::Status::Pending:
        return QIcon();
    case ProvisionStep::Status::Running:
        return style->standardIcon(QStyle::SP_BrowserReload);
    case ProvisionStep::Status::Pass:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case ProvisionStep::Status::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case ProvisionStep::Status::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case ProvisionStep::Status::Fail:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case ProvisionStep::Status::Skipped:
        return style->standardIcon(QStyle::SP_MediaSkipForward);
    }
    return QIcon();
}

// Server and directory values with their control characters and bidi overrides escaped, so
// they cannot disguise what the admin checks before Provision.
QString valueText(const QJsonValue& value)
{
    if (value.isUndefined() || value.isNull())
        return ProvisionUserDialog::tr("(absent)");
    if (value.isString())
        return DisplayText::escaped(value.toString());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return DisplayText::escaped(
        QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact)));
}
} // namespace

ProvisionUserDialog::ProvisionUserDialog(
    std::shared_ptr<Workspace> workspace, qint64 applicationId, qint64 userId, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_applicationId(applicationId)
    , m_preselectedUserId(userId)
{
    setObjectName(QStringLiteral("provisionUserDialog"));
    m_sync = new ApplicationSync(m_workspace, m_applicationId, this);
    connect(m_sync, &ApplicationSync::provisionStepStarted, this, &ProvisionUserDialog::showStep);
    connect(m_sync, &ApplicationSync::provisionStepFinished, this, &ProvisionUserDialog::showStep);
    connect(m_sync, &ApplicationSync::provisionReady, this, &ProvisionUserDialog::onReady);
    connect(m_sync, &ApplicationSync::provisionFinished, this, &ProvisionUserDialog::onFinished);
    connect(m_sync, &ApplicationSync::provisionFailed, this, &ProvisionUserDialog::fail);
    setWindowTitle(tr("Provision User"));
    ScreenFit::resizeWithin(this, QSize(900, 640));

    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(createUserPicker());
    split->addWidget(createStepPanes());
    split->setStretchFactor(1, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);
    layout->addWidget(m_message);
    layout->addWidget(createButtons());
    connectSignals();
    showInitialState();
}

QWidget* ProvisionUserDialog::createUserPicker()
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("userSearch"));
    m_search->setPlaceholderText(tr("Search users by name or email"));
    m_search->setClearButtonEnabled(true);
    m_users = new QListWidget(this);
    m_users->setObjectName(QStringLiteral("userList"));
    m_checkButton = new QPushButton(tr("&Check"), this);
    m_checkButton->setObjectName(QStringLiteral("checkButton"));
    m_checkButton->setToolTip(tr("Reads the user and the SCIM server and shows what provisioning would do. "
                                 "Nothing is written."));
    auto* pickLayout = new QVBoxLayout;
    pickLayout->addWidget(new QLabel(tr("Directory user:"), this));
    pickLayout->addWidget(m_search);
    pickLayout->addWidget(m_users, 1);
    pickLayout->addWidget(m_checkButton);
    auto* pickPane = new QWidget(this);
    pickPane->setLayout(pickLayout);
    return pickPane;
}

QWidget* ProvisionUserDialog::createStepPanes()
{
    m_steps = new QTreeWidget(this);
    m_steps->setObjectName(QStringLiteral("stepList"));
    m_steps->setHeaderLabels({tr("Step"), tr("Result")});
    m_steps->setRootIsDecorated(false);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(true);
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("stepDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_changes = new QTableWidget(0, 3, this);
    m_changes->setObjectName(QStringLiteral("changesTable"));
    m_changes->setHorizontalHeaderLabels({tr("Attribute"), tr("Before"), tr("After")});
    m_changes->horizontalHeader()->setStretchLastSection(true);
    m_changes->verticalHeader()->hide();
    m_changes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_changes->hide();
    auto* detailsSplit = new QSplitter(Qt::Vertical, this);
    detailsSplit->addWidget(m_steps);
    detailsSplit->addWidget(m_changes);
    detailsSplit->addWidget(m_details);
    detailsSplit->setStretchFactor(2, 1);
    return detailsSplit;
}

QDialogButtonBox* ProvisionUserDialog::createButtons()
{
    auto* buttons = new QDialogButtonBox(this);
    m_provisionButton = buttons->addButton(tr("&Provision"), QDialogButtonBox::AcceptRole);
    m_provisionButton->setObjectName(QStringLiteral("provisionButton"));
    m_provisionButton->setToolTip(tr("Sends exactly what step 4 shows to the SCIM server."));
    m_copyButton = buttons->addButton(tr("Copy &Trace"), QDialogButtonBox::ActionRole);
    m_copyButton->setObjectName(QStringLiteral("copyTraceButton"));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Close);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    // The button box would accept/reject on its own; the dialog decides instead.
    disconnect(buttons, nullptr, this, nullptr);
    return buttons;
}

void ProvisionUserDialog::connectSignals()
{
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &ProvisionUserDialog::searchUsers);
    connect(m_users, &QListWidget::currentItemChanged, this, &ProvisionUserDialog::updateButtons);
    connect(m_users, &QListWidget::itemActivated, this, &ProvisionUserDialog::check);
    connect(m_checkButton, &QPushButton::clicked, this, &ProvisionUserDialog::check);
    connect(m_steps, &QTreeWidget::currentItemChanged, this, &ProvisionUserDialog::showCurrentDetails);
    connect(m_provisionButton, &QPushButton::clicked, this, &ProvisionUserDialog::provision);
    connect(m_copyButton, &QPushButton::clicked, this, &ProvisionUserDialog::copyTrace);
    connect(m_cancelButton, &QPushButton::clicked, this, &ProvisionUserDialog::cancelOrClose);
}

void ProvisionUserDialog::showInitialState()
{
    const auto application = m_workspace->applications().find(m_applicationId);
    const auto server = application ? m_workspace->servers()->repository().find(application->scimServerId)
                                    : std::optional<ScimServer>();
    m_header->setText(application && server
            ? tr("Provision one user of <b>%1</b> to the SCIM server <b>%2</b>, with the same rules as a full "
                 "sync. Check shows each step; nothing is written until you click Provision.")
                  .arg(application->name.toHtmlEscaped(), server->name.toHtmlEscaped())
            : tr("This application has no SCIM server. Assign one in Application Manager first."));

    m_trace = ProvisionTrace::pending();
    for (const auto& step : std::as_const(m_trace.steps)) {
        auto* item = new QTreeWidgetItem(m_steps, {step.title, ProvisionStep::statusLabel(step.status)});
        item->setIcon(0, iconFor(style(), step.status));
    }

    // The users of the application's source: the embedded directory or a directory source's last read.
    m_sourceId = application ? application->sourceId : 0;
    if (m_preselectedUserId > 0) {
        if (const auto row = DirectoryBrowser(m_workspace->database(), m_sourceId).findUser(m_preselectedUserId)) {
            const DirectoryUser& user = row->user;
            auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(user.userName, user.displayName), m_users);
            item->setData(kUserIdRole, user.id);
            m_users->setCurrentItem(item);
        }
    } else {
        searchUsers();
    }
    updateButtons();
}

ProvisionUserDialog::~ProvisionUserDialog() = default;

qint64 ProvisionUserDialog::pickedUserId() const
{
    const QListWidgetItem* item = m_users->currentItem();
    return item ? item->data(kUserIdRole).toLongLong() : 0;
}

void ProvisionUserDialog::searchUsers()
{
    const qint64 keep = pickedUserId();
    m_users->clear();
    const auto rows
        = DirectoryBrowser(m_workspace->database(), m_sourceId).listUsers(m_search->text().trimmed(), kSearchLimit);
    for (const auto& row : rows) {
        const DirectoryUser& user = row.user;
        auto* item = new QListWidgetItem(
            user.displayName.isEmpty() ? user.userName : QStringLiteral("%1 — %2").arg(user.userName, user.displayName),
            m_users);
        item->setData(kUserIdRole, user.id);
        if (!user.active)
            item->setToolTip(tr("Disabled in the directory"));
        if (user.id == keep)
            m_users->setCurrentItem(item);
    }
    updateButtons();
}

void ProvisionUserDialog::updateButtons()
{
    m_checkButton->setEnabled(!m_busy && pickedUserId() > 0);
    m_search->setEnabled(!m_busy);
    m_users->setEnabled(!m_busy);
    m_provisionButton->setEnabled(m_canProvision && !m_busy);
    m_cancelButton->setText(m_busy || m_canProvision ? tr("Cancel") : tr("Close"));
}

void ProvisionUserDialog::check()
{
    const qint64 userId = pickedUserId();
    if (m_busy || userId <= 0)
        return;
    m_canProvision = false; // a plan of the previous check is dropped with its engine
    m_busy = true;
    m_trace = ProvisionTrace::pending();
    for (int i = 0; i < m_trace.steps.size(); ++i)
        showStep(i, m_trace.steps.at(i));
    m_message->setText(tr("Checking\u2026 nothing is written to the SCIM server."));
    updateButtons();
    m_sync->startProvisionUser(userId);
}

void ProvisionUserDialog::fail(const SyncFailure& failure)
{
    m_busy = false;
    m_canProvision = false;
    m_message->setText(DisplayText::escapedKeepingLines(failure.fullMessage()));
    updateButtons();
}

void ProvisionUserDialog::showStep(int index, const ProvisionStep& step)
{
    if (index < 0 || index >= m_steps->topLevelItemCount())
        return;
    if (index < m_trace.steps.size())
        m_trace.steps[index] = step;
    QTreeWidgetItem* item = m_steps->topLevelItem(index);
    item->setText(0, QStringLiteral("%1. %2").arg(index + 1).arg(step.title));
    item->setText(
        1, step.summary.isEmpty() ? ProvisionStep::statusLabel(step.status) : DisplayText::escaped(step.summary));
    item->setToolTip(1, DisplayText::escapedKeepingLines(step.summary));
    item->setIcon(0, iconFor(style(), step.status));
    item->setData(0, Qt::AccessibleDescriptionRole, ProvisionStep::statusLabel(step.status));
    item->setData(0, Qt::UserRole, ProvisionStep::statusId(step.status));
    if (step.isDone()
        && (step.status == ProvisionStep::Status::Fail || step.kind == ProvisionStep::Kind::Action
            || step.kind == ProvisionStep::Kind::Perform || !m_steps->currentItem()))
        m_steps->setCurrentItem(item);
    else if (m_steps->currentItem() == item)
        showCurrentDetails();
}

void ProvisionUserDialog::showCurrentDetails()
{
    const int index = m_steps->indexOfTopLevelItem(m_steps->currentItem());
    if (index < 0 || index >= m_trace.steps.size()) {
        m_details->clear();
        m_changes->hide();
        return;
    }
    const ProvisionStep& step = m_trace.steps.at(index);
    QString text = step.summary;
    if (!step.details.isEmpty())
        text += QStringLiteral("\n\n") + step.details;
    if (!step.json.isEmpty())
        text += QLatin1Char('\n') + QString::fromUtf8(QJsonDocument(step.json).toJson(QJsonDocument::Indented));
    m_details->setPlainText(DisplayText::escapedKeepingLines(text));
    m_changes->setRowCount(int(step.changes.size()));
    for (int row = 0; row < step.changes.size(); ++row) {
        const AttributeChange& change = step.changes.at(row);
        m_changes->setItem(row, 0, new QTableWidgetItem(DisplayText::escaped(change.path)));
        m_changes->setItem(row, 1, new QTableWidgetItem(valueText(change.before)));
        m_changes->setItem(row, 2, new QTableWidgetItem(valueText(change.after)));
    }
    m_changes->setVisible(!step.changes.isEmpty());
}

void ProvisionUserDialog::onReady(bool hasWork, const ProvisionTrace& trace)
{
    m_trace = trace;
    m_busy = false;
    m_canProvision = hasWork;
    m_message->setText(hasWork ? tr("Check the action in step 4, then click Provision to send it.")
                               : tr("Nothing to provision for this user."));
    updateButtons();
    emit checked(hasWork);
}

void ProvisionUserDialog::onFinished(const ProvisionTrace& trace)
{
    m_trace = trace;
    const bool performed = m_canProvision || m_busy;
    m_busy = false;
    m_canProvision = false;
    const ProvisionStep* perform = trace.step(ProvisionStep::Kind::Perform);
    if (performed && perform && perform->status != ProvisionStep::Status::Skipped)
        m_message->setText(DisplayText::escapedKeepingLines(perform->summary));
    updateButtons();
    showCurrentDetails();
    if (performed && perform && perform->status != ProvisionStep::Status::Skipped)
        emit provisioned(trace);
}

void ProvisionUserDialog::provision()
{
    if (!m_canProvision)
        return;
    m_canProvision = false;
    m_busy = true;
    m_message->setText(tr("Provisioning\u2026"));
    updateButtons();
    m_sync->performProvision();
}

void ProvisionUserDialog::cancelOrClose()
{
    if (m_busy || m_canProvision) {
        m_sync->cancel();
        m_message->setText(tr("Cancelled."));
        return;
    }
    reject();
}

void ProvisionUserDialog::copyTrace()
{
    QApplication::clipboard()->setText(m_trace.toText());
    m_message->setText(tr("The trace is on the clipboard. It holds no token."));
}
