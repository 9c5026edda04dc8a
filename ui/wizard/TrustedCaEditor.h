#pragma once

#include <QList>
#include <QWidget>

struct CaCertificateInfo;
class QLabel;
class QLineEdit;
class QPushButton;
class ServerDraft;

// The "Trusted CA certificate" row of the connection settings: the PEM file of a private
// certificate authority (or of a company's TLS inspection) trusted for this server besides the
// system's CAs — typed, chosen with Browse… or cleared — and what the file holds: each
// certificate's subject and SHA-256 fingerprint, so the admin can compare them with what the
// CA's owner gives out, or why the file cannot be used. The rules are core's
// (ServerSettingsValidator::caBundleError, CaCertificateBundle). Certificate errors are never
// ignored; this is the only way to trust a server ScimDesk does not trust by itself.
class TrustedCaEditor : public QWidget
{
    Q_OBJECT

public:
    explicit TrustedCaEditor(ServerDraft* draft, QWidget* parent = nullptr);

    // The field a form label's mnemonic focuses.
    QWidget* focusField() const;
    void load();
    void updateMessages();

private:
    void browse();
    void choose(const QString& path);
    // Subject, validity and SHA-256 fingerprint of the first certificates, as rich text.
    static QString certificatesText(const QList<CaCertificateInfo>& infos);

    ServerDraft* m_draft = nullptr;
    QLineEdit* m_pathEdit = nullptr;
    QPushButton* m_browseButton = nullptr;
    QPushButton* m_clearButton = nullptr;
    QLabel* m_certificates = nullptr;
    QLabel* m_message = nullptr;
};
