#pragma once

#include <QLineEdit>

class QAction;

// A masked field for tokens, passwords and client secrets, with a show/hide toggle. Pasted
// secrets often carry a trailing newline or spaces from the console they were copied
// from; they are trimmed so the stored secret is exactly the token. A password whose spaces are
// part of it (an LDAP bind password) turns trimming off with setKeepsWhitespace(true).
class SecretLineEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit SecretLineEdit(QWidget* parent = nullptr);

    QString secret() const { return m_keepsWhitespace ? text() : text().trimmed(); }
    void setKeepsWhitespace(bool keeps) { m_keepsWhitespace = keeps; }
    bool isRevealed() const { return echoMode() == QLineEdit::Normal; }
    void setRevealed(bool revealed);
    QAction* revealAction() const { return m_revealAction; }

private:
    void trimSurroundingWhitespace();

    QAction* m_revealAction = nullptr;
    bool m_keepsWhitespace = false;
};
