#pragma once

#include <QDialog>
#include <QUrl>

class QTextBrowser;

// Reads ScimDesk's own documentation (README.md and docs/*.md, compiled into the program) in
// a window: works offline and shows the guide of exactly this version. Links between the
// documents stay in the viewer; web links open in the browser.
class DocumentViewer : public QDialog
{
    Q_OBJECT

public:
    // document: a path under the documentation root, e.g. "README.md" or "docs/cli.md".
    explicit DocumentViewer(const QString& document, QWidget* parent = nullptr);

    static QUrl documentUrl(const QString& document);
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser = nullptr;
};
