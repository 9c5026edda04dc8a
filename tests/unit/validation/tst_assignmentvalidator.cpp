#include "validation/AssignmentValidator.h"

#include <QTest>

// The scoping-filter rules every save path applies (Application Manager, CLI, demo).
class TestAssignmentValidator : public QObject
{
    Q_OBJECT

private slots:
    void clause_data()
    {
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("part"); // empty: accepted
        QTest::addColumn<QString>("messagePart");
        const int equals = int(ClauseOperator::Equals);
        const int regex = int(ClauseOperator::MatchesRegex);
        const int isTrue = int(ClauseOperator::IsTrue);
        const QString dept = QStringLiteral("department");
        QTest::newRow("equals") << dept << equals << QStringLiteral("Engineering") << QString() << QString();
        QTest::newRow("equals empty value") << dept << equals << QString() << QString() << QString();
        QTest::newRow("is true") << QStringLiteral("active") << isTrue << QString() << QString() << QString();
        QTest::newRow("custom attribute")
            << QStringLiteral("costCenter") << equals << QStringLiteral("42") << QString() << QString();
        QTest::newRow("valid regex") << dept << regex << QStringLiteral("^eng(ineering)?$") << QString() << QString();
        QTest::newRow("empty regex") << dept << regex << QString() << QString() << QString();
        QTest::newRow("bracket as text for equals") << dept << equals << QStringLiteral("[") << QString() << QString();
        QTest::newRow("no attribute") << QString() << equals << QStringLiteral("x") << QStringLiteral("attribute")
                                      << QStringLiteral("Choose the attribute");
        QTest::newRow("blank attribute") << QStringLiteral("  ") << equals << QStringLiteral("x")
                                         << QStringLiteral("attribute") << QStringLiteral("Choose the attribute");
        QTest::newRow("padded attribute") << QStringLiteral(" department") << equals << QStringLiteral("x")
                                          << QStringLiteral("attribute") << QStringLiteral("spaces");
        QTest::newRow("control character") << QStringLiteral("depart\u001bment") << equals << QStringLiteral("x")
                                           << QStringLiteral("attribute") << QStringLiteral("control");
        QTest::newRow("unknown operator") << dept << 99 << QStringLiteral("x") << QStringLiteral("operator")
                                          << QStringLiteral("Choose how this condition compares");
        QTest::newRow("unclosed class") << dept << regex << QStringLiteral("[") << QStringLiteral("value")
                                        << QStringLiteral("Not a valid regular expression at character 2");
        QTest::newRow("unclosed group") << dept << regex << QStringLiteral("^(eng") << QStringLiteral("value")
                                        << QStringLiteral("Not a valid regular expression");
        QTest::newRow("nothing to repeat") << dept << regex << QStringLiteral("*eng") << QStringLiteral("value")
                                           << QStringLiteral("Not a valid regular expression at character 1");
    }

