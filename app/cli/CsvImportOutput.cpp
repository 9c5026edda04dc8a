#include "CsvImportOutput.h"

#include "CliContext.h"

#include "directory/DirectoryCsvImporter.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

QJsonArray issuesJson(const QList<CsvImportIssue>& issues)
{
    QJsonArray array;
    for (const CsvImportIssue& issue : issues) {
        array.append(QJsonObject {{QStringLiteral("line"), issue.line}, {QStringLiteral("message"), issue.message}});
    }
    return array;
}

QString issuesText(const QList<CsvImportIssue>& issues)
{
    QStringList lines;
    for (const CsvImportIssue& issue : issues) {
        lines << (issue.line > 0 ? tr("  line %1: %2").arg(issue.line).arg(issue.message)
                                 : QStringLiteral("  %1").arg(issue.message));
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonArray renamesJson(const QList<CsvImportRename>& renames)
{
    QJsonArray array;
    for (const CsvImportRename& rename : renames) {
        array.append(QJsonObject {{QStringLiteral("line"), rename.line}, {QStringLiteral("from"), rename.from},
            {QStringLiteral("to"), rename.to}});
    }
    return array;
}
} // namespace

CsvImportOutput::CsvImportOutput(const CliContext& context, const Mirror& mirror)
    : m_context(context)
    , m_mirror(mirror)
{
}

void CsvImportOutput::addChanges(QJsonObject& document, const CsvImportCounts& counts) const
{
    document.insert(QStringLiteral("renames"), renamesJson(counts.renames));
    document.insert(QStringLiteral("mirror"), m_mirror.mirror);
    document.insert(QStringLiteral("removals"), QJsonArray::fromStringList(counts.removals));
    document.insert(QStringLiteral("issues"), issuesJson(counts.issues));
}

// Renames and removals, a line each; the listed ones (the first 1000), then how many more.
QString CsvImportOutput::changesText(const CsvImportCounts& counts) const
{
    QStringList lines;
    for (const CsvImportRename& rename : counts.renames) {
        lines << tr("  line %1: renames %2 \u2192 %3").arg(rename.line).arg(rename.from, rename.to);
    }
    if (counts.renameCount > counts.renames.size()) {
        lines << tr("  \u2026 and %1 more renames").arg(counts.renameCount - counts.renames.size());
    }
    for (const QString& name : counts.removals) {
        lines << tr("  removes %1 (not in the file)").arg(name);
    }
    if (counts.toRemove > counts.removals.size()) {
        lines << tr("  \u2026 and %1 more removals").arg(counts.toRemove - counts.removals.size());
    }
    if (!counts.issues.isEmpty()) {
        lines << issuesText(counts.issues);
    }
    return lines.isEmpty() ? QString() : QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
}

void CsvImportOutput::printPreview(const CsvImportCounts& preview, const QJsonObject& error) const
{
    if (m_context.json()) {
        QJsonObject document {
            {QStringLiteral("written"), false},
            {QStringLiteral("rows"), preview.rowCount},
            {QStringLiteral("invalidRows"), preview.invalidRowCount},
            {QStringLiteral("toCreate"), preview.toCreate},
            {QStringLiteral("toUpdate"), preview.toUpdate},
            {QStringLiteral("toRename"), preview.renameCount},
            {QStringLiteral("unchanged"), preview.unchanged},
            {QStringLiteral("toRemove"), preview.toRemove},
        };
        if (m_mirror.mirror) {
            document.insert(QStringLiteral("directoryCount"), preview.directoryCount);
            document.insert(QStringLiteral("deletionThreshold"),
                QJsonObject {{QStringLiteral("percent"), m_mirror.threshold.percent},
                    {QStringLiteral("minimum"), m_mirror.threshold.minimum},
                    {QStringLiteral("limit"), m_mirror.limit}});
            document.insert(QStringLiteral("needsConfirmation"), m_mirror.needsConfirmation);
        }
        addChanges(document, preview);
        if (!error.isEmpty()) {
            document.insert(QStringLiteral("error"), error);
        }
        m_context.printJson(document);
        return;
    }
    QString text = QCoreApplication::translate("cli",
        "%n row(s): %1 to create, %2 to update (%3 renamed), %4 unchanged, %5 invalid.", nullptr, preview.rowCount)
                       .arg(preview.toCreate)
                       .arg(preview.toUpdate)
                       .arg(preview.renameCount)
                       .arg(preview.unchanged)
                       .arg(preview.invalidRowCount);
    if (m_mirror.mirror) {
        text += QLatin1Char('\n')
            + tr("Mirror: %1 of %2 to remove (without confirmation at most %3).")
                  .arg(preview.toRemove)
                  .arg(preview.directoryCount)
                  .arg(m_mirror.limit);
    }
    m_context.print(text + changesText(preview));
}

void CsvImportOutput::printResult(const QString& kind, const CsvImportResult& result) const
{
    if (m_context.json()) {
        QJsonObject document {
            {QStringLiteral("written"), result.written},
            {QStringLiteral("created"), result.created},
            {QStringLiteral("updated"), result.updated},
            {QStringLiteral("renamed"), result.written ? result.renameCount : 0},
            {QStringLiteral("unchanged"), result.unchanged},
            {QStringLiteral("removed"), result.removed},
            {QStringLiteral("skipped"), result.skipped},
        };
        addChanges(document, result);
        m_context.printJson(document);
        return;
    }
    const QString text = tr("Imported %1: %2 created, %3 updated (%4 renamed), %5 unchanged, %6 removed, %7 skipped.")
                             .arg(kind)
                             .arg(result.created)
                             .arg(result.updated)
                             .arg(result.written ? result.renameCount : 0)
                             .arg(result.unchanged)
                             .arg(result.removed)
                             .arg(result.skipped);
    m_context.print(text + changesText(result));
}
