#pragma once

#include <QHash>
#include <QStringList>
#include <QStyledItemDelegate>

// Edits a table cell with a combo box of choices; the model receives the chosen text through
// Qt::EditRole. An editable delegate also takes text typed in (e.g. a custom attribute name).
class ChoiceItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    ChoiceItemDelegate(const QStringList& choices, QObject* parent = nullptr);

    void setEditable(bool editable) { m_editable = editable; }
    // What the combo shows for a choice ("First name (givenName)"); the model still receives
    // the choice itself. Choices without a label show as they are.
    void setLabels(const QHash<QString, QString>& labels) { m_labels = labels; }

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    QStringList m_choices;
    QHash<QString, QString> m_labels;
    bool m_editable = false;
};
