#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

struct DirectoryUser;
struct ExpressionNode;

// A parsed mapping expression (docs/expressions.md), e.g.
//   Join(" ", givenName, familyName)
//   ToLower(NormalizeDiacritics(Append(Left(givenName, 1), familyName)))
// Built by ExpressionParser. Values are text; conditions are text read as true/false.
// Copies share the immutable tree, so evaluating from several threads is safe.
class Expression
{
public:
    using AttributeLookup = std::function<QString(const QString& name)>;

    Expression() = default; // evaluates to empty text

    QString evaluate(const DirectoryUser& user) const;
    // For sources other than a DirectoryUser (previews, tests): lookup(name) gives the value.
    QString evaluate(const AttributeLookup& lookup) const;

    // The directory attribute names the expression reads, each once, in order of appearance.
    QStringList referencedAttributes() const;
    QString text() const { return m_text; }
    bool isEmpty() const { return !m_root; }

    // How a condition reads text: true unless empty, "false", "0" or "no" (any case, trimmed).
    static bool isTrue(const QString& value);

    // Used by ExpressionParser; the node type is internal to the mapping module.
    Expression(std::shared_ptr<const ExpressionNode> root, QString text);

private:
    std::shared_ptr<const ExpressionNode> m_root;
    QString m_text;
};
