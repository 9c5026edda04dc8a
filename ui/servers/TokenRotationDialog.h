#pragma once

#include "connection/ConnectionReport.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class ConnectionTest;
class QLabel;
class QPushButton;
class SecretLineEdit;
class Workspace;

// Rotate Token…: replaces a server's access token without an outage, the way AWS expects it
// (at most two tokens exist; each lasts a year): the admin creates the new token in the
// console, pastes it here and tests it against the server while the stored token stays in
// use; only a token that passed the test replaces the stored one, and the dialog then says
// to delete the old token in the console.
class TokenRotationDialog : public QDialog
{
    Q_OBJECT

public:
    TokenRotationDialog(std::shared_ptr<Workspace> workspace, qint64 serverId, QWidget* parent = nullptr);
    ~TokenRotationDialog() override;

signals:
    // The new token is stored (and the old one forgotten by ScimDesk).
    void rotated();

private:
    void tokenEdited();
    void testNewToken();
    void testFinished(const ConnectionReport& report);
    void useNewToken();
    void showCurrentToken();

    std::shared_ptr<Workspace> m_workspace;
    qint64 m_serverId = 0;
    SecretLineEdit* m_newToken = nullptr;
    QLabel* m_current = nullptr;
    QLabel* m_testResult = nullptr;
    QLabel* m_done = nullptr;
    QPushButton* m_testButton = nullptr;
    QPushButton* m_useButton = nullptr;
    QPointer<ConnectionTest> m_test;
    QString m_testedToken; // the token text that passed the test; empty until one did
};
