#include "ExpressionParser.h"

#include "ExpressionNode.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

namespace {

using NodePtr = std::shared_ptr<const ExpressionNode>;

QString tr(const char* text)
{
    return QCoreApplication::translate("ExpressionParser", text);
}

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-');
}

// Recursive descent over the text; m_pos is a 0-based index, errors report it 1-based.
class Parser
{
public:
    explicit Parser(const QString& text)
        : m_text(text)
    {
    }

    Result<Expression, ExpressionError> run()
    {
        skipSpaces();
        if (atEnd()) {
            return error(m_pos,
                tr("The expression is empty at %1 — enter an attribute name, text in quotes or a function such "
                   "as Join(\" \", givenName, familyName)"));
        }
        NodePtr root = parseValue();
        if (m_failed) {
            return m_error;
        }
        skipSpaces();
        if (!atEnd()) {
            return error(m_pos,
                tr("Unexpected %2 at %1 — an expression is a single value; combine values with Join or Append")
                    .arg(QStringLiteral("%1"), describeHere()));
        }
        return Expression(std::move(root), m_text);
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    void skipSpaces()
    {
        while (!atEnd() && peek().isSpace()) {
            ++m_pos;
        }
    }
    QString describeHere() const
    {
        return atEnd() ? tr("the end of the expression") : QStringLiteral("'%1'").arg(peek());
    }

    ExpressionError error(int index, const QString& message)
    {
        if (!m_failed) {
            m_failed = true;
            m_error = ExpressionError {index + 1, message.arg(index + 1)};
        }
        return m_error;
    }

    NodePtr fail(int index, const QString& message)
    {
        error(index, message);
        return nullptr;
    }

    NodePtr parseValue()
    {
        skipSpaces();
        const int start = m_pos;
        if (atEnd()) {
            return fail(
                m_pos, tr("Expected a value at %1 — an attribute name, text in quotes, a number or a function"));
        }
        const QChar c = peek();
        if (c == QLatin1Char('"')) {
            return parseText();
        }
        if (c == QLatin1Char('[')) {
            return parseBracketedName();
        }
        if (c.isDigit() || (c == QLatin1Char('-') && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1).isDigit())) {
            return parseNumber();
        }
        if (!isNameStart(c)) {
            return fail(m_pos,
                tr("Unexpected %2 at %1 — expected an attribute name, text in quotes, a number or a function")
                    .arg(QStringLiteral("%1"), describeHere()));
        }
        while (!atEnd() && isNameChar(peek())) {
            ++m_pos;
        }
        const QString name = m_text.mid(start, m_pos - start);
        const int afterName = m_pos;
        skipSpaces();
        if (peek() == QLatin1Char('(')) {
            return parseCall(name, start);
        }
        m_pos = afterName;
        auto node = std::make_shared<ExpressionNode>();
        node->position = start + 1;
        if (name.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
            || name.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0) {
            node->kind = ExpressionNode::Kind::Literal;
            node->text = name.toLower();
        } else {
            node->kind = ExpressionNode::Kind::Attribute;
            node->text = name;
        }
        return node;
    }

    NodePtr parseText()
    {
        const int start = m_pos;
        ++m_pos; // opening quote
        QString value;
        while (!atEnd()) {
            const QChar c = peek();
            if (c == QLatin1Char('"')) {
                ++m_pos;
                auto node = std::make_shared<ExpressionNode>();
                node->kind = ExpressionNode::Kind::Literal;
                node->text = value;
                node->position = start + 1;
                return node;
            }
            if (c == QLatin1Char('\\')) {
                if (m_pos + 1 >= m_text.size()) {
                    break;
                }
                const QChar escaped = m_text.at(m_pos + 1);
                if (escaped != QLatin1Char('"') && escaped != QLatin1Char('\\')) {
                    return fail(m_pos,
                        tr("Unknown escape '\\%2' at %1 — inside text only \\\" (a quote) and \\\\ (a backslash) "
                           "are escapes")
                            .arg(QStringLiteral("%1"), QString(escaped)));
                }
                value.append(escaped);
                m_pos += 2;
                continue;
            }
            value.append(c);
            ++m_pos;
        }
        return fail(start,
            tr("The text starting at %1 has no closing '\"' — end it with a quote; write \\\" for a "
               "quote inside the text"));
    }

    NodePtr parseBracketedName()
    {
        const int start = m_pos;
        const int close = m_text.indexOf(QLatin1Char(']'), m_pos);
        if (close < 0) {
            return fail(m_text.size(),
                tr("Expected ']' at %1 to end the attribute name started at %2")
                    .arg(QStringLiteral("%1"), QString::number(start + 1)));
        }
        const QString name = m_text.mid(start + 1, close - start - 1).trimmed();
        if (name.isEmpty()) {
            return fail(start,
                tr("Empty attribute name at %1 — write the name between the brackets, e.g. "
                   "[cost center]"));
        }
        m_pos = close + 1;
        auto node = std::make_shared<ExpressionNode>();
        node->kind = ExpressionNode::Kind::Attribute;
        node->text = name;
        node->position = start + 1;
        return node;
    }

