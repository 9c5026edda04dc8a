#include "PlanRequestDialog.h"

#include "SyncPlanView.h"
#include "sync/PlannedOperation.h"
#include "util/DisplayText.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScreen>
#include <QVBoxLayout>

#include <algorithm>

PlanRequestDialog::PlanRequestDialog(const PlannedOperation& operation, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("planRequestDialog"));
    setWindowTitle(tr("Request for %1").arg(DisplayText::escaped(operation.displayName)));
    auto* intro = new QLabel(tr("%1 \u2013 what ScimDesk sends for this change when the plan is applied:")
                                 .arg(PlannedOperation::kindLabel(operation.kind)),
        this);
    intro->setWordWrap(true);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("planRequestText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Directory values may hold control characters: shown escaped, line breaks kept.
    m_text->setPlainText(DisplayText::escapedKeepingLines(SyncPlanView::requestText(operation)));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize available = screen ? screen->availableGeometry().size() : QSize(1024, 700);
    resize(std::min(720, available.width() - 40), std::min(560, available.height() - 80));
}

QString PlanRequestDialog::text() const
{
    return m_text->toPlainText();
}
