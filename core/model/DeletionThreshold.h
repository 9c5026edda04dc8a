#pragma once

#include <QString>

#include <optional>

// How many removals a change may make before it needs an explicit confirmation: more than
// `percent` % of the objects there are, and more than `minimum` objects. The same rule guards a
// sync's deprovisioning (ServerOptions::deletionThresholdPercent/Minimum) and a mirror import's
// removals from the embedded directory.
struct DeletionThreshold
{
    int percent = 5;
    int minimum = 10;

    // "5,10" (or "5%,10") → 5 % and 10 objects; nullopt for anything else or a percentage above 100.
    static std::optional<DeletionThreshold> parse(const QString& text);

    // The most removals allowed without confirmation out of `total` objects.
    int limit(int total) const;
    bool exceeded(int removals, int total) const { return removals > limit(total); }
};
