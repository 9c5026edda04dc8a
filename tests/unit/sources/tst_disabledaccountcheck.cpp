#include "sources/DisabledAccountCheck.h"

#include <QTest>

Q_DECLARE_METATYPE(DisabledAccountRule)

namespace {

DisabledAccountRule uacRule()
{
    DisabledAccountRule rule;
    rule.kind = DisabledAccountRule::Kind::FlagBitSet;
    rule.attribute = QStringLiteral("userAccountControl");
    rule.mask = 0x2;
    return rule;
}

DisabledAccountRule rule(DisabledAccountRule::Kind kind, const QString& attribute, const QString& value = {})
{
    DisabledAccountRule result;
    result.kind = kind;
    result.attribute = attribute;
    result.value = value;
    return result;
}

} // namespace

class TestDisabledAccountCheck : public QObject
{
    Q_OBJECT

private slots:
    void rules_data()
    {
        QTest::addColumn<DisabledAccountRule>("rule");
        QTest::addColumn<QList<QByteArray>>("values");
        QTest::addColumn<bool>("disabled");
        // userAccountControl: the bit 0x2 (ACCOUNTDISABLE) decides, whatever else is set.
        QTest::newRow("uac 512 normal") << uacRule() << QList<QByteArray> {"512"} << false;
        QTest::newRow("uac 514 disabled") << uacRule() << QList<QByteArray> {"514"} << true;
        QTest::newRow("uac 66048 no expiry") << uacRule() << QList<QByteArray> {"66048"} << false;
        QTest::newRow("uac 66050 disabled, no expiry") << uacRule() << QList<QByteArray> {"66050"} << true;
        QTest::newRow("uac 546 disabled, no password required") << uacRule() << QList<QByteArray> {"546"} << true;
        QTest::newRow("uac 544 no password required") << uacRule() << QList<QByteArray> {"544"} << false;
        QTest::newRow("uac bit 31 written signed") << uacRule() << QList<QByteArray> {"-2147483646"} << true;
        QTest::newRow("uac missing") << uacRule() << QList<QByteArray> {} << false;
        QTest::newRow("uac garbage") << uacRule() << QList<QByteArray> {"disabled"} << false;
        const auto locked = rule(DisabledAccountRule::Kind::AttributePresent, QStringLiteral("pwdAccountLockedTime"));
        QTest::newRow("locked time present") << locked << QList<QByteArray> {"20260101000000Z"} << true;
        QTest::newRow("locked time absent") << locked << QList<QByteArray> {} << false;
        const auto nsLock
            = rule(DisabledAccountRule::Kind::AttributeEquals, QStringLiteral("nsAccountLock"), QStringLiteral("TRUE"));
        QTest::newRow("equals, other case") << nsLock << QList<QByteArray> {"true"} << true;
        QTest::newRow("equals, other value") << nsLock << QList<QByteArray> {"false"} << false;
        QTest::newRow("never") << DisabledAccountRule() << QList<QByteArray> {"514"} << false;
    }
    void rules()
    {
        QFETCH(DisabledAccountRule, rule);
        QFETCH(QList<QByteArray>, values);
        QFETCH(bool, disabled);
        QCOMPARE(DisabledAccountCheck::isDisabled(rule, values), disabled);
    }
};

QTEST_GUILESS_MAIN(TestDisabledAccountCheck)
#include "tst_disabledaccountcheck.moc"
