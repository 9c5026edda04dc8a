#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

// Asks the admin to type a word or number before a risky apply (e.g. the number of users
// about to be disabled or deleted), so a plan over the deletion threshold is never applied
// with a reflexive click.
class TypedConfirmationDialog : public QDialog
{
    Q_OBJECT

public:
    TypedConfirmationDialog(
        const QString& title, const QString& text, const QString& expected, QWidget* parent = nullptr);

    QString expected() const { return m_expected; }
    bool isConfirmed() const;

private:
    QString m_expected;
    QLineEdit* m_input = nullptr;
    QPushButton* m_confirm = nullptr;
};
