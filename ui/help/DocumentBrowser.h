#pragma once

#include <QTextBrowser>

// The text view of DocumentViewer: the documents' screenshots are scaled down to a column
// width, so a table of two screenshots fits the window instead of scrolling sideways.
class DocumentBrowser : public QTextBrowser
{
    Q_OBJECT

public:
    explicit DocumentBrowser(QWidget* parent = nullptr);

    QVariant loadResource(int type, const QUrl& name) override;

    static constexpr int maxImageWidth = 420;
};
