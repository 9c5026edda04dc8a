#include "ConfirmationDialogs.h"

#include <QMessageBox>
#include <QPushButton>

QList<ConfirmationDialogs::Answer>& ConfirmationDialogs::queue()
{
    static QList<Answer> answers;
    return answers;
}

ConfirmationDialogs::Shown& ConfirmationDialogs::last()
{
    static Shown shown;
    return shown;
}

bool ConfirmationDialogs::takeQueuedAnswer(Answer* answer)
{
    if (queue().isEmpty()) {
        return false;
    }
    *answer = queue().takeFirst();
    return true;
}

bool ConfirmationDialogs::confirm(QWidget* parent, const QString& objectName, const QString& title, const QString& text,
    const QStringList& details, const QString& acceptText, const QStringList& fullDetails)
{
    last() = {objectName, title, text, details, fullDetails};
    Answer answer = Answer::Reject;
    if (takeQueuedAnswer(&answer)) {
        return answer == Answer::Accept;
    }
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    box.setObjectName(objectName);
    if (!details.isEmpty()) {
        QString list = QStringLiteral("<ul style=\"margin-left:-20px\">");
        for (const QString& line : details) {
            list += QStringLiteral("<li>") + line.toHtmlEscaped() + QStringLiteral("</li>");
        }
        list += QStringLiteral("</ul>");
        box.setInformativeText(list);
        box.setTextFormat(Qt::PlainText);
    }
    if (!fullDetails.isEmpty()) {
        box.setDetailedText(fullDetails.join(QLatin1Char('\n')));
    }
    auto* accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    accept->setObjectName(QStringLiteral("continueButton"));
    auto* cancel = box.addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    // Cancel is the safe default: Enter must not overwrite settings by accident.
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void ConfirmationDialogs::showError(
    QWidget* parent, const QString& objectName, const QString& title, const QString& text, const QString& hint)
{
    last() = {objectName, title, text, hint.isEmpty() ? QStringList() : QStringList {hint}, {}};
    Answer answer = Answer::Accept;
    if (takeQueuedAnswer(&answer)) {
        return;
    }
    QMessageBox box(QMessageBox::Critical, title, text, QMessageBox::Ok, parent);
    box.setObjectName(objectName);
    box.setInformativeText(hint);
    box.exec();
}

void ConfirmationDialogs::setNextAnswer(Answer answer)
{
    queue().append(answer);
}

int ConfirmationDialogs::pendingAnswers()
{
    return int(queue().size());
}

ConfirmationDialogs::Shown ConfirmationDialogs::lastShown()
{
    return last();
}

void ConfirmationDialogs::reset()
{
    queue().clear();
    last() = {};
}
