#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

// Edits a table cell with a combo box of fixed choices; the model receives the chosen text
// through Qt::EditRole.
class ChoiceItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    ChoiceItemDelegate(const QStringList& choices, QObject* parent = nullptr);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    QStringList m_choices;
};
