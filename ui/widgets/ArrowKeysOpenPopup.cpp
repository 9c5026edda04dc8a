#include "ArrowKeysOpenPopup.h"

#include <QComboBox>
#include <QEvent>
#include <QKeyEvent>

ArrowKeysOpenPopup::ArrowKeysOpenPopup(QComboBox* combo)
    : QObject(combo)
    , m_combo(combo)
{
}

void ArrowKeysOpenPopup::install(QComboBox* combo)
{
    combo->installEventFilter(new ArrowKeysOpenPopup(combo));
}

bool ArrowKeysOpenPopup::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_combo && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown || key == Qt::Key_PageUp
            || key == Qt::Key_Home || key == Qt::Key_End) {
            m_combo->showPopup();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}
