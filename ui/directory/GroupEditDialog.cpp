#include "GroupEditDialog.h"
#include "widgets/FormMessages.h"

#include "directory/DirectoryRepository.h"
#include "widgets/ScreenFit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int IdRole = Qt::UserRole + 1;
constexpr int IsGroupRole = Qt::UserRole + 2;
} // namespace

GroupEditDialog::GroupEditDialog(DirectoryRepository& repository, const DirectoryGroup& group, QWidget* parent)
    : QDialog(parent)
    , m_repository(repository)
    , m_group(group)
    , m_searchTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("groupEditDialog"));
    setWindowTitle(group.id == 0 ? tr("Add Group") : tr("Edit Group \u2013 %1").arg(group.displayName));

    m_name = new QLineEdit(group.displayName, this);
    m_name->setObjectName(QStringLiteral("groupNameEdit"));
    m_description = new QLineEdit(group.description, this);
    m_description->setObjectName(QStringLiteral("groupDescriptionEdit"));
    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("memberSearchEdit"));
    m_search->setPlaceholderText(tr("Search users and groups to add\u2026"));
    m_search->setClearButtonEnabled(true);
    m_candidates = new QListWidget(this);
    m_candidates->setObjectName(QStringLiteral("candidateList"));
    m_candidates->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_members = new QListWidget(this);
    m_members->setObjectName(QStringLiteral("memberList"));
    m_members->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_members->setSortingEnabled(true);
    auto* add = new QPushButton(tr("Add \u2192"), this);
    add->setObjectName(QStringLiteral("addMemberButton"));
    auto* remove = new QPushButton(tr("\u2190 Remove"), this);
    remove->setObjectName(QStringLiteral("removeMemberButton"));

    auto* pickers = new QGridLayout;
    pickers->addWidget(new QLabel(tr("Directory"), this), 0, 0);
    pickers->addWidget(new QLabel(tr("Members"), this), 0, 2);
    pickers->addWidget(m_search, 1, 0);
    pickers->addWidget(m_candidates, 2, 0);
    auto* middle = new QVBoxLayout;
    middle->addStretch(1);
    middle->addWidget(add);
    middle->addWidget(remove);
    middle->addStretch(1);
    pickers->addLayout(middle, 2, 1);
    pickers->addWidget(m_members, 1, 2, 2, 1);

    m_error = FormMessages::errorLabel(QStringLiteral("errorLabel"), this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &GroupEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(pickers, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    ScreenFit::resizeWithin(this, QSize(760, 520));

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchTimer, &QTimer::timeout, this, &GroupEditDialog::searchCandidates);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(add, &QPushButton::clicked, this, &GroupEditDialog::addSelectedCandidates);
    connect(m_candidates, &QListWidget::itemDoubleClicked, this, &GroupEditDialog::addSelectedCandidates);
    connect(remove, &QPushButton::clicked, this, &GroupEditDialog::removeSelectedMembers);

    for (const qint64 id : group.memberUserIds) {
        if (const auto user = m_repository.findUser(id)) {
            addMember(false, id, user->userName);
        }
    }
    for (const qint64 id : group.memberGroupIds) {
        if (const auto member = m_repository.findGroup(id)) {
            addMember(true, id, member->displayName);
        }
    }
    searchCandidates();
}

void GroupEditDialog::addMember(bool isGroup, qint64 id, const QString& name)
{
    for (int i = 0; i < m_members->count(); ++i) {
        const auto* item = m_members->item(i);
        if (item->data(IdRole).toLongLong() == id && item->data(IsGroupRole).toBool() == isGroup) {
            return;
        }
    }
    auto* item = new QListWidgetItem(
        style()->standardIcon(isGroup ? QStyle::SP_DirIcon : QStyle::SP_FileIcon), name, m_members);
    item->setData(IdRole, id);
    item->setData(IsGroupRole, isGroup);
}

void GroupEditDialog::searchCandidates()
{
    m_candidates->clear();
    const QString search = m_search->text().trimmed();
    for (const auto& group : m_repository.listGroups(search, PickerLimit)) {
        if (group.id == m_group.id && m_group.id != 0) {
            continue;
        }
        auto* item = new QListWidgetItem(style()->standardIcon(QStyle::SP_DirIcon), group.displayName, m_candidates);
        item->setData(IdRole, group.id);
        item->setData(IsGroupRole, true);
    }
    for (const auto& user : m_repository.listUsers(search, PickerLimit)) {
        const QString label
            = user.displayName.isEmpty() ? user.userName : tr("%1 (%2)").arg(user.userName, user.displayName);
        auto* item = new QListWidgetItem(style()->standardIcon(QStyle::SP_FileIcon), label, m_candidates);
        item->setData(IdRole, user.id);
        item->setData(IsGroupRole, false);
        item->setData(Qt::UserRole + 3, user.userName);
    }
}

void GroupEditDialog::addSelectedCandidates()
{
    for (const auto* item : m_candidates->selectedItems()) {
        const bool isGroup = item->data(IsGroupRole).toBool();
        addMember(
            isGroup, item->data(IdRole).toLongLong(), isGroup ? item->text() : item->data(Qt::UserRole + 3).toString());
    }
}

void GroupEditDialog::removeSelectedMembers()
{
    qDeleteAll(m_members->selectedItems());
}

DirectoryGroup GroupEditDialog::group() const
{
    DirectoryGroup group = m_group;
    group.displayName = m_name->text().trimmed();
    group.description = m_description->text().trimmed();
    group.memberUserIds.clear();
    group.memberGroupIds.clear();
    for (int i = 0; i < m_members->count(); ++i) {
        const auto* item = m_members->item(i);
        (item->data(IsGroupRole).toBool() ? group.memberGroupIds : group.memberUserIds)
            .append(item->data(IdRole).toLongLong());
    }
    return group;
}

void GroupEditDialog::accept()
{
    const DirectoryGroup edited = group();
    if (edited.id == 0) {
        const auto created = m_repository.createGroup(edited);
        if (!created) {
            FormMessages::show(m_error, created.error().message, FormMessages::Error);
            return;
        }
        m_savedId = created.value();
    } else {
        const auto updated = m_repository.updateGroup(edited);
        if (!updated) {
            FormMessages::show(m_error, updated.error().message, FormMessages::Error);
            return;
        }
        m_savedId = edited.id;
    }
    QDialog::accept();
}
