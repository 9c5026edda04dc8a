#include "EditableTable.h"

#include "AppIcons.h"
#include "FormMessages.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

EditableTable::EditableTable(const QString& objectPrefix, const QString& addText, QWidget* parent)
    : QWidget(parent)
{
    QString capitalized = objectPrefix;
    capitalized[0] = capitalized.at(0).toUpper();

    m_view = new QTableView(this);
    m_view->setObjectName(objectPrefix + QStringLiteral("Table"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    // SCIM paths differ at the end (…:User:department vs …:User:manager.value).
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);

    m_addButton = new QPushButton(AppIcons::icon(QStringLiteral("add")), addText, this);
    m_addButton->setObjectName(QStringLiteral("add") + capitalized + QStringLiteral("Button"));
    m_removeButton = new QPushButton(AppIcons::icon(QStringLiteral("delete")), tr("Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("remove") + capitalized + QStringLiteral("Button"));
    m_errors = FormMessages::errorLabel(objectPrefix + QStringLiteral("Errors"), this);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_errors);

    connect(m_addButton, &QPushButton::clicked, this, &EditableTable::addRequested);
    connect(m_removeButton, &QPushButton::clicked, this, [this]() {
        if (currentRow() >= 0) {
            emit removeRequested(currentRow());
        }
    });
    updateButtons();
}

void EditableTable::setModel(QAbstractItemModel* model)
{
    m_view->setModel(model);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &EditableTable::updateButtons);
    connect(model, &QAbstractItemModel::modelReset, this, &EditableTable::updateButtons);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &EditableTable::updateButtons);
    updateButtons();
}

void EditableTable::editNewRow(const QModelIndex& index)
{
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    m_view->edit(index);
}

void EditableTable::setErrors(const QStringList& errors)
{
    FormMessages::show(m_errors, errors.join(QLatin1Char('\n')));
}

int EditableTable::currentRow() const
{
    const QModelIndex current = m_view->selectionModel() ? m_view->currentIndex() : QModelIndex();
    return current.isValid() ? current.row() : -1;
}

void EditableTable::updateButtons()
{
    m_removeButton->setEnabled(currentRow() >= 0);
}
