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
    for (int column = 0; column < model->columnCount(); ++column) {
        if (m_table->isColumnHidden(column)) {
            continue;
        }
        const int headerWidth = header->sectionSizeHint(column);
        const int want = std::clamp(static_cast<const QAbstractItemView*>(m_table)->sizeHintForColumn(column) + 8,
            headerWidth, std::max(headerWidth, kWidestColumn));
        columns << column;
        floors << (m_keptWhole.contains(column) ? want : headerWidth);
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
        for (int i = 0; i < widths.size(); ++i) {
            widths[i]
                = floors[i] + int(qint64(available - floorSum) * (wanted[i] - floors[i]) / (wantedSum - floorSum));
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
}
