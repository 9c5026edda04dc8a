#include "SourceType.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceType", text);
}

} // namespace

QString SourceType::nestingId(GroupNesting nesting)
{
    return nesting == GroupNesting::MatchingRuleInChain ? QStringLiteral("in-chain") : QStringLiteral("client-side");
}

bool SourceType::nestingFromId(const QString& id, GroupNesting* nesting)
{
    if (id == QLatin1String("client-side")) {
        *nesting = GroupNesting::ClientSide;
        return true;
    }
    if (id == QLatin1String("in-chain")) {
        *nesting = GroupNesting::MatchingRuleInChain;
        return true;
    }
    return false;
}

QString SourceType::disabledKindId(DisabledAccountRule::Kind kind)
{
    switch (kind) {
    case DisabledAccountRule::Kind::Never:
        break;
    case DisabledAccountRule::Kind::FlagBitSet:
        return QStringLiteral("flag-bit-set");
    case DisabledAccountRule::Kind::AttributePresent:
        return QStringLiteral("attribute-present");
    case DisabledAccountRule::Kind::AttributeEquals:
        return QStringLiteral("attribute-equals");
    }
    return QStringLiteral("never");
}

bool SourceType::disabledKindFromId(const QString& id, DisabledAccountRule::Kind* kind)
{
    for (const auto candidate : {DisabledAccountRule::Kind::Never, DisabledAccountRule::Kind::FlagBitSet,
             DisabledAccountRule::Kind::AttributePresent, DisabledAccountRule::Kind::AttributeEquals}) {
        if (disabledKindId(candidate) == id) {
            *kind = candidate;
            return true;
        }
    }
    return false;
}

QString SourceType::highWaterMarkId(HighWaterMark mark)
{
    switch (mark) {
    case HighWaterMark::None:
        break;
    case HighWaterMark::Usn:
        return QStringLiteral("usn");
    case HighWaterMark::Csn:
        return QStringLiteral("csn");
    case HighWaterMark::ModifyTimestamp:
        return QStringLiteral("modify-timestamp");
    }
    return QStringLiteral("none");
}

bool SourceType::highWaterMarkFromId(const QString& id, HighWaterMark* mark)
{
    for (const auto candidate :
        {HighWaterMark::None, HighWaterMark::Usn, HighWaterMark::Csn, HighWaterMark::ModifyTimestamp}) {
        if (highWaterMarkId(candidate) == id) {
            *mark = candidate;
            return true;
        }
    }
    return false;
}

QString SourceType::describe(const DisabledAccountRule& rule)
{
    switch (rule.kind) {
    case DisabledAccountRule::Kind::Never:
        break;
    case DisabledAccountRule::Kind::FlagBitSet:
        return tr("when %1 has bit 0x%2 set").arg(rule.attribute, QString::number(rule.mask, 16));
    case DisabledAccountRule::Kind::AttributePresent:
        return tr("when %1 is present").arg(rule.attribute);
    case DisabledAccountRule::Kind::AttributeEquals:
        return tr("when %1 is \"%2\"").arg(rule.attribute, rule.value);
    }
    return tr("never (accounts are never read as disabled)");
}

QString SourceType::describe(GroupNesting nesting)
{
    switch (nesting) {
    case GroupNesting::MatchingRuleInChain:
        return tr("resolved by the directory (Active Directory's in-chain matching rule)");
    case GroupNesting::ClientSide:
        break;
    }
    return tr("expanded by ScimDesk from the members of each group, loops detected");
}

bool SourceType::isAttributeDescription(const QString& name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\\.[0-9]+)+)(?:;[A-Za-z0-9=*-]+)*$"));
    return pattern.match(name).hasMatch();
}

QStringList SourceType::alternatives(const QString& text)
{
    QStringList names;
    for (const QString& part : text.split(QLatin1Char('|'))) {
        names.append(part.trimmed());
    }
    return names;
}

bool SourceType::isAttributeAlternatives(const QString& text)
{
    const QStringList names = alternatives(text);
    for (const QString& name : names) {
        if (!isAttributeDescription(name)) {
            return false;
        }
    }
    return !names.isEmpty();
}
