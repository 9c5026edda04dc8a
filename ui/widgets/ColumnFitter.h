#pragma once

#include <QList>
#include <QObject>

class QTableView;

// Gives a table's visible columns the width the view has: each column as wide as its header and
// the text of the rows on screen need (up to a cap), the room left over shared out, and, when the
// view is narrower than that, every column cut in proportion but never below its header (nor its
// first dozen characters). Stops once the admin resizes a column by hand. Columns a caller hides or shows take part at
// the next refit(). A column kept whole (an identifier, whose cut value means nothing) is never cut: when the view is
// too narrow for it and the others' headers, the table scrolls. Columns to cut first (a URL, a DN: long values shown
// whole in their tooltips) give up their width before the others, columns to cut last (which object a row is: its name)
// only after all the others.
class ColumnFitter : public QObject
{
    Q_OBJECT

public:
    explicit ColumnFitter(QTableView* table);

    void refit();
    void keepWhole(int column);
    void cutFirst(int column);
    void cutLast(int column);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void scheduleRefit();

    QTableView* m_table;
    QList<int> m_keptWhole;
    QList<int> m_cutFirst;
    QList<int> m_cutLast;
    bool m_fitting = false;
    bool m_userResized = false;
    bool m_dragging = false;
    bool m_scheduled = false;
};
