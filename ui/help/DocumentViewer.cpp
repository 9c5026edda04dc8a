#include "DocumentViewer.h"

#include "DocumentBrowser.h"

#include "widgets/ScreenFit.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

DocumentViewer::DocumentViewer(const QString& document, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("documentViewer"));
    m_browser = new DocumentBrowser(this);
    m_browser->setObjectName(QStringLiteral("documentBrowser"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(documentUrl(document), QTextDocument::MarkdownResource);
    setWindowTitle(
        tr("ScimDesk \u2014 %1").arg(m_browser->documentTitle().isEmpty() ? document : m_browser->documentTitle()));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* back = buttons->addButton(tr("&Back"), QDialogButtonBox::ActionRole);
    back->setEnabled(false);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    ScreenFit::resizeWithin(this, QSize(900, 760));
}

QUrl DocumentViewer::documentUrl(const QString& document)
{
    return QUrl(QStringLiteral("qrc:/docs/") + document);
}
