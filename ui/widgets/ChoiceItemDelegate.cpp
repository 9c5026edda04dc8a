#include "ChoiceItemDelegate.h"

#include <QComboBox>

ChoiceItemDelegate::ChoiceItemDelegate(const QStringList& choices, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_choices(choices)
{
}

QWidget* ChoiceItemDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const
{
    auto* combo = new QComboBox(parent);
    for (const QString& choice : m_choices) {
        combo->addItem(m_labels.value(choice, choice), choice);
    }
    combo->setEditable(m_editable);
    // Commit as soon as a choice is made, not only when focus leaves the cell.
    connect(combo, &QComboBox::activated, this, [this, combo]() {
        auto* self = const_cast<ChoiceItemDelegate*>(this);
        emit self->commitData(combo);
        emit self->closeEditor(combo);
    });
    return combo;
}

void ChoiceItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = static_cast<QComboBox*>(editor);
    const QString text = index.data(Qt::EditRole).toString();
    const int found = combo->findData(text);
    if (m_editable && found < 0) {
        combo->setEditText(text);
        return;
    }
    combo->setCurrentIndex(qMax(0, found));
}

void ChoiceItemDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    const auto* combo = static_cast<QComboBox*>(editor);
    // A choice from the list gives its value; text typed into an editable combo is taken as typed.
    const int current = combo->currentIndex();
    const bool chosen = current >= 0 && combo->itemText(current) == combo->currentText();
    model->setData(index, chosen ? combo->itemData(current).toString() : combo->currentText(), Qt::EditRole);
}
