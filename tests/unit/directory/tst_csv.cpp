#include "directory/CsvReader.h"
#include "directory/CsvWriter.h"

#include <QBuffer>
#include <QIODevice>
#include <QTest>

#include <cstring>

using Rows = QList<QStringList>;
Q_DECLARE_METATYPE(Rows)

namespace {
// A read-only device that returns at most `step` bytes per read, like a slow pipe or a file
// read in small chunks.
class TrickleDevice : public QIODevice
{
public:
    TrickleDevice(QByteArray data, qint64 step)
        : m_data(std::move(data))
        , m_step(step)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    int reads() const { return m_reads; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const qint64 count = qMin(qMin(maxSize, m_step), qint64(m_data.size()) - m_pos);
        std::memcpy(data, m_data.constData() + m_pos, size_t(count));
        m_pos += count;
        ++m_reads;
        return count;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_step;
    qint64 m_pos = 0;
    int m_reads = 0;
};
} // namespace

class TestCsv : public QObject
{
    Q_OBJECT

private slots:
    void readerParses_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Rows>("rows");
        QTest::addColumn<QList<int>>("lines");

        QTest::newRow("simple LF") << QByteArray("a,b\n1,2\n") << Rows {{"a", "b"}, {"1", "2"}} << QList<int> {1, 2};
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << Rows {{"a", "b"}, {"1", "2"}} << QList<int> {1, 2};
        QTest::newRow("no trailing newline")
            << QByteArray("a,b\n1,2") << Rows {{"a", "b"}, {"1", "2"}} << QList<int> {1, 2};
        QTest::newRow("empty trailing lines")
            << QByteArray("a,b\r\n1,2\r\n\r\n\n") << Rows {{"a", "b"}, {"1", "2"}} << QList<int> {1, 2};
        QTest::newRow("blank line in the middle keeps line numbers")
            << QByteArray("a\n\nb\n") << Rows {{"a"}, {"b"}} << QList<int> {1, 3};
        QTest::newRow("quoted with delimiter") << QByteArray("\"a,b\",c\n") << Rows {{"a,b", "c"}} << QList<int> {1};
        QTest::newRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\",x\n") << Rows {{"say \"hi\"", "x"}}
                                        << QList<int> {1};
        QTest::newRow("only a doubled quote") << QByteArray("\"\"\"\"\n") << Rows {{"\""}} << QList<int> {1};
        QTest::newRow("empty quoted cell is a record") << QByteArray("\"\"\n") << Rows {{""}} << QList<int> {1};
        QTest::newRow("embedded LF") << QByteArray("h\n\"line1\nline2\",x\nnext\n")
                                     << Rows {{"h"}, {"line1\nline2", "x"}, {"next"}} << QList<int> {1, 2, 4};
        QTest::newRow("embedded CRLF") << QByteArray("\"a\r\nb\r\nc\"\r\nz\r\n") << Rows {{"a\r\nb\r\nc"}, {"z"}}
                                       << QList<int> {1, 4};
        QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBFuserName,name\nj\xC3\xBCrgen,J\xC3\xBCrgen\n")
                                   << Rows {{"userName", "name"},
                                          {QString::fromUtf8("j\xC3\xBCrgen"), QString::fromUtf8("J\xC3\xBCrgen")}}
                                   << QList<int> {1, 2};
        QTest::newRow("ragged rows") << QByteArray("a,b,c\n1\n1,2,3,4\n")
                                     << Rows {{"a", "b", "c"}, {"1"}, {"1", "2", "3", "4"}} << QList<int> {1, 2, 3};
        QTest::newRow("empty cells") << QByteArray(",,\n") << Rows {{"", "", ""}} << QList<int> {1};
        QTest::newRow("trailing delimiter at end of file") << QByteArray("a,") << Rows {{"a", ""}} << QList<int> {1};
        QTest::newRow("quote inside unquoted cell is text")
            << QByteArray("ab\"c,d\n") << Rows {{"ab\"c", "d"}} << QList<int> {1};
        QTest::newRow("spaces kept") << QByteArray(" a , b \n") << Rows {{" a ", " b "}} << QList<int> {1};
        QTest::newRow("lone CR line ends") << QByteArray("a\rb\r") << Rows {{"a"}, {"b"}} << QList<int> {1, 2};
    }

    void readerParses()
    {
        QFETCH(QByteArray, input);
        QFETCH(Rows, rows);
        QFETCH(QList<int>, lines);
        CsvReader reader = CsvReader::fromUtf8(input);
        QVERIFY(reader.decodingError().isEmpty());
        const QList<CsvRecord> records = reader.readAll();
        Rows actual;
        QList<int> actualLines;
        for (const auto& record : records) {
            QVERIFY2(record.error.isEmpty(), qPrintable(record.error));
            actual << record.fields;
            actualLines << record.line;
        }
        QCOMPARE(actual, rows);
        QCOMPARE(actualLines, lines);
    }

    void readerReportsUnclosedQuoteWithItsStartLine()
    {
        CsvReader reader = CsvReader::fromUtf8("a\nb\n\"never\nclosed,x\n");
        const auto records = reader.readAll();
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(2).line, 3);
        QVERIFY(records.at(2).error.contains(QLatin1String("line 3")));
    }

    void readerFlagsTextAfterClosingQuote()
    {
        CsvReader reader = CsvReader::fromUtf8("\"ab\"c,d\n");
        const auto records = reader.readAll();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.at(0).fields, (QStringList {"abc", "d"}));
        QVERIFY(!records.at(0).error.isEmpty());
    }

    void readerRejectsInvalidUtf8()
    {
        CsvReader reader = CsvReader::fromUtf8("name\nJ\xFCrgen\n");
        reader.readAll();
        QVERIFY(!reader.decodingError().isEmpty());
        QVERIFY2(reader.decodingError().contains(QLatin1String("line 2")), qPrintable(reader.decodingError()));
    }

    // The device hands over a few bytes at a time, so every record, quoted line break, CRLF and
    // multi-byte character is cut by a chunk boundary somewhere; the records must not change.
    void readerStreamsAcrossChunkBoundaries_data() { readerParses_data(); }

    void readerStreamsAcrossChunkBoundaries()
    {
        QFETCH(QByteArray, input);
        QFETCH(Rows, rows);
        QFETCH(QList<int>, lines);
        for (const qint64 step : {1, 2, 3, 7}) {
            TrickleDevice device(input, step);
            CsvReader reader(&device);
            Rows actual;
            QList<int> actualLines;
            CsvRecord record;
            while (reader.readRecord(record)) {
                QVERIFY2(record.error.isEmpty(), qPrintable(record.error));
                actual << record.fields;
                actualLines << record.line;
            }
            QVERIFY(reader.error().isEmpty());
            QVERIFY(reader.decodingError().isEmpty());
            QCOMPARE(actual, rows);
            QCOMPARE(actualLines, lines);
            QCOMPARE(reader.bytesRead(), qint64(input.size()));
            QVERIFY(device.reads() >= input.size() / step);
        }
    }

    void readerDetectsTheDelimiterOnTheWholeFirstLine()
    {
        TrickleDevice device("userName;email;title\nada;a@x;\"Dr, PhD\"\n", 1);
        CsvReader reader(&device, QChar());
        const QList<CsvRecord> records = reader.readAll();
        QCOMPARE(reader.delimiter(), QLatin1Char(';'));
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(1).fields, (QStringList {"ada", "a@x", "Dr, PhD"}));
    }

    void readerNamesTheLineOfAnInvalidByteAfterManyChunks()
    {
        QByteArray input = "name\n";
        for (int i = 0; i < 50000; ++i) {
            input += "r\xC3\xA9sum\xC3\xA9 " + QByteArray::number(i) + "\n"; // 50,000 lines, several chunks
        }
        input += "J\xFCrgen\n"; // line 50,002
        CsvReader reader = CsvReader::fromUtf8(input);
        reader.readAll();
        QVERIFY2(reader.decodingError().contains(QLatin1String("line 50002")), qPrintable(reader.decodingError()));
    }

    void readerRejectsAFileThatEndsInsideACharacter()
    {
        CsvReader reader = CsvReader::fromUtf8("name\nJ\xC3");
        reader.readAll();
        QVERIFY(!reader.decodingError().isEmpty());
    }

    // An unclosed quote near the start of a big file would make the rest of it one cell in
    // memory; the reader stops at maxRecordLength with the line of the record instead.
    void readerStopsAtARecordLongerThanTheLimit()
    {
        QByteArray input = "name\n\"never closed\n";
        input += QByteArray(CsvReader::maxRecordLength + 1024, 'x');
        CsvReader reader = CsvReader::fromUtf8(input);
        const QList<CsvRecord> records = reader.readAll();
        QCOMPARE(records.size(), 1);
        QVERIFY2(reader.error().contains(QLatin1String("line 2")), qPrintable(reader.error()));
    }

    void detectsDelimiter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("comma") << "a,b,c\n1;2"
                               << ",";
        QTest::newRow("semicolon") << "a;b;c\n1,2"
                                   << ";";
        QTest::newRow("tab") << "a\tb\n"
                             << "\t";
        QTest::newRow("quoted commas ignored") << "\"a,b,c\";d;e\n"
                                               << ";";
        QTest::newRow("single column") << "userName\n"
                                       << ",";
    }

    void detectsDelimiter()
    {
        QFETCH(QString, text);
        QFETCH(QString, delimiter);
        QCOMPARE(QString(CsvReader::detectDelimiter(text)), delimiter);
    }

    void writerNeutralisesFormulas_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("encoded");
        QTest::newRow("=") << "=1+2"
                           << "'=1+2";
        QTest::newRow("+") << "+1 555 0100"
                           << "'+1 555 0100";
        QTest::newRow("-") << "-2"
                           << "'-2";
        QTest::newRow("@") << "@SUM(A1)"
                           << "'@SUM(A1)";
        QTest::newRow("tab") << "\t=cmd"
                             << "'\t=cmd";
        QTest::newRow("carriage return") << "\r=cmd"
                                         << "\"'\r=cmd\"";
        QTest::newRow("HYPERLINK with quotes") << "=HYPERLINK(\"http://x\")"
                                               << "\"'=HYPERLINK(\"\"http://x\"\")\"";
        QTest::newRow("already quoted formula stays reversible") << "'=x"
                                                                 << "''=x";
        QTest::newRow("plain") << "alice"
                               << "alice";
        QTest::newRow("apostrophe text untouched") << "'quoted"
                                                   << "'quoted";
        QTest::newRow("trigger later in value") << "a=b"
                                                << "a=b";
        QTest::newRow("comma needs quotes") << "Doe, Jane"
                                            << "\"Doe, Jane\"";
        QTest::newRow("newline needs quotes") << "a\nb"
                                              << "\"a\nb\"";
        QTest::newRow("leading space quoted") << " x"
                                              << "\" x\"";
        QTest::newRow("empty") << ""
                               << "";
    }

    void writerNeutralisesFormulas()
    {
        QFETCH(QString, value);
        QFETCH(QString, encoded);
        QCOMPARE(CsvWriter::encodeField(value), encoded);
        QCOMPARE(CsvWriter::restoreNeutralised(CsvWriter::neutralise(value)), value);
    }

    void writerOutputIsUtf8WithBomAndCrlf()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(&buffer);
        QVERIFY(writer.writeRecord({QStringLiteral("a"), QString::fromUtf8("\xC3\xA9")}));
        QVERIFY(writer.writeRecord({QString()}));
        QCOMPARE(buffer.data(),
            QByteArray("\xEF\xBB\xBF"
                       "a,\xC3\xA9\r\n\"\"\r\n"));
    }

    void roundTrip()
    {
        const Rows rows {{"userName", "note", "phone"}, {"ada", "multi\nline, \"quoted\"", "+44 20 7946 0000"},
            {"=evil", "-", "@x"}, {"\tx", "\r\n", "'=kept"}, {"", "", ""}, {"  spaced  ", "caf\xC3\xA9", "'"}};
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(&buffer);
        for (const auto& row : rows) {
            QVERIFY(writer.writeRecord(row));
        }
        // Nothing a spreadsheet would evaluate starts a cell.
        for (const auto& line : buffer.data().split('\n')) {
            for (const auto& cell : line.split(',')) {
                if (!cell.isEmpty()) {
                    QVERIFY2(!QByteArray("=+-@").contains(cell.at(0)), cell.constData());
                }
            }
        }
        CsvReader reader = CsvReader::fromUtf8(buffer.data());
        Rows back;
        for (const auto& record : reader.readAll()) {
            QStringList fields;
            for (const auto& field : record.fields) {
                fields << CsvWriter::restoreNeutralised(field);
            }
            back << fields;
        }
        QCOMPARE(back, rows);
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
