#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QWidget;

// Every modal question and error the GUI shows goes through here, so tests can answer the
// next dialogs without a window (KeePassXC's MessageBox::setNextAnswer pattern) and read
// what would have been shown. Product code never sets answers.
class ConfirmationDialogs
{
public:
    enum class Answer
    {
        Accept,
        Reject,
    };

    // What the last dialog said, for assertions; kept whether it was shown or answered.
    struct Shown
    {
        QString objectName;
        QString title;
        QString text;
        QStringList details;
        QStringList fullDetails;
    };

    // Asks with an explicit accept button (e.g. "Continue") and Cancel. details are listed
    // under the text, one line each. Returns true when the admin accepted.
    // fullDetails, when given, sit behind the box's "Show Details..." button, one line each.
    static bool confirm(QWidget* parent, const QString& objectName, const QString& title, const QString& text,
        const QStringList& details, const QString& acceptText, const QStringList& fullDetails = {});
    // Shows an error the admin has to acknowledge: what happened, then what to do.
    static void showError(
        QWidget* parent, const QString& objectName, const QString& title, const QString& text, const QString& hint);

    // Queues answers for the next dialogs; while answers are queued no dialog is shown.
    static void setNextAnswer(Answer answer);
    static int pendingAnswers();
    static Shown lastShown();
    static void reset();

private:
    static bool takeQueuedAnswer(Answer* answer);
    static QList<Answer>& queue();
    static Shown& last();
};
