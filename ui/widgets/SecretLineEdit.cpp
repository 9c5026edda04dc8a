#include "SecretLineEdit.h"

#include "EditIcons.h"

#include <QAction>
#include <QSignalBlocker>

SecretLineEdit::SecretLineEdit(QWidget* parent)
    : QLineEdit(parent)
{
    setEchoMode(QLineEdit::Password);
    // Secrets must not end up in an input method's learning dictionary.
    setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_revealAction = addAction(EditIcons::eye(false), QLineEdit::TrailingPosition);
    m_revealAction->setObjectName(QStringLiteral("revealSecretAction"));
    m_revealAction->setCheckable(true);
    m_revealAction->setToolTip(tr("Show the secret"));
    connect(m_revealAction, &QAction::toggled, this, &SecretLineEdit::setRevealed);
    connect(this, &QLineEdit::textEdited, this, &SecretLineEdit::trimSurroundingWhitespace);
}

void SecretLineEdit::setRevealed(bool revealed)
{
    setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    const QSignalBlocker blocker(m_revealAction);
    m_revealAction->setChecked(revealed);
    m_revealAction->setIcon(EditIcons::eye(revealed));
    m_revealAction->setToolTip(revealed ? tr("Hide the secret") : tr("Show the secret"));
}

void SecretLineEdit::trimSurroundingWhitespace()
{
    const QString trimmed = text().trimmed();
    if (m_keepsWhitespace || trimmed == text()) {
        return;
    }
    const int leading = int(text().indexOf(trimmed.isEmpty() ? QString() : trimmed.left(1)));
    const int cursor = qBound(0, cursorPosition() - qMax(0, leading), int(trimmed.size()));
    setText(trimmed);
    setCursorPosition(cursor);
}
