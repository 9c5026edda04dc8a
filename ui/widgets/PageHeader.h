#pragma once

#include <QWidget>

class QLabel;

// The title and one-line explanation at the top of every main-window page.
class PageHeader : public QWidget
{
    Q_OBJECT

public:
    PageHeader(const QString& title, const QString& subtitle, QWidget* parent = nullptr);

    QLabel* titleLabel() const { return m_title; }

private:
    QLabel* m_title = nullptr;
};
