#include "ExpressionFunction.h"

#include <QVector>

#include <algorithm>

namespace {

using Id = ExpressionFunction::Id;

const ExpressionFunction functions[] = {
    {Id::Coalesce, "Coalesce", 1, -1, "Coalesce(value, value, …)"},
    {Id::Join, "Join", 2, -1, "Join(separator, value, value, …)"},
    {Id::Append, "Append", 2, -1, "Append(value, value, …)"},
    {Id::ToLower, "ToLower", 1, 1, "ToLower(value)"},
    {Id::ToUpper, "ToUpper", 1, 1, "ToUpper(value)"},
    {Id::Replace, "Replace", 3, 3, "Replace(value, old, new)"},
    {Id::Left, "Left", 2, 2, "Left(value, count)"},
    {Id::Trim, "Trim", 1, 1, "Trim(value)"},
    {Id::NormalizeDiacritics, "NormalizeDiacritics", 1, 1, "NormalizeDiacritics(value)"},
    {Id::If, "If", 3, 3, "If(condition, then, else)"},
    {Id::Equals, "Equals", 2, 2, "Equals(a, b)"},
    {Id::IsEmpty, "IsEmpty", 1, 1, "IsEmpty(value)"},
    {Id::Not, "Not", 1, 1, "Not(condition)"},
    {Id::And, "And", 2, -1, "And(condition, condition, …)"},
    {Id::Or, "Or", 2, -1, "Or(condition, condition, …)"},
    {Id::Switch, "Switch", 4, -1, "Switch(value, default, key, result, key, result, …)"},
};

// Optimal string alignment distance: a swapped pair of letters ("Jion") counts as one edit.
int editDistance(const QString& a, const QString& b)
{
    const int n = a.size();
    const int m = b.size();
    QVector<QVector<int>> d(n + 1, QVector<int>(m + 1));
    for (int i = 0; i <= n; ++i) {
        d[i][0] = i;
    }
    for (int j = 0; j <= m; ++j) {
        d[0][j] = j;
    }
    for (int i = 1; i <= n; ++i) {
        for (int j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1)) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[n][m];
}

} // namespace

const ExpressionFunction* ExpressionFunction::find(const QString& name)
{
    for (const auto& function : functions) {
        if (name.compare(QLatin1String(function.name), Qt::CaseInsensitive) == 0) {
            return &function;
        }
    }
    return nullptr;
}

QString ExpressionFunction::suggestionFor(const QString& name)
{
    const QString lower = name.toLower();
    QString best;
    int bestDistance = 0;
    for (const auto& function : functions) {
        const QString candidate = QLatin1String(function.name);
        const int distance = editDistance(lower, candidate.toLower());
        // Short names tolerate fewer edits, or everything would suggest "If".
        const int allowed = std::min(2, std::max(1, int(candidate.size()) / 3));
        if (distance <= allowed && (best.isEmpty() || distance < bestDistance)) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

QStringList ExpressionFunction::names()
{
    QStringList list;
    for (const auto& function : functions) {
        list.append(QLatin1String(function.name));
    }
    return list;
}
