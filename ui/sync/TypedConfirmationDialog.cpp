#include "TypedConfirmationDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

TypedConfirmationDialog::TypedConfirmationDialog(
    const QString& title, const QString& text, const QString& expected, QWidget* parent)
    : QDialog(parent)
    , m_expected(expected)
{
    setObjectName(QStringLiteral("typedConfirmationDialog"));
    setWindowTitle(title);
    auto* label = new QLabel(text, this);
    label->setWordWrap(true);
    label->setObjectName(QStringLiteral("confirmationText"));
    auto* prompt = new QLabel(tr("Type <b>%1</b> to confirm:").arg(expected.toHtmlEscaped()), this);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("confirmationInput"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setEnabled(false);
    connect(m_input, &QLineEdit::textChanged, this, [this]() { m_confirm->setEnabled(isConfirmed()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this]() {
        if (isConfirmed()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(prompt);
    layout->addWidget(m_input);
    layout->addWidget(buttons);
    resize(480, sizeHint().height());
}

bool TypedConfirmationDialog::isConfirmed() const
{
    return m_input->text().trimmed() == m_expected;
}
