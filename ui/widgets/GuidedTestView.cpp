#include "GuidedTestView.h"

#include <QHeaderView>
#include <QStyle>
#include <QTextBrowser>
#include <QTreeWidget>

namespace {
constexpr int StepRole = Qt::UserRole + 1;

QIcon verdictIcon(const QStyle* style, ConnectionVerdict verdict)
{
    switch (verdict) {
    case ConnectionVerdict::Pass:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case ConnectionVerdict::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case ConnectionVerdict::Fail:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case ConnectionVerdict::Skipped:
        break;
    }
    return style->standardIcon(QStyle::SP_MediaSkipForward);
}

QTreeWidgetItem* addLine(QTreeWidgetItem* parent, const QString& label, const QString& text)
{
    auto* item = new QTreeWidgetItem(parent);
    item->setText(0, label);
    item->setText(1, text);
    item->setToolTip(1, text);
    return item;
}

QString detailsHtml(const QStringList& details)
{
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const QString& detail : details) {
        const qsizetype colon = detail.indexOf(QLatin1String(": "));
        if (colon <= 0) {
            html += QStringLiteral("<tr><td colspan=\"2\">%1</td></tr>").arg(detail.toHtmlEscaped());
            continue;
        }
        html += QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
                    .arg(detail.left(colon).toHtmlEscaped(), detail.mid(colon + 2).toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}
} // namespace

GuidedTestView::GuidedTestView(QWidget* parent)
    : QSplitter(Qt::Vertical, parent)
{
    m_steps = new QTreeWidget(this);
    m_steps->setObjectName(QStringLiteral("stepList"));
    m_steps->setColumnCount(3);
    m_steps->setHeaderLabels({tr("Step"), tr("Result"), tr("Duration")});
    m_steps->setUniformRowHeights(false);
    m_steps->setWordWrap(true);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_steps->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(false);
    // The full text of the selected step: causes and fixes are sentences, too long for a cell.
    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("stepDetails"));
    m_details->setOpenLinks(false);
    addWidget(m_steps);
    addWidget(m_details);
    setStretchFactor(0, 3);
    setStretchFactor(1, 2);
    setChildrenCollapsible(false);
    connect(m_steps, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) { showDetails(item); });
}

void GuidedTestView::reset(const QList<QPair<int, QString>>& steps)
{
    m_steps->clear();
    m_results.clear();
    m_details->clear();
    for (const auto& [id, title] : steps) {
        auto* item = new QTreeWidgetItem(m_steps);
        item->setText(0, title);
        item->setData(0, StepRole, id);
        item->setText(1, tr("Not run"));
        item->setIcon(0, style()->standardIcon(QStyle::SP_FileIcon));
    }
}

void GuidedTestView::setPendingText(int id, const QString& text)
{
    if (auto* item = itemFor(id); item && !m_results.contains(id)) {
        item->setText(1, text);
    }
}

QTreeWidgetItem* GuidedTestView::itemFor(int id) const
{
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i) {
        auto* item = m_steps->topLevelItem(i);
        if (item->data(0, StepRole).toInt() == id) {
            return item;
        }
    }
    return nullptr;
}

void GuidedTestView::showStarted(int id)
{
    if (auto* item = itemFor(id)) {
        item->setText(1, tr("Running\u2026"));
        item->setIcon(0, style()->standardIcon(QStyle::SP_BrowserReload));
        m_steps->scrollToItem(item);
    }
}

void GuidedTestView::showFinished(const GuidedTestStep& step)
{
    auto* item = itemFor(step.id);
    if (!item) {
        return;
    }
    qDeleteAll(item->takeChildren());
    m_results.insert(step.id, step);
    const QString verdict = ConnectionVerdicts::displayName(step.verdict);
    item->setIcon(0, verdictIcon(style(), step.verdict));
    // A cause may already say the verdict ("Skipped: \"Bind\" failed."): it is not said twice.
    const bool saysVerdict = step.cause.startsWith(verdict + QLatin1Char(':'));
    item->setText(
        1, step.cause.isEmpty() ? verdict : (saysVerdict ? step.cause : verdict + QStringLiteral(": ") + step.cause));
    item->setToolTip(1, item->text(1));
    item->setText(2, step.verdict == ConnectionVerdict::Skipped ? QString() : tr("%1 ms").arg(step.durationMs));
    if (!step.checked.isEmpty()) {
        addLine(item, tr("Checked"), step.checked);
    }
    if (!step.cause.isEmpty()) {
        addLine(item, tr("Cause"), step.cause);
    }
    if (!step.fix.isEmpty()) {
        auto* fix = addLine(item, tr("Fix"), step.fix);
        QFont bold = fix->font(1);
        bold.setBold(true);
        fix->setFont(1, bold);
    }
    for (const auto& detail : step.details) {
        addLine(item, tr("Detail"), detail);
    }
    for (const auto& [label, text] : step.extra) {
        addLine(item, label, text);
    }
    const bool problem = step.verdict == ConnectionVerdict::Fail || step.verdict == ConnectionVerdict::Warning;
    item->setExpanded(problem);
    const auto* current = m_steps->currentItem();
    if (problem
        && (!current || m_results.value(current->data(0, StepRole).toInt()).verdict == ConnectionVerdict::Pass)) {
        m_steps->setCurrentItem(item);
    }
    if (m_steps->currentItem() == item) {
        showDetails(item);
    }
}

void GuidedTestView::showDetails(QTreeWidgetItem* item)
{
    while (item && item->parent()) {
        item = item->parent();
    }
    if (!item || !m_results.contains(item->data(0, StepRole).toInt())) {
        m_details->clear();
        return;
    }
    const GuidedTestStep& step = m_results[item->data(0, StepRole).toInt()];
    QString html = QStringLiteral("<h3>%1 \u2013 %2</h3>")
                       .arg(step.title.toHtmlEscaped(), ConnectionVerdicts::displayName(step.verdict).toHtmlEscaped());
    const auto paragraph = [&html](const QString& label, const QString& text) {
        if (!text.isEmpty()) {
            html += QStringLiteral("<p><b>%1</b> %2</p>").arg(label.toHtmlEscaped(), text.toHtmlEscaped());
        }
    };
    paragraph(tr("Checked:"), step.checked);
    paragraph(tr("Cause:"), step.cause);
    paragraph(tr("Fix:"), step.fix);
    if (!step.details.isEmpty()) {
        html += detailsHtml(step.details);
    }
    for (const auto& [label, text] : step.extra) {
        paragraph(label + QLatin1Char(':'), text);
    }
    m_details->setHtml(html);
}
