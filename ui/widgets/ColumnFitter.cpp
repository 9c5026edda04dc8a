#include "ColumnFitter.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <numeric>

namespace {
// A column of long values (a DN) still leaves room for the others.
constexpr int kWidestColumn = 480;
} // namespace

ColumnFitter::ColumnFitter(QTableView* table)
    : QObject(table)
    , m_table(table)
{
    QHeaderView* header = table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    table->installEventFilter(this);
    table->viewport()->installEventFilter(this);
    header->viewport()->installEventFilter(this);
    connect(header, &QHeaderView::sectionResized, this, [this] {
        if (!m_fitting && m_dragging) {
            m_userResized = true;
        }
    });
    connect(header, &QHeaderView::sectionHandleDoubleClicked, this, [this] { m_userResized = true; });
    if (QAbstractItemModel* model = table->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, &ColumnFitter::scheduleRefit);
        connect(model, &QAbstractItemModel::layoutChanged, this, &ColumnFitter::scheduleRefit);
    }
}

bool ColumnFitter::eventFilter(QObject* watched, QEvent* event)
{
    // A hidden table (the other tab) is fitted when it is shown: its columns may have changed since.
    if ((watched == m_table->viewport() && event->type() == QEvent::Resize)
        || (watched == m_table && event->type() == QEvent::Show)) {
        scheduleRefit();
    } else if (watched == m_table->horizontalHeader()->viewport()) {
        if (event->type() == QEvent::MouseButtonPress) {
            m_dragging = true;
        } else if (event->type() == QEvent::MouseButtonRelease) {
            m_dragging = false;
        }
    }
    return QObject::eventFilter(watched, event);
}

void ColumnFitter::scheduleRefit()
{
    // Several resizes and resets in one pass of the event loop fit once, with the rows on screen.
    if (m_scheduled) {
        return;
    }
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        refit();
    });
}

void ColumnFitter::keepWhole(int column)
{
    if (!m_keptWhole.contains(column)) {
        m_keptWhole.append(column);
    }
    scheduleRefit();
}

void ColumnFitter::cutFirst(int column)
{
    if (!m_cutFirst.contains(column)) {
        m_cutFirst.append(column);
    }
    scheduleRefit();
}

void ColumnFitter::cutLast(int column)
{
    if (!m_cutLast.contains(column)) {
        m_cutLast.append(column);
    }
    scheduleRefit();
}

void ColumnFitter::refit()
{
    QAbstractItemModel* model = m_table->model();
    if (m_userResized || !model || !m_table->isVisible()) {
        return;
    }
    QHeaderView* header = m_table->horizontalHeader();
    QList<int> columns;
    QList<int> floors;
    QList<int> wanted;
    const int readable = m_table->fontMetrics().averageCharWidth() * 12;
    for (int column = 0; column < model->columnCount(); ++column) {
        if (m_table->isColumnHidden(column)) {
            continue;
        }
        const int headerWidth = header->sectionSizeHint(column);
        const int want = std::clamp(static_cast<const QAbstractItemView*>(m_table)->sizeHintForColumn(column) + 8,
            headerWidth, std::max(headerWidth, kWidestColumn));
        columns << column;
        // Never narrower than its header, nor than the first dozen characters of its values.
        floors << (m_keptWhole.contains(column) ? want : std::max(headerWidth, std::min(want, readable)));
        wanted << want;
    }
    if (columns.isEmpty()) {
        return;
    }
    const int available = m_table->viewport()->width();
    const int floorSum = std::accumulate(floors.cbegin(), floors.cend(), 0);
    const int wantedSum = std::accumulate(wanted.cbegin(), wanted.cend(), 0);
    QList<int> widths = wanted;
    if (wantedSum <= available) {
        // Room to spare: every column grows by the same share of what it wants.
        for (int i = 0; i < widths.size(); ++i) {
            widths[i] += int(qint64(available - wantedSum) * wanted[i] / wantedSum);
        }
    } else if (floorSum < available) {
        // Too narrow: the columns to cut first (long values whose tooltips show them whole) give
        // up their width before the others, the ones to cut last (a row's name) after them; within
        // each set in proportion to what each can give.
        int excess = wantedSum - available;
        const auto tierOf = [this](int column) {
            return m_cutFirst.contains(column) ? 0 : m_cutLast.contains(column) ? 2 : 1;
        };
        for (const int tier : {0, 1, 2}) {
            qint64 reducible = 0;
            for (int i = 0; i < widths.size(); ++i) {
                if (tierOf(columns[i]) == tier) {
                    reducible += widths[i] - floors[i];
                }
            }
            if (reducible <= 0 || excess <= 0) {
                continue;
            }
            const qint64 take = std::min<qint64>(excess, reducible);
            for (int i = 0; i < widths.size(); ++i) {
                if (tierOf(columns[i]) == tier) {
                    // Rounded up, so the columns never end past the edge (the last takes the rest).
                    widths[i] -= int((take * (widths[i] - floors[i]) + reducible - 1) / reducible);
                }
            }
            excess -= int(take);
        }
    } else {
        widths = floors; // narrower than the headers: the table scrolls
    }
    // Rounding leaves a few pixels: the last column takes them, so the table ends at its edge.
    const int used = std::accumulate(widths.cbegin(), widths.cend(), 0);
    if (used < available) {
        widths.last() += available - used;
    }
    m_fitting = true;
    for (int i = 0; i < columns.size(); ++i) {
        header->resizeSection(columns[i], widths[i]);
    }
    m_fitting = false;
    // Widgets in cells (a row's edit button) move with their columns now, not at the next layout
    // pass: a click right after a refresh lands on the button, not where it was.
    m_table->doItemsLayout();
}
