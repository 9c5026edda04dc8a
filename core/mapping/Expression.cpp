#include "Expression.h"

#include "Diacritics.h"
#include "ExpressionNode.h"
#include "model/DirectoryUser.h"

namespace {

using Id = ExpressionFunction::Id;

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString leftOf(const QString& text, int count)
{
    QString result = text.left(count);
    // Never cut a character outside the BMP (an emoji, say) in half.
    if (!result.isEmpty() && result.size() < text.size() && result.back().isHighSurrogate()) {
        result.chop(1);
    }
    return result;
}

QString evaluateNode(const ExpressionNode& node, const Expression::AttributeLookup& lookup)
{
    switch (node.kind) {
    case ExpressionNode::Kind::Literal:
        return node.text;
    case ExpressionNode::Kind::Attribute:
        return lookup(node.text);
    case ExpressionNode::Kind::Call:
        break;
    }

    const auto& args = node.arguments;
    auto arg = [&](int i) { return evaluateNode(*args.at(i), lookup); };

    switch (node.function) {
    case Id::Coalesce:
        for (int i = 0; i < args.size(); ++i) {
            const QString value = arg(i);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return {};
    case Id::Join: {
        const QString separator = arg(0);
        QStringList parts;
        for (int i = 1; i < args.size(); ++i) {
            const QString value = arg(i);
            if (!value.isEmpty()) {
                parts.append(value);
            }
        }
        return parts.join(separator);
    }
    case Id::Append: {
        QString result;
        for (int i = 0; i < args.size(); ++i) {
            result += arg(i);
        }
        return result;
    }
    case Id::ToLower:
        return arg(0).toLower();
    case Id::ToUpper:
        return arg(0).toUpper();
    case Id::Replace: {
        QString value = arg(0);
        const QString old = arg(1);
        if (!old.isEmpty()) {
            value.replace(old, arg(2));
        }
        return value;
    }
    case Id::Left:
        // The parser only accepts a whole-number literal here.
        return leftOf(arg(0), arg(1).toInt());
    case Id::Trim:
        return arg(0).trimmed();
    case Id::NormalizeDiacritics:
        return Diacritics::fold(arg(0));
    case Id::If:
        return Expression::isTrue(arg(0)) ? arg(1) : arg(2);
    case Id::Equals:
        return boolText(arg(0) == arg(1));
    case Id::IsEmpty:
        return boolText(arg(0).trimmed().isEmpty());
    case Id::Not:
        return boolText(!Expression::isTrue(arg(0)));
    case Id::And:
        for (int i = 0; i < args.size(); ++i) {
            if (!Expression::isTrue(arg(i))) {
                return boolText(false);
            }
        }
        return boolText(true);
    case Id::Or:
        for (int i = 0; i < args.size(); ++i) {
            if (Expression::isTrue(arg(i))) {
                return boolText(true);
            }
        }
        return boolText(false);
    case Id::Switch: {
        const QString value = arg(0);
        for (int i = 2; i + 1 < args.size(); i += 2) {
            if (arg(i) == value) {
                return arg(i + 1);
            }
        }
        return arg(1);
    }
    }
    return {};
}

void collectAttributes(const ExpressionNode& node, QStringList* names)
{
    if (node.kind == ExpressionNode::Kind::Attribute && !names->contains(node.text)) {
        names->append(node.text);
    }
    for (const auto& argument : node.arguments) {
        collectAttributes(*argument, names);
    }
}

} // namespace

Expression::Expression(std::shared_ptr<const ExpressionNode> root, QString text)
    : m_root(std::move(root))
    , m_text(std::move(text))
{
}

QString Expression::evaluate(const DirectoryUser& user) const
{
    return evaluate([&user](const QString& name) { return user.attribute(name); });
}

QString Expression::evaluate(const AttributeLookup& lookup) const
{
    return m_root ? evaluateNode(*m_root, lookup) : QString();
}

QStringList Expression::referencedAttributes() const
{
    QStringList names;
    if (m_root) {
        collectAttributes(*m_root, &names);
    }
    return names;
}

bool Expression::isTrue(const QString& value)
{
    const QString v = value.trimmed();
    return !v.isEmpty() && v.compare(QLatin1String("false"), Qt::CaseInsensitive) != 0 && v != QLatin1String("0")
        && v.compare(QLatin1String("no"), Qt::CaseInsensitive) != 0;
}
