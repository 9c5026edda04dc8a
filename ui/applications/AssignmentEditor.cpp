#include "AssignmentEditor.h"

#include "ScopeCounter.h"
#include "ScopingFilterEditor.h"
#include "model/DirectoryUser.h"
#include "widgets/DirectoryPickerList.h"
#include "widgets/DirectoryPickerModel.h"
#include "widgets/FormMessages.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QVBoxLayout>

AssignmentEditor::AssignmentEditor(
    std::shared_ptr<Database> database, const Assignment& assignment, qint64 sourceId, QWidget* parent)
    : QWidget(parent)
    , m_counter(new ScopeCounter(database, this))
{
    setObjectName(QStringLiteral("assignmentEditor"));

    m_allUsers = new QCheckBox(tr("Assign to &all users of the directory"), this);
    m_allUsers->setObjectName(QStringLiteral("allUsersCheck"));
    m_allUsers->setChecked(assignment.allUsers);
    m_allGroups = new QCheckBox(this);
    m_allGroups->setObjectName(QStringLiteral("allGroupsCheck"));
    m_allGroups->setChecked(assignment.allGroups);

    m_counter->setSourceId(sourceId);
    m_userModel = new DirectoryPickerModel(DirectoryPickerModel::Kind::Users, database, this);
    m_userModel->setSourceId(sourceId);
    m_userModel->setCheckable(true);
    m_userModel->setCheckedIds(assignment.userIds);
    m_userList = new DirectoryPickerList(m_userModel, QStringLiteral("assignUsers"), this);

    m_groupModel = new DirectoryPickerModel(DirectoryPickerModel::Kind::Groups, database, this);
    m_groupModel->setSourceId(sourceId);
    m_groupModel->setCheckable(true);
    m_groupModel->setCheckedIds(assignment.groupIds);
    m_groupList = new DirectoryPickerList(m_groupModel, QStringLiteral("assignGroups"), this);
    auto* groupsTab = new QWidget(this);
    auto* groupsLayout = new QVBoxLayout(groupsTab);
    groupsLayout->addWidget(m_allGroups);
    groupsLayout->addWidget(m_groupList, 1);

    m_filters = new ScopingFilterEditor(this);
    m_filters->setObjectName(QStringLiteral("scopingFilterEditor"));
    m_filters->setFilters(assignment.scopingFilters);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("assignmentTabs"));
    m_tabs->addTab(m_userList, tr("&Users"));
    m_tabs->addTab(groupsTab, tr("&Groups"));
    m_tabs->addTab(m_filters, tr("Scoping &Filters"));

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("scopeCountLabel"));
    QFont bold = m_countLabel->font();
    bold.setBold(true);
    m_countLabel->setFont(bold);
    m_countError = FormMessages::errorLabel(QStringLiteral("scopeCountError"), this);

    auto* top = new QHBoxLayout;
    top->addWidget(m_allUsers);
    top->addStretch(1);
    top->addWidget(m_countLabel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_countError);

    connect(m_allUsers, &QCheckBox::toggled, this, &AssignmentEditor::onEdited);
    connect(m_allGroups, &QCheckBox::toggled, this, &AssignmentEditor::onEdited);
    connect(m_userModel, &DirectoryPickerModel::checkedIdsChanged, this, &AssignmentEditor::onEdited);
    connect(m_groupModel, &DirectoryPickerModel::checkedIdsChanged, this, &AssignmentEditor::onEdited);
    connect(m_filters, &ScopingFilterEditor::filtersChanged, this, &AssignmentEditor::onEdited);
    connect(m_counter, &ScopeCounter::computingChanged, this, &AssignmentEditor::updateCountLabel);
    connect(m_counter, &ScopeCounter::counted, this, &AssignmentEditor::updateCountLabel);
    connect(m_counter, &ScopeCounter::failed, this,
        [this](const QString& message) { FormMessages::show(m_countError, message); });
    connect(m_counter, &ScopeCounter::directoryLoaded, this, [this]() {
        QStringList names = DirectoryUser::standardAttributeNames();
        for (const QString& custom : m_counter->customAttributeNames()) {
            if (!names.contains(custom)) {
                names.append(custom);
            }
        }
        m_filters->setAttributeNames(names);
    });

    updateLabels();
    updateEnabled();
    m_counter->setAssignment(assignment);
    m_counter->countNow();
    updateCountLabel();
}

Assignment AssignmentEditor::assignment() const
{
    Assignment result;
    result.allUsers = m_allUsers->isChecked();
    result.allGroups = m_allGroups->isChecked();
    result.userIds = m_userModel->checkedIds();
    result.groupIds = m_groupModel->checkedIds();
    result.scopingFilters = m_filters->filters();
    return result;
}

QStringList AssignmentEditor::validationErrors() const
{
    return m_filters->validationErrors();
}

qint64 AssignmentEditor::sourceId() const
{
    return m_userModel->sourceId();
}

void AssignmentEditor::setSourceId(qint64 sourceId)
{
    if (sourceId == this->sourceId()) {
        return;
    }
    m_userModel->setCheckedIds({});
    m_groupModel->setCheckedIds({});
    m_userModel->setSourceId(sourceId);
    m_groupModel->setSourceId(sourceId);
    m_counter->setSourceId(sourceId);
    updateLabels();
    onEdited();
}

void AssignmentEditor::reloadDirectory()
{
    m_userModel->reload();
    m_groupModel->reload();
    m_counter->reloadDirectory();
}

void AssignmentEditor::updateLabels()
{
    const bool source = sourceId() > 0;
    m_allUsers->setText(
        source ? tr("Assign to &all users of the source") : tr("Assign to &all users of the directory"));
    m_allGroups->setText(source ? tr("Assign all gr&oups the source's group filter returns, now and later")
                                : tr("Assign all gr&oups of the directory, now and later"));
}

void AssignmentEditor::onEdited()
{
    updateEnabled();
    m_counter->setAssignment(assignment());
    emit assignmentChanged();
}

void AssignmentEditor::updateEnabled()
{
    // With "all users" the picked users and groups do not matter; they are kept, not lost,
    // in case the admin unticks it again.
    const bool picking = !m_allUsers->isChecked();
    m_userList->setEnabled(picking);
    m_allGroups->setEnabled(picking);
    m_groupList->setEnabled(picking && !m_allGroups->isChecked());
}

void AssignmentEditor::updateCountLabel()
{
    if (m_counter->isComputing() || m_counter->inScopeCount() < 0) {
        m_countLabel->setText(tr("Users in scope: computing\u2026"));
        return;
    }
    FormMessages::show(m_countError, QString());
    const QLocale locale;
    m_countLabel->setText(
        tr("Users in scope: %1 of %2")
            .arg(locale.toString(m_counter->inScopeCount()), locale.toString(m_counter->directoryUserCount())));
}
