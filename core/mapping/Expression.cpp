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

QString evaluateNode(const ExpressionNode& node, const Expression::AttributeLookup& lookup);

// A call's arguments, each evaluated only when the function asks for it, so that If, And,
// Or, Coalesce and Switch stop at the first argument that decides the result.
class Arguments
{
public:
    Arguments(const ExpressionNode& call, const Expression::AttributeLookup& lookup)
        : m_call(call)
        , m_lookup(lookup)
    {
    }

    qsizetype size() const { return m_call.arguments.size(); }
    QString operator()(int i) const { return evaluateNode(*m_call.arguments.at(i), m_lookup); }

private:
    const ExpressionNode& m_call;
    const Expression::AttributeLookup& m_lookup;
};

QString coalesce(const Arguments& arg)
{
    for (int i = 0; i < arg.size(); ++i) {
        const QString value = arg(i);
        if (!value.isEmpty()) {
            return value;
        }
    }
    return {};
}

QString join(const Arguments& arg)
{
    const QString separator = arg(0);
    QStringList parts;
    for (int i = 1; i < arg.size(); ++i) {
        const QString value = arg(i);
        if (!value.isEmpty()) {
            parts.append(value);
        }
    }
    return parts.join(separator);
}

QString append(const Arguments& arg)
{
    QString result;
    for (int i = 0; i < arg.size(); ++i) {
        result += arg(i);
    }
    return result;
}

QString replace(const Arguments& arg)
{
    QString value = arg(0);
    const QString old = arg(1);
    if (!old.isEmpty()) {
        value.replace(old, arg(2));
    }
    return value;
}

bool allTrue(const Arguments& arg)
{
    for (int i = 0; i < arg.size(); ++i) {
        if (!Expression::isTrue(arg(i))) {
            return false;
        }
    }
    return true;
}

bool anyTrue(const Arguments& arg)
{
    for (int i = 0; i < arg.size(); ++i) {
        if (Expression::isTrue(arg(i))) {
            return true;
        }
    }
    return false;
}

// Switch(value, default, key1, result1, key2, result2, ...)
QString switchCase(const Arguments& arg)
{
    const QString value = arg(0);
    for (int i = 2; i + 1 < arg.size(); i += 2) {
        if (arg(i) == value) {
            return arg(i + 1);
        }
    }
    return arg(1);
}

QString evaluateCall(const ExpressionNode& node, const Expression::AttributeLookup& lookup)
{
    const Arguments arg(node, lookup);
    switch (node.function) {
    case Id::Coalesce:
        return coalesce(arg);
    case Id::Join:
        return join(arg);
    case Id::Append:
        return append(arg);
    case Id::ToLower:
        return arg(0).toLower();
    case Id::ToUpper:
        return arg(0).toUpper();
    case Id::Replace:
        return replace(arg);
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
        return boolText(allTrue(arg));
    case Id::Or:
        return boolText(anyTrue(arg));
    case Id::Switch:
        return switchCase(arg);
    }
    return {};
}

QString evaluateNode(const ExpressionNode& node, const Expression::AttributeLookup& lookup)
{
    switch (node.kind) {
    case ExpressionNode::Kind::Literal:
        return node.text;
    case ExpressionNode::Kind::Attribute:
        return lookup(node.text);
    case ExpressionNode::Kind::Call:
        return evaluateCall(node, lookup);
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
