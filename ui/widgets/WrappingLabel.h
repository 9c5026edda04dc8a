#pragma once

#include <QLabel>

// A word-wrapped label that asks its layout for the height its text needs at its current
// width. Plain wrapped QLabels inside nested form layouts get the height of one line and
// clip the rest.
class WrappingLabel : public QLabel
{
    Q_OBJECT

public:
    explicit WrappingLabel(QWidget* parent = nullptr);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void fitHeight();
};