    void clause()
    {
        QFETCH(QString, attribute);
        QFETCH(int, op);
        QFETCH(QString, value);
        QFETCH(QString, part);
        QFETCH(QString, messagePart);
        const ScopingClause clause {attribute, ClauseOperator(op), value};
        const QString error = AssignmentValidator::clauseError(clause);
        Assignment assignment;
        assignment.scopingFilters = {{QStringLiteral("Engineers"), {clause}}};
        const ValidationIssues issues = AssignmentValidator::validate(assignment);
        if (part.isEmpty()) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(issues.isEmpty());
            return;
        }
        QVERIFY2(error.contains(messagePart), qPrintable(error));
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.constFirst().field, QStringLiteral("assignment.scopingFilters[0].clauses[0].") + part);
        QCOMPARE(issues.constFirst().message, error);
        QCOMPARE(issues.constFirst().context, QStringLiteral("Engineers, condition 1"));
        QCOMPARE(issues.constFirst().text(), QStringLiteral("Engineers, condition 1: ") + error);
    }

    void filterWithoutConditionsWouldWidenScope()
    {
        Assignment assignment;
        assignment.scopingFilters = {{QStringLiteral("Engineers"),
                                         {{QStringLiteral("department"), ClauseOperator::Equals, QStringLiteral("E")}}},
            {QString(), {}}};
        const ValidationIssues issues = AssignmentValidator::validate(assignment);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.constFirst().field, QStringLiteral("assignment.scopingFilters[1]"));
        QCOMPARE(issues.constFirst().context, QStringLiteral("Filter 2"));
        QVERIFY(issues.constFirst().message.contains(QStringLiteral("every assigned user")));
    }

    void everyBadConditionOfEveryFilterIsReported()
    {
        Assignment assignment;
        assignment.scopingFilters
            = {{QStringLiteral("A"),
                   {{QStringLiteral("department"), ClauseOperator::Equals, QStringLiteral("E")},
                       {QStringLiteral("title"), ClauseOperator::MatchesRegex, QStringLiteral("(")}}},
                {QStringLiteral("B"), {{QString(), ClauseOperator::IsEmpty, {}}}}};
        const ValidationIssues issues = AssignmentValidator::validate(assignment);
        QCOMPARE(issues.size(), 2);
        QCOMPARE(issues.at(0).field, QStringLiteral("assignment.scopingFilters[0].clauses[1].value"));
        QCOMPARE(issues.at(0).context, QStringLiteral("A, condition 2"));
        QCOMPARE(issues.at(1).field, QStringLiteral("assignment.scopingFilters[1].clauses[0].attribute"));
        QCOMPARE(Validation::issuesOf(issues, AssignmentValidator::clauseField(0, 1)).size(), 1);
        QCOMPARE(Validation::issuesOf(issues, AssignmentValidator::filterField(1)).size(), 1);
        // Fields match whole segments only ("value", not "val").
        QVERIFY(Validation::issuesOf(issues, QStringLiteral("assignment.scopingFilters[0].clauses[1].val")).isEmpty());
    }

    void noFiltersIsValid()
    {
        Assignment assignment;
        assignment.allUsers = true;
        QVERIFY(AssignmentValidator::validate(assignment).isEmpty());
    }

    // Assigned users and groups must be the application's source's: ids of another source (or
    // of the embedded directory) name somebody else there, or nobody.
    void assignedIdsBelongToTheApplicationsSource_data()
    {
        QTest::addColumn<QList<qint64>>("userIds");
        QTest::addColumn<QList<qint64>>("groupIds");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("all of the source") << QList<qint64> {1, 2} << QList<qint64> {10} << QStringList {};
        QTest::newRow("none assigned") << QList<qint64> {} << QList<qint64> {} << QStringList {};
        QTest::newRow("a foreign user") << QList<qint64> {1, 7} << QList<qint64> {10}
                                        << QStringList {QStringLiteral("assignment.userIds[1]")};
        QTest::newRow("a foreign group") << QList<qint64> {} << QList<qint64> {11, 10}
                                         << QStringList {QStringLiteral("assignment.groupIds[0]")};
        QTest::newRow("both") << QList<qint64> {9} << QList<qint64> {12}
                              << QStringList {
                                     QStringLiteral("assignment.userIds[0]"), QStringLiteral("assignment.groupIds[0]")};
    }

    void assignedIdsBelongToTheApplicationsSource()
    {
        QFETCH(QList<qint64>, userIds);
        QFETCH(QList<qint64>, groupIds);
        QFETCH(QStringList, fields);
        Assignment assignment;
        assignment.userIds = userIds;
        assignment.groupIds = groupIds;
        const AssignmentSourceIds source {QStringLiteral("the directory source \u201cCorp AD\u201d"), {1, 2}, {10}};
        const ValidationIssues issues = AssignmentValidator::validate(assignment, source);
        QStringList found;
        for (const ValidationIssue& issue : issues) {
            found << issue.field;
            QVERIFY2(issue.message.contains(QLatin1String("Corp AD")), qPrintable(issue.message));
        }
        QCOMPARE(found, fields);
    }
};

QTEST_GUILESS_MAIN(TestAssignmentValidator)
#include "tst_assignmentvalidator.moc"
