#pragma once

#include <QDialog>
#include <QStringList>

class QPushButton;

// A confirmation whose list of consequences may be long (the Server Type notice): the title
// and question on top, the list in a scrolling area, the full list behind Show Details, and
// the buttons always visible below, whatever the screen size. Cancel is the default button.
class NoticeDialog : public QDialog
{
    Q_OBJECT

public:
    NoticeDialog(const QString& title, const QString& text, const QStringList& details, const QString& acceptText,
        const QStringList& fullDetails, QWidget* parent = nullptr);

    QPushButton* acceptButton() const { return m_accept; }
    QPushButton* cancelButton() const { return m_cancel; }

private:
    QPushButton* m_accept = nullptr;
    QPushButton* m_cancel = nullptr;
};
