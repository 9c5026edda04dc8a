#include "DirectoryPickerList.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

DirectoryPickerList::DirectoryPickerList(DirectoryPickerModel* model, const QString& objectPrefix, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_searchTimer(new QTimer(this))
{
    const bool users = model->kind() == DirectoryPickerModel::Kind::Users;
    m_search = new QLineEdit(this);
    m_search->setObjectName(objectPrefix + QStringLiteral("Search"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(users ? tr("Search user name, name or email") : tr("Search group name"));

    m_view = new QListView(this);
    m_view->setObjectName(objectPrefix + QStringLiteral("List"));
    m_view->setModel(model);
    m_view->setUniformItemSizes(true); // lets the view lay out many rows without measuring each
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_count = new QLabel(this);
    m_count->setObjectName(objectPrefix + QStringLiteral("Count"));

    auto* footer = new QHBoxLayout;
    footer->addWidget(m_count, 1);
    m_checkedOnly = new QCheckBox(users ? tr("Show assigned users only") : tr("Show assigned groups only"), this);
    m_checkedOnly->setObjectName(objectPrefix + QStringLiteral("CheckedOnly"));
    footer->addWidget(m_checkedOnly);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addLayout(footer);

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, [this]() { m_model->setSearch(m_search->text().trimmed()); });
    connect(m_checkedOnly, &QCheckBox::toggled, m_model, &DirectoryPickerModel::setCheckedOnly);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DirectoryPickerList::updateCount);
    connect(m_model, &DirectoryPickerModel::checkedIdsChanged, this, &DirectoryPickerList::updateCount);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex& current) { emit currentIdChanged(m_model->idAt(current.row())); });
    updateCount();
}

qint64 DirectoryPickerList::currentId() const
{
    return m_model->idAt(m_view->currentIndex().row());
}

void DirectoryPickerList::updateCount()
{
    const bool checkable = m_model->isCheckable();
    // Only a checkable picker has anything to filter down to.
    m_checkedOnly->setVisible(checkable);
    const QLocale locale;
    QString text = tr("Found: %1").arg(locale.toString(m_model->totalCount()));
    if (checkable) {
        const int checked = int(m_model->checkedIds().size());
        text += QStringLiteral(" \u00b7 ") + tr("Assigned: %1").arg(locale.toString(checked));
    }
    m_count->setText(text);
}
