#include "ConfirmationDialogs.h"

#include "NoticeDialog.h"

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
    NoticeDialog box(title, text, details, acceptText, fullDetails, parent);
    box.setObjectName(objectName);
    return box.exec() == QDialog::Accepted;
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
