#pragma once

#include <QString>

// ScimDesk's texts are written in English with plural messages as tr("%n user(s)", nullptr, n).
// The English plural translator turns them into real plural forms, "1 user" / "2 users", for
// every message of every context (classes and the free tr() helpers alike): "(s)" and "(es)"
// are the plural endings, and a verb after them agrees ("%n row(s) have" → "1 row has").
class Translations
{
public:
    // Installs the English plural translator on the running QCoreApplication, once.
    static bool install();
    // The form of source for count n (what the translator returns; %n is left for Qt to fill).
    static QString englishPlural(const QString& source, int n);
};
