#pragma once

#include <QObject>

class QComboBox;

// On a combo box whose choice asks a question (the Server Type and Source Type notices), arrow
// keys on the closed box would choose — and ask about — every entry they pass: they open the
// list instead. The filter is a child of the combo box.
class ArrowKeysOpenPopup : public QObject
{
    Q_OBJECT

public:
    static void install(QComboBox* combo);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit ArrowKeysOpenPopup(QComboBox* combo);

    QComboBox* m_combo = nullptr;
};
