#include <sync/ScopeEvaluator.h>

#include <QTest>

// Who an application provisions: assignments, nested groups and scoping filters.
class TestScopeEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void assignedUsersAndNestedGroups();
    void allUsers();
    void allGroupsAssignsEveryGroup();
    void scopingFiltersAndOr();
    void clauses_data();
    void clauses();
    void explanationSaysWhy();

private:
    QList<DirectoryUser> m_users;
    QList<DirectoryGroup> m_groups;
};

void TestScopeEvaluator::initTestCase()
{
    const QStringList departments {QStringLiteral("Engineering"), QStringLiteral("Sales"),
        QStringLiteral("Engineering"), QStringLiteral("HR"), QStringLiteral("")};
    for (int i = 0; i < departments.size(); ++i) {
        DirectoryUser user;
        user.id = i + 1;
        user.objectId = QStringLiteral("o%1").arg(i + 1);
        user.userName = QStringLiteral("user%1").arg(i + 1);
        user.department = departments.at(i);
        user.active = i != 3;
        m_users.append(user);
    }
    // 10 Platform {user1} inside 11 Engineering {user3}; 12 Sales {user2}; cycle 11 ↔ 13.
    m_groups = {
        {10, QStringLiteral("g10"), QStringLiteral("Platform"), {}, {1}, {}, {}, {}},
        {11, QStringLiteral("g11"), QStringLiteral("Engineering"), {}, {3}, {10, 13}, {}, {}},
        {12, QStringLiteral("g12"), QStringLiteral("Sales"), {}, {2}, {}, {}, {}},
        {13, QStringLiteral("g13"), QStringLiteral("Loop"), {}, {}, {11}, {}, {}},
    };
}

void TestScopeEvaluator::assignedUsersAndNestedGroups()
{
    Assignment assignment;
    assignment.userIds = {5};
    assignment.groupIds = {11};
    const ScopeEvaluator scope(assignment, m_users, m_groups);
    QCOMPARE(scope.usersInScope(), QList<qint64>({1, 3, 5}));
    QCOMPARE(scope.flattenedMembers(11), QList<qint64>({3, 1}));
}

void TestScopeEvaluator::allUsers()
{
    Assignment assignment;
    assignment.allUsers = true;
    QCOMPARE(ScopeEvaluator(assignment, m_users, m_groups).usersInScope().size(), 5);
}

void TestScopeEvaluator::allGroupsAssignsEveryGroup()
{
    Assignment assignment;
    assignment.allGroups = true;
    assignment.groupIds = {12}; // named as well: counted once
    const ScopeEvaluator scope(assignment, m_users, m_groups);
    QCOMPARE(scope.assignedGroups(), QList<qint64>({10, 11, 12, 13}));
    // Members of any group, nested ones flattened; user4 and user5 are in no group.
    QCOMPARE(scope.usersInScope(), QList<qint64>({1, 2, 3}));
    QCOMPARE(scope.flattenedMembers(13), QList<qint64>({3, 1})); // through the loop
    QVERIFY(scope.explain(2).inScope);
    QVERIFY(!scope.explain(5).inScope);
}

void TestScopeEvaluator::scopingFiltersAndOr()
{
    Assignment assignment;
    assignment.allUsers = true;
    ScopingFilter engineers {QStringLiteral("Engineers"),
        {{QStringLiteral("department"), ClauseOperator::Equals, QStringLiteral("engineering")},
            {QStringLiteral("active"), ClauseOperator::IsTrue, {}}}};
    ScopingFilter hr {
        QStringLiteral("HR"), {{QStringLiteral("department"), ClauseOperator::Equals, QStringLiteral("HR")}}};
    assignment.scopingFilters = {engineers};
    QCOMPARE(ScopeEvaluator(assignment, m_users, m_groups).usersInScope(), QList<qint64>({1, 3}));
    assignment.scopingFilters = {engineers, hr};
    QCOMPARE(ScopeEvaluator(assignment, m_users, m_groups).usersInScope(), QList<qint64>({1, 3, 4}));
}

void TestScopeEvaluator::clauses_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("op");
    QTest::addColumn<QString>("operand");
    QTest::addColumn<bool>("matches");
    QTest::newRow("equals ignores case") << "Sales" << int(ClauseOperator::Equals) << "sales" << true;
    QTest::newRow("not equals") << "Sales" << int(ClauseOperator::NotEquals) << "HR" << true;
    QTest::newRow("starts") << "Engineering" << int(ClauseOperator::StartsWith) << "eng" << true;
    QTest::newRow("ends") << "Engineering" << int(ClauseOperator::EndsWith) << "ring" << true;
    QTest::newRow("regex") << "Engineering" << int(ClauseOperator::MatchesRegex) << "^E.*g$" << true;
    QTest::newRow("bad regex") << "Engineering" << int(ClauseOperator::MatchesRegex) << "(" << false;
    QTest::newRow("empty") << "  " << int(ClauseOperator::IsEmpty) << "" << true;
    QTest::newRow("not empty") << "x" << int(ClauseOperator::IsNotEmpty) << "" << true;
}

void TestScopeEvaluator::clauses()
{
    QFETCH(QString, value);
    QFETCH(int, op);
    QFETCH(QString, operand);
    QFETCH(bool, matches);
    DirectoryUser user;
    user.department = value;
    QCOMPARE(ScopeEvaluator::clauseMatches({QStringLiteral("department"), ClauseOperator(op), operand}, user), matches);
}

void TestScopeEvaluator::explanationSaysWhy()
{
    Assignment assignment;
    assignment.groupIds = {11};
    const ScopeEvaluator scope(assignment, m_users, m_groups);
    const auto in = scope.explain(1);
    QVERIFY(in.inScope);
    QVERIFY(in.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("Engineering")));
    const auto out = scope.explain(2);
    QVERIFY(!out.inScope);
    QVERIFY(!out.reasons.isEmpty());
    QVERIFY(!scope.explain(999).inScope);
}

QTEST_GUILESS_MAIN(TestScopeEvaluator)
#include "tst_scopeevaluator.moc"
