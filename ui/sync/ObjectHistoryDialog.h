#pragma once

#include "sync/JournalSearch.h"

#include <QDialog>

#include <memory>

class Database;
class QLabel;
class QTableWidget;

// "What happened to alice@example.com": every journalled operation on one user or group across
// the application's runs, newest first, with the attributes it changed and the server's answer.
class ObjectHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int MaxRows = 500;

    // key: the object's directory id, target id or name (exact); title: how to call it.
    ObjectHistoryDialog(std::shared_ptr<Database> database, qint64 applicationId, const QString& key,
        const QString& title, QWidget* parent = nullptr);

    const QList<JournalHit>& hits() const { return m_hits; }
    QString summaryText() const;

private:
    void fill();

    QList<JournalHit> m_hits;
    QLabel* m_summary = nullptr;
    QTableWidget* m_table = nullptr;
};
