#pragma once

#include <model/ServerCapabilities.h>
#include <scim/ServiceProviderConfig.h>

#include <QString>
#include <QStringList>

// What a server says about itself in /ServiceProviderConfig, applied to the capabilities of
// its server type. The preset is curated and stays the base: the server's word only narrows
// it (a server that claims more than its type is not trusted with more), and every change or
// disagreement is explained in a note. Pure; no I/O.
class CapabilityRefinement
{
public:
    struct Outcome
    {
        ServerCapabilities capabilities;
        QStringList notes; // every adjustment and disagreement, for the log and the trace
        QStringList warnings; // the subset that can make a sync fail: shown with the plan
    };

    static Outcome refine(const ServerCapabilities& preset, const ServiceProviderConfig& config);
};
