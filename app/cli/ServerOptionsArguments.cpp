#include "ServerOptionsArguments.h"

#include "model/DeletionThreshold.h"
#include "model/ServerOptions.h"

#include <QCoreApplication>

#include <type_traits>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}
} // namespace

ServerOptionsArguments::ServerOptionsArguments()
    : m_deprovision(QStringLiteral("deprovision"),
        tr("What happens on the server to users that leave the application's scope: disable (active=false), "
           "delete, or none. Groups are deleted only with delete."),
        tr("action"))
    , m_threshold(QStringLiteral("deletion-threshold"),
          tr("Refuse a plan that disables or deletes more than PERCENT % of the managed objects, and more than MIN "
             "objects, unless --confirm-deletions is given, e.g. 5,10."),
          tr("percent,min"))
    , m_fillMissing(QStringLiteral("fill-missing"),
          tr("Values ScimDesk may fill in when the directory leaves an attribute the server requires empty: "
             "display-name-from-names, names-from-display-name (comma separated), or none. Off by default; the plan "
             "lists every user a value is filled in for."),
          tr("list"))
    , m_concurrency(QStringLiteral("concurrency"),
          tr("Requests in flight at once, 1 to 64 (default 4). Lower it when the server throttles (429)."), tr("n"))
    , m_rateLimit(QStringLiteral("rate-limit"),
          tr("At most this many requests per second, or 0 for no limit (the default); decimals allowed, e.g. 2.5."),
          tr("per-second"))
    , m_requestTimeout(QStringLiteral("request-timeout"),
          tr("Seconds to wait for an answer before a request is retried or fails, 1 to 3600 (default 30)."),
          tr("seconds"))
    , m_protect(QStringLiteral("protect"),
          tr("Never change or delete users and groups on the server whose name matches this regular expression; "
             "repeat for more, e.g. --protect '^AWSControlTower'."),
          tr("regex"))
    , m_unprotect(QStringLiteral("unprotect"),
          tr("Remove a protected pattern (exactly as servers show lists it); repeat for more."), tr("regex"))
{
}

void ServerOptionsArguments::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({m_deprovision, m_threshold, m_fillMissing, m_concurrency, m_rateLimit, m_requestTimeout,
        m_protect, m_unprotect});
}

std::optional<ServerOptionsArguments::Problem> ServerOptionsArguments::apply(
    const QCommandLineParser& parser, ServerOptions& options) const
{
    if (parser.isSet(m_deprovision)
        && !ServerOptions::deprovisionActionFromId(parser.value(m_deprovision).trimmed(), &options.deprovisionAction)) {
        return Problem {tr("Unknown deprovisioning action \"%1\".").arg(parser.value(m_deprovision)),
            tr("Choose one of: disable, delete, none")};
    }
    if (parser.isSet(m_threshold)) {
        const auto threshold = DeletionThreshold::parse(parser.value(m_threshold));
        if (!threshold) {
            return Problem {tr("\"%1\" is not a deletion threshold.").arg(parser.value(m_threshold)),
                tr("Give a percentage from 0 to 100 and a minimum number of objects, e.g. --deletion-threshold "
                   "5,10")};
        }
        options.deletionThresholdPercent = threshold->percent;
        options.deletionThresholdMinimum = threshold->minimum;
    }
    if (parser.isSet(m_fillMissing)) {
        QStringList ids = parser.value(m_fillMissing).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString& id : ids) {
            id = id.trimmed();
        }
        if (ids == QStringList {QStringLiteral("none")}) {
            ids.clear();
        }
        QString unknown;
        if (!options.setFillMissingIds(ids, &unknown)) {
            return Problem {tr("Unknown value to fill in: \"%1\".").arg(unknown),
                tr("Choose from: %1, or none").arg(ServerOptions::allFillMissingIds().join(QStringLiteral(", ")))};
        }
    }
    if (auto problem = applyRequestOptions(parser, options)) {
        return problem;
    }
    return applyProtection(parser, options);
}

std::optional<ServerOptionsArguments::Problem> ServerOptionsArguments::applyProtection(
    const QCommandLineParser& parser, ServerOptions& options) const
{
    for (const QString& pattern : parser.values(m_unprotect)) {
        if (!options.protectedPatterns.removeAll(pattern)) {
            return Problem {tr("\"%1\" is not a protected pattern of this server.").arg(pattern),
                tr("See them with: scimdesk-cli servers show NAME")};
        }
    }
    for (const QString& pattern : parser.values(m_protect)) {
        if (!options.protectedPatterns.contains(pattern)) {
            options.protectedPatterns.append(pattern);
        }
    }
    // Whether each is a regular expression is ServerSettingsValidator's, checked before saving.
    return std::nullopt;
}

std::optional<ServerOptionsArguments::Problem> ServerOptionsArguments::applyRequestOptions(
    const QCommandLineParser& parser, ServerOptions& options) const
{
    // Numbers only here: their ranges are ServerSettingsValidator's, checked on every save.
    const auto number = [&parser](const QCommandLineOption& option, const QString& hint, auto* value) {
        bool ok = false;
        const QString text = parser.value(option).trimmed();
        if constexpr (std::is_same_v<std::decay_t<decltype(*value)>, double>) {
            *value = text.toDouble(&ok);
        } else {
            *value = text.toInt(&ok);
        }
        return ok ? std::nullopt
                  : std::optional<Problem>(
                      Problem {tr("\"%1\" is not a number (--%2).").arg(text, option.names().constFirst()), hint});
    };
    if (parser.isSet(m_concurrency)) {
        if (auto problem = number(
                m_concurrency, tr("Give a whole number from 1 to 64, e.g. --concurrency 4"), &options.concurrency)) {
            return problem;
        }
    }
    if (parser.isSet(m_rateLimit)) {
        if (auto problem
            = number(m_rateLimit, tr("Give requests per second from 0 (no limit) to 10000, e.g. --rate-limit 20"),
                &options.rateLimitPerSecond)) {
            return problem;
        }
    }
    if (parser.isSet(m_requestTimeout)) {
        if (auto problem = number(m_requestTimeout, tr("Give seconds from 1 to 3600, e.g. --request-timeout 60"),
                &options.requestTimeoutSeconds)) {
            return problem;
        }
    }
    return std::nullopt;
}
