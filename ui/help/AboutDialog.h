#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

// About ScimDesk: what it is and the versions a support request needs (ScimDesk, Qt at build
// and run time, QtKeychain, the TLS backend and its library), selectable and copyable.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // (component, version) in the order shown.
    static QList<QPair<QString, QString>> versions();
    // The versions as plain text, one "component: version" a line (what Copy puts on the clipboard).
    static QString versionText();
};