    NodePtr parseNumber()
    {
        const int start = m_pos;
        if (peek() == QLatin1Char('-')) {
            ++m_pos;
        }
        while (!atEnd() && peek().isDigit()) {
            ++m_pos;
        }
        if (peek() == QLatin1Char('.') && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1).isDigit()) {
            ++m_pos;
            while (!atEnd() && peek().isDigit()) {
                ++m_pos;
            }
        }
        auto node = std::make_shared<ExpressionNode>();
        node->kind = ExpressionNode::Kind::Literal;
        node->text = m_text.mid(start, m_pos - start);
        node->position = start + 1;
        return node;
    }

    NodePtr parseCall(const QString& name, int start)
    {
        const ExpressionFunction* function = ExpressionFunction::find(name);
        if (!function) {
            const QString suggestion = ExpressionFunction::suggestionFor(name);
            if (!suggestion.isEmpty()) {
                return fail(start,
                    tr("Unknown function '%2' at %1 — did you mean %3?").arg(QStringLiteral("%1"), name, suggestion));
            }
            return fail(start,
                tr("Unknown function '%2' at %1 — the functions are %3")
                    .arg(QStringLiteral("%1"), name, ExpressionFunction::names().join(QLatin1String(", "))));
        }
        ++m_pos; // '('
        auto node = std::make_shared<ExpressionNode>();
        node->kind = ExpressionNode::Kind::Call;
        node->text = QLatin1String(function->name);
        node->function = function->id;
        node->position = start + 1;

        skipSpaces();
        if (peek() == QLatin1Char(')')) {
            ++m_pos;
        } else {
            for (;;) {
                NodePtr argument = parseValue();
                if (m_failed) {
                    return nullptr;
                }
                node->arguments.append(argument);
                skipSpaces();
                if (peek() == QLatin1Char(',')) {
                    ++m_pos;
                    continue;
                }
                if (peek() == QLatin1Char(')')) {
                    ++m_pos;
                    break;
                }
                if (atEnd()) {
                    return fail(m_pos,
                        tr("Expected ')' at %1 to close %2( opened at %3")
                            .arg(QStringLiteral("%1"), node->text, QString::number(start + 1)));
                }
                return fail(m_pos,
                    tr("Expected ',' or ')' at %1, found %2 — separate the arguments of %3 with commas")
                        .arg(QStringLiteral("%1"), describeHere(), node->text));
            }
        }
        if (!checkArguments(*function, *node, start)) {
            return nullptr;
        }
        return node;
    }

    bool checkArguments(const ExpressionFunction& function, const ExpressionNode& node, int start)
    {
        const int count = node.arguments.size();
        const QString usage = QLatin1String(function.signature);
        if (count < function.minArguments || (function.maxArguments >= 0 && count > function.maxArguments)) {
            fail(start,
                tr("%2 at %1 has %3 argument(s) — write it as %4")
                    .arg(QStringLiteral("%1"), node.text, QString::number(count), usage));
            return false;
        }
        if (function.id == ExpressionFunction::Id::Switch && count % 2 != 0) {
            fail(
                start, tr("Switch at %1 has a key without a result — write it as %2").arg(QStringLiteral("%1"), usage));
            return false;
        }
        if (function.id == ExpressionFunction::Id::Left) {
            const ExpressionNode& countArg = *node.arguments.at(1);
            bool isWhole = false;
            const int n = countArg.text.toInt(&isWhole);
            if (countArg.kind != ExpressionNode::Kind::Literal || !isWhole || n < 0) {
                fail(countArg.position - 1,
                    tr("Left needs a whole number of characters at %1, e.g. Left(givenName, 1)"));
                return false;
            }
        }
        return true;
    }

    const QString& m_text;
    int m_pos = 0;
    bool m_failed = false;
    ExpressionError m_error;
};

} // namespace

Result<Expression, ExpressionError> ExpressionParser::parseUncached(const QString& text)
{
    return Parser(text).run();
}

Result<Expression, ExpressionError> ExpressionParser::parse(const QString& text)
{
    using Parsed = Result<Expression, ExpressionError>;
    static QMutex mutex;
    static QHash<QString, Parsed> cache;
    // A profile has a handful of expressions; the cap only guards against an editor that
    // calls parse() on every keystroke for hours.
    constexpr int maxEntries = 2048;

    {
        QMutexLocker lock(&mutex);
        const auto it = cache.constFind(text);
        if (it != cache.constEnd()) {
            return *it;
        }
    }
    Parsed parsed = parseUncached(text);
    QMutexLocker lock(&mutex);
    if (cache.size() >= maxEntries) {
        cache.clear();
    }
    cache.insert(text, parsed);
    return parsed;
}
