#include "ServerOptionsArguments.h"

#include "model/ServerOptions.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

// "5,10" → 5 % and at least 10 objects.
bool parseThreshold(const QString& text, int* percent, int* minimum)
{
    static const QRegularExpression shape(QStringLiteral("^\\s*(\\d{1,3})\\s*%?\\s*,\\s*(\\d{1,9})\\s*$"));
    const QRegularExpressionMatch match = shape.match(text);
    if (!match.hasMatch()) {
        return false;
    }
    *percent = match.captured(1).toInt();
    *minimum = match.captured(2).toInt();
    return *percent <= 100;
}
} // namespace

ServerOptionsArguments::ServerOptionsArguments()
    : m_deprovision(QStringLiteral("deprovision"),
        tr("What happens on the server to users that leave the application's scope: disable (active=false), "
           "delete, or none. Groups are deleted only with delete."),
        tr("action"))
    , m_threshold(QStringLiteral("deletion-threshold"),
          tr("Refuse a plan that disables or deletes more than PERCENT % of the managed objects, and at least MIN "
             "objects, unless --confirm-deletions is given, e.g. 5,10."),
          tr("percent,min"))
    , m_fillMissing(QStringLiteral("fill-missing"),
          tr("Values ScimDesk may fill in when the directory leaves an attribute the server requires empty: "
             "display-name-from-names, names-from-display-name (comma separated), or none. Off by default; the plan "
             "lists every user a value is filled in for."),
          tr("list"))
{
}

void ServerOptionsArguments::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({m_deprovision, m_threshold, m_fillMissing});
}

std::optional<ServerOptionsArguments::Problem> ServerOptionsArguments::apply(
    const QCommandLineParser& parser, ServerOptions& options) const
{
    if (parser.isSet(m_deprovision)
        && !ServerOptions::deprovisionActionFromId(parser.value(m_deprovision).trimmed(), &options.deprovisionAction)) {
        return Problem {tr("Unknown deprovisioning action \"%1\".").arg(parser.value(m_deprovision)),
            tr("Choose one of: disable, delete, none")};
    }
    if (parser.isSet(m_threshold)
        && !parseThreshold(
            parser.value(m_threshold), &options.deletionThresholdPercent, &options.deletionThresholdMinimum)) {
        return Problem {tr("\"%1\" is not a deletion threshold.").arg(parser.value(m_threshold)),
            tr("Give a percentage from 0 to 100 and a minimum number of objects, e.g. --deletion-threshold 5,10")};
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
    return std::nullopt;
}
