#pragma once

#include <QScrollArea>

// A main-window page in a frameless scroll area that gives the page the whole viewport and
// scrolls only when the viewport is smaller than the page's minimum size.
//
// QScrollArea's own widgetResizable mode sizes a page whose layout has height-for-width items
// (any word-wrapped label) to its *preferred* height for the width, so a page of tables scrolled
// at 1024x700 although its tables could have shrunk to fit. Here the page gets
// max(viewport, minimum) in each direction, and follows its minimum as wrapped labels refit.
class PageScrollArea : public QScrollArea
{
    Q_OBJECT

public:
    explicit PageScrollArea(QWidget* page, QWidget* parent = nullptr);

    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitPage();
};
