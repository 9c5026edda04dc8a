#pragma once

#include "TargetSnapshot.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

// A server's protected patterns (objects ScimDesk never touches), matched as one
// alternation, so a name costs one regex match however many patterns the server has (the AWS
// preset has seven, checked for every user). Invalid patterns are left out.
class ProtectedPatterns
{
public:
    explicit ProtectedPatterns(const QStringList& texts);

    // Whether a, or b when given, matches any pattern.
    bool matches(const QString& a, const QString& b = QString()) const;
    // Whether the user's userName or displayName matches. Most servers have no patterns: the
    // displayName, kept compact, is then not read.
    bool matches(const TargetUser& user) const { return !isEmpty() && matches(user.userName(), user.displayName()); }
    // No patterns: names kept compact need not be read.
    bool isEmpty() const { return !m_hasJoined && m_separate.isEmpty(); }

private:
    bool matchesOne(const QString& text) const;

    QRegularExpression m_joined;
    bool m_hasJoined = false;
    QList<QRegularExpression> m_separate;
};
