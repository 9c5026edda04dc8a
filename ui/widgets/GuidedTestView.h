#pragma once

#include "connection/ConnectionVerdict.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSplitter>
#include <QString>
#include <QStringList>

class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

// What one step of a guided test found, as GuidedTestView shows it: the server connection test
// and the directory source test hand their results in this one form.
struct GuidedTestStep
{
    int id = 0;
    QString title;
    ConnectionVerdict verdict = ConnectionVerdict::Skipped;
    qint64 durationMs = 0;
    QString checked;
    QString cause;
    QString fix;
    QStringList details; // "label: value" lines show as a table in the details pane
    QList<QPair<QString, QString>> extra; // further labelled lines, e.g. a request id
};

// The steps of a guided test (a tree named "stepList": step, result, duration, with what was
// checked, the cause, the fix and the details under each step) above the full text of the
// selected step ("stepDetails"). A failing or warning step is expanded and selected, so the
// admin sees what to do without clicking. Shared by the SCIM server and the directory source
// connection test dialogs.
class GuidedTestView : public QSplitter
{
    Q_OBJECT

public:
    explicit GuidedTestView(QWidget* parent = nullptr);

    QTreeWidget* stepList() const { return m_steps; }
    QTextBrowser* detailsView() const { return m_details; }

    // Lists the steps (id, title) as not run yet.
    void reset(const QList<QPair<int, QString>>& steps);
    // The result column of a step that has not run, e.g. "Not requested".
    void setPendingText(int id, const QString& text);
    void showStarted(int id);
    void showFinished(const GuidedTestStep& step);
    bool hasResult(int id) const { return m_results.contains(id); }

private:
    QTreeWidgetItem* itemFor(int id) const;
    void showDetails(QTreeWidgetItem* item);

    QTreeWidget* m_steps = nullptr;
    QTextBrowser* m_details = nullptr;
    QHash<int, GuidedTestStep> m_results;
};
