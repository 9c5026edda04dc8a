#include "TrustedCaEditor.h"

#include "tls/CaCertificateBundle.h"
#include "validation/ServerSettingsValidator.h"
#include "widgets/FormMessages.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
// A full system bundle holds ~150 certificates; the first few say enough about which file it is.
constexpr int kCertificatesShown = 3;

// The fingerprint's 32 bytes in two monospaced rows of 16, so it fits a narrow window and the
// halves line up for comparing by eye.
QString fingerprintHtml(const QString& fingerprint)
{
    const QString label = TrustedCaEditor::tr("SHA-256");
    const qsizetype half = fingerprint.size() / 2 + 1; // after the 16th byte's ':'
    const QString indent = QString(QStringLiteral("&nbsp;")).repeated(label.size() + 1);
    return QStringLiteral("<tt>%1 %2<br>%3%4</tt>")
        .arg(label.toHtmlEscaped(), fingerprint.left(half), indent, fingerprint.mid(half));
}
} // namespace

TrustedCaEditor::TrustedCaEditor(QWidget* parent)
    : QWidget(parent)
    , m_emptyHint(tr("Only for a server whose certificate a private certificate authority signed (or when your company "
                     "inspects TLS). Certificate errors are never ignored."))
{
    m_pathEdit = new QLineEdit(this);
    m_pathEdit->setObjectName(QStringLiteral("caFileEdit"));
    m_pathEdit->setPlaceholderText(tr("Optional \u2014 PEM file of the server's private certificate authority"));
    m_pathEdit->setClearButtonEnabled(false);
    m_browseButton = new QPushButton(tr("Bro&wse\u2026"), this);
    m_browseButton->setObjectName(QStringLiteral("caBrowseButton"));
    m_clearButton = new QPushButton(tr("C&lear"), this);
    m_clearButton->setObjectName(QStringLiteral("caClearButton"));
    m_certificates = FormMessages::hintLabel(QStringLiteral("caCertificateDescription"), this);
    m_certificates->setTextFormat(Qt::RichText);
    m_message = FormMessages::hintLabel(QStringLiteral("caFileMessage"), this);
    m_message->setTextFormat(Qt::PlainText);

    auto* row = new QHBoxLayout;
    row->addWidget(m_pathEdit, 1);
    row->addWidget(m_browseButton);
    row->addWidget(m_clearButton);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(m_certificates);
    column->addWidget(m_message);

    connect(m_pathEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_path = QDir::fromNativeSeparators(text.trimmed());
        updateMessages();
        emit pathChanged(m_path);
    });
    connect(m_browseButton, &QPushButton::clicked, this, &TrustedCaEditor::browse);
    connect(m_clearButton, &QPushButton::clicked, this, [this] { choose(QString()); });
    updateMessages();
}

QWidget* TrustedCaEditor::focusField() const
{
    return m_pathEdit;
}

void TrustedCaEditor::setPath(const QString& path)
{
    m_path = QDir::fromNativeSeparators(path.trimmed());
    m_pathEdit->setText(QDir::toNativeSeparators(m_path));
    updateMessages();
}

QString TrustedCaEditor::error() const
{
    return ServerSettingsValidator::caBundleError(m_path);
}

void TrustedCaEditor::setEmptyTexts(const QString& placeholder, const QString& hint)
{
    m_pathEdit->setPlaceholderText(placeholder);
    m_emptyHint = hint;
    updateMessages();
}

void TrustedCaEditor::choose(const QString& path)
{
    setPath(path);
    emit pathChanged(m_path);
}

void TrustedCaEditor::browse()
{
    // Window-modal and asynchronous: the event loop keeps running, and a test finds the dialog
    // by its objectName and answers it like a person would.
    auto* dialog = new QFileDialog(this, tr("Choose the Trusted CA Certificate"));
    dialog->setObjectName(QStringLiteral("caFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("PEM certificates (*.pem *.crt *.cer)"), tr("All files (*)")});
    const QString current = m_path;
    dialog->setDirectory(current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath());
    connect(dialog, &QFileDialog::fileSelected, this, &TrustedCaEditor::choose);
    dialog->open();
}

void TrustedCaEditor::updateMessages()
{
    const QString path = m_path;
    m_clearButton->setEnabled(!path.isEmpty());
    if (path.isEmpty()) {
        FormMessages::show(m_certificates, {}, FormMessages::Hint);
        FormMessages::show(m_message, m_emptyHint, FormMessages::Hint);
        return;
    }
    if (const QString error = this->error(); !error.isEmpty()) {
        FormMessages::show(m_certificates, {}, FormMessages::Hint);
        FormMessages::show(m_message, error, FormMessages::Error);
        return;
    }
    const auto bundle = CaCertificateBundle::load(path);
    const QList<CaCertificateInfo> infos = bundle ? bundle->describe() : QList<CaCertificateInfo>();
    FormMessages::show(m_certificates, certificatesText(infos), FormMessages::Hint);
    QStringList problems;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const CaCertificateInfo& info : infos) {
        const QString problem = info.validityProblem(
            now, [](const QDateTime& date) { return QLocale().toString(date.toLocalTime(), QLocale::ShortFormat); });
        if (!problem.isEmpty()) {
            problems << problem;
        }
    }
    FormMessages::show(m_message, problems.join(QLatin1Char('\n')), FormMessages::Warning);
}

QString TrustedCaEditor::certificatesText(const QList<CaCertificateInfo>& infos)
{
    QStringList parts;
    for (const CaCertificateInfo& info : infos.mid(0, kCertificatesShown)) {
        const QString validity
            = tr("valid until %1").arg(QLocale().toString(info.validUntil.toLocalTime().date(), QLocale::ShortFormat));
        parts << QStringLiteral("<b>%1</b> \u00b7 %2<br>%3")
                     .arg(info.subject().toHtmlEscaped(), validity.toHtmlEscaped(),
                         fingerprintHtml(info.sha256Fingerprint));
    }
    if (infos.size() > kCertificatesShown) {
        parts
            << tr("\u2026 and %n more certificate(s)", nullptr, int(infos.size() - kCertificatesShown)).toHtmlEscaped();
    }
    return parts.join(QStringLiteral("<br>"));
}
