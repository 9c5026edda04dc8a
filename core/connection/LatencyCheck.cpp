#include "LatencyCheck.h"

#include <algorithm>

namespace {

constexpr int kSlowMedianMs = 2000;

struct TraceSummary
{
    QList<qint64> times; // of the requests that got an HTTP answer, sorted
    int throttled = 0;
    int serverErrors = 0;
    int noAnswer = 0;
    QStringList retryAfter;
};

TraceSummary summarize(const QList<HttpTraceEntry>& trace)
{
    TraceSummary summary;
    for (const HttpTraceEntry& entry : trace) {
        if (entry.status > 0)
            summary.times.append(entry.durationMs);
        else if (!entry.error.isEmpty())
            ++summary.noAnswer;
        if (entry.status == 429) {
            ++summary.throttled;
            for (const auto& [name, value] : entry.responseHeaders) {
                if (name.compare("Retry-After", Qt::CaseInsensitive) == 0)
                    summary.retryAfter << QString::fromLatin1(value);
            }
        }
        if (entry.status >= 500)
            ++summary.serverErrors;
    }
    std::sort(summary.times.begin(), summary.times.end());
    return summary;
}

} // namespace

LatencyCheck::LatencyCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::Latency, context, parent)
{
}

QString LatencyCheck::checked() const
{
    return tr("Round-trip times and throttling (429) of the requests this test made");
}

void LatencyCheck::run()
{
    const TraceSummary summary = summarize(context().trace());
    if (summary.times.isEmpty()) {
        result().verdict = ConnectionVerdict::Skipped;
        result().cause = tr("No request got an answer, so there is nothing to measure.");
        finish();
        return;
    }
    const qint64 median = summary.times.at(summary.times.size() / 2);
    result().details << tr(
        "%n request(s) answered; round trip min %1 ms, median %2 ms, max %3 ms.", nullptr, int(summary.times.size()))
                            .arg(summary.times.first())
                            .arg(median)
                            .arg(summary.times.last());
    const ConnectionRemediation::Facts facts {{QStringLiteral("throttled"), QString::number(summary.throttled)},
        {QStringLiteral("total"), QString::number(summary.times.size())},
        {QStringLiteral("retryAfter"), summary.retryAfter.join(QLatin1String(", "))},
        {QStringLiteral("count"), QString::number(summary.serverErrors)},
        {QStringLiteral("median"), QString::number(median)}};
    if (summary.throttled > 0)
        warn(summary.retryAfter.isEmpty() ? ConnectionFailure::ThrottledWithoutRetryAfter
                                          : ConnectionFailure::ThrottledWithRetryAfter,
            facts);
    if (summary.serverErrors > 0)
        warn(ConnectionFailure::ServerErrorsRetried, facts);
    if (summary.noAnswer > 0)
        result().details << tr(
            "%n request(s) got no answer (timeout or dropped connection).", nullptr, summary.noAnswer);
    if (median > kSlowMedianMs)
        warn(ConnectionFailure::SlowServer, facts);
    finish();
}
