#pragma once

#include <QList>
#include <QWidget>

struct CaCertificateInfo;
class QLabel;
class QLineEdit;
class QPushButton;

// The "Trusted CA certificate" row of a server's or a directory source's connection settings: the
// PEM file of a private certificate authority (or of a company's TLS inspection) trusted for that
// connection besides the system's CAs — typed, chosen with Browse… or cleared — and what the file
// holds: each
// certificate's subject and SHA-256 fingerprint, so the admin can compare them with what the
// CA's owner gives out, or why the file cannot be used. The rules are core's
// (ServerSettingsValidator::caBundleError, CaCertificateBundle). Certificate errors are never
// ignored; this is the only way to trust a server ScimDesk does not trust by itself.
class TrustedCaEditor : public QWidget
{
    Q_OBJECT

public:
    explicit TrustedCaEditor(QWidget* parent = nullptr);

    // The field a form label's mnemonic focuses.
    QWidget* focusField() const;
    // What the field shows (e.g. the stored setting); pathChanged is not emitted.
    void setPath(const QString& path);
    // The path as the settings store it ("/" separators, no surrounding blanks).
    QString path() const { return m_path; }
    // Whether the file can be used (ServerSettingsValidator::caBundleError); empty when it can.
    QString error() const;
    // The placeholder and the hint shown while no file is chosen.
    void setEmptyTexts(const QString& placeholder, const QString& hint);
    void updateMessages();

signals:
    // The admin typed, chose or cleared a file.
    void pathChanged(const QString& path);

private:
    void browse();
    void choose(const QString& path);
    // Subject, validity and SHA-256 fingerprint of the first certificates, as rich text.
    static QString certificatesText(const QList<CaCertificateInfo>& infos);

    QString m_path;
    QString m_emptyHint;
    QLineEdit* m_pathEdit = nullptr;
    QPushButton* m_browseButton = nullptr;
    QPushButton* m_clearButton = nullptr;
    QLabel* m_certificates = nullptr;
    QLabel* m_message = nullptr;
};
