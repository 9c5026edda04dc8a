// ColumnFitter on a real table offscreen: which columns give way, and in what order, when the
// view is too narrow for what every column wants.
#include "widgets/ColumnFitter.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

namespace {
enum Column
{
    Url, // long, cut first
    Type,
    Status,
    Name, // cut last
    Anchor, // kept whole
    Count
};

// The last column takes the pixels rounding leaves, one per column at most.
bool wholeWithRounding(int width, int wanted)
{
    return width >= wanted && width <= wanted + Count;
}

QString repeated(const QString& text, int times)
{
    QStringList parts;
    for (int i = 0; i < times; ++i) {
        parts << text;
    }
    return parts.join(QString());
}
} // namespace

class TestColumnFitter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void roomToSpareIsSharedOut();
    void narrowCutsFirstColumnsFirstAndNamesLast();
    void keptWholeColumnScrollsRatherThanCut();

private:
    // Shows the table at width and returns each column's width after the fit.
    QList<int> widthsAt(int width);
    // What the column wants: its widest value on screen (plus the fitter's margin).
    int wanted(int column) const;

    std::unique_ptr<QTableView> m_table;
    QStandardItemModel* m_model = nullptr;
    ColumnFitter* m_fitter = nullptr;
};

void TestColumnFitter::init()
{
    m_table = std::make_unique<QTableView>();
    m_model = new QStandardItemModel(3, Count, m_table.get());
    m_model->setHorizontalHeaderLabels({QStringLiteral("URL"), QStringLiteral("Type"), QStringLiteral("Status"),
        QStringLiteral("Name"), QStringLiteral("Anchor")});
    for (int row = 0; row < 3; ++row) {
        m_model->setItem(row, Url,
            new QStandardItem(QStringLiteral("https://scim.us-east-1.amazonaws.com/")
                + repeated(QStringLiteral("a1"), 12) + QStringLiteral("/scim/v2/")));
        m_model->setItem(row, Type, new QStandardItem(QStringLiteral("AWS IAM Identity Center")));
        m_model->setItem(row, Status, new QStandardItem(QStringLiteral("Passed on 7 Dec 2026 at 10:41")));
        m_model->setItem(row, Name, new QStandardItem(QStringLiteral("Production AWS account %1").arg(row)));
        m_model->setItem(
            row, Anchor, new QStandardItem(QStringLiteral("0b6e5c9a-1f2d-4c3b-9a8e-7d6c5b4a3f2%1").arg(row)));
    }
    m_table->setModel(m_model);
    m_fitter = new ColumnFitter(m_table.get());
    m_fitter->cutFirst(Url);
    m_fitter->cutLast(Name);
    m_fitter->keepWhole(Anchor);
}

void TestColumnFitter::cleanup()
{
    m_table.reset();
}

QList<int> TestColumnFitter::widthsAt(int width)
{
    m_table->resize(width, 300);
    if (!m_table->isVisible()) {
        m_table->show();
        if (!QTest::qWaitForWindowExposed(m_table.get())) {
            return {};
        }
    }
    m_fitter->refit();
    QList<int> widths;
    for (int column = 0; column < Count; ++column) {
        widths << m_table->columnWidth(column);
    }
    return widths;
}

int TestColumnFitter::wanted(int column) const
{
    return static_cast<const QAbstractItemView*>(m_table.get())->sizeHintForColumn(column) + 8;
}

void TestColumnFitter::roomToSpareIsSharedOut()
{
    const QList<int> widths = widthsAt(2400);
    QCOMPARE(widths.size(), int(Count));
    int sum = 0;
    for (int column = 0; column < Count; ++column) {
        QVERIFY2(widths[column] >= wanted(column), qPrintable(QString::number(column)));
        sum += widths[column];
    }
    // The columns end at the view's edge: no empty strip, no scroll bar.
    QCOMPARE(sum, m_table->viewport()->width());
}

void TestColumnFitter::narrowCutsFirstColumnsFirstAndNamesLast()
{
    // Enough for every column but the URL: only the URL gives way.
    int others = 0;
    for (int column = Type; column < Count; ++column) {
        others += wanted(column);
    }
    QList<int> widths = widthsAt(others + 160 + m_table->width() - m_table->viewport()->width());
    QCOMPARE(widths[Name], wanted(Name));
    QCOMPARE(widths[Type], wanted(Type));
    QVERIFY2(widths[Url] < wanted(Url) / 2, qPrintable(QString::number(widths[Url])));
    QVERIFY(wholeWithRounding(widths[Anchor], wanted(Anchor)));

    // Narrower still: Type and Status give way before the name, the anchor never does.
    widths = widthsAt(m_table->width() - 260);
    QVERIFY(widths[Type] < wanted(Type));
    QVERIFY(widths[Status] < wanted(Status));
    QCOMPARE(widths[Name], wanted(Name));
    QVERIFY(wholeWithRounding(widths[Anchor], wanted(Anchor)));
    int sum = 0;
    for (const int width : std::as_const(widths)) {
        sum += width;
    }
    QVERIFY2(sum <= m_table->viewport()->width(), qPrintable(QString::number(sum)));
}

void TestColumnFitter::keptWholeColumnScrollsRatherThanCut()
{
    const QList<int> widths = widthsAt(360);
    QVERIFY(wholeWithRounding(widths[Anchor], wanted(Anchor)));
    QHeaderView* header = m_table->horizontalHeader();
    for (int column = 0; column < Count; ++column) {
        QVERIFY(widths[column] >= header->sectionSizeHint(column));
    }
    QVERIFY(header->length() > m_table->viewport()->width()); // the table scrolls
}

QTEST_MAIN(TestColumnFitter)
#include "tst_columnfitter.moc"
