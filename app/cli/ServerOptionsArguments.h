#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <optional>

struct ServerOptions;

// The server options `servers add|edit` set besides connection and authentication: what
// happens to users and groups that leave the scope (--deprovision), the deletion threshold
// (--deletion-threshold PERCENT,MIN) and the values ScimDesk may fill in for attributes the
// server requires (--fill-missing), and how requests are sent (--concurrency, --rate-limit,
// --request-timeout). The same settings as the GUI's Edit Server → Provisioning.
class ServerOptionsArguments
{
public:
    struct Problem
    {
        QString message;
        QString hint;
    };

    ServerOptionsArguments();

    void addTo(QCommandLineParser& parser) const;
    // Changes only what was given; a bad value is refused with what to type instead.
    std::optional<Problem> apply(const QCommandLineParser& parser, ServerOptions& options) const;

private:
    std::optional<Problem> applyRequestOptions(const QCommandLineParser& parser, ServerOptions& options) const;
    std::optional<Problem> applyProtection(const QCommandLineParser& parser, ServerOptions& options) const;

    QCommandLineOption m_deprovision;
    QCommandLineOption m_threshold;
    QCommandLineOption m_fillMissing;
    QCommandLineOption m_concurrency;
    QCommandLineOption m_rateLimit;
    QCommandLineOption m_requestTimeout;
    QCommandLineOption m_protect;
    QCommandLineOption m_unprotect;
};
