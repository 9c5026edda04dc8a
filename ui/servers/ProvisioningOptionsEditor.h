#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class ServerDraft;

// Edit Server → Provisioning: what happens on the server to users who leave the scope
// (disable, delete, none), the deletion threshold, and the values ScimDesk may fill in for
// attributes the server requires (off unless ticked; the plan lists every user it is used for),
// how requests are sent (in parallel, at most so many per second, with what timeout) and the
// objects on the server ScimDesk never touches (protected patterns, one regular expression a line).
// The same ServerOptions `servers edit --deprovision/--deletion-threshold/--fill-missing` sets.
class ProvisioningOptionsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ProvisioningOptionsEditor(ServerDraft* draft, QWidget* parent = nullptr);

    // False while a protected pattern is not a regular expression (the error is shown).
    bool isValid() const;

signals:
    void validityChanged();

private:
    QWidget* createRequestSettings();
    QWidget* createProtectedObjects();
    QStringList protectedPatterns() const;
    void load();
    void store();

    ServerDraft* m_draft = nullptr;
    QComboBox* m_deprovision = nullptr;
    QSpinBox* m_thresholdPercent = nullptr;
    QSpinBox* m_thresholdMinimum = nullptr;
    QCheckBox* m_fillDisplayName = nullptr;
    QCheckBox* m_fillNames = nullptr;
    QSpinBox* m_concurrency = nullptr;
    QDoubleSpinBox* m_rateLimit = nullptr;
    QSpinBox* m_requestTimeout = nullptr;
    QPlainTextEdit* m_protected = nullptr;
    QLabel* m_protectedError = nullptr;
    bool m_loading = false;
};
