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
    // The journal is read on the thread pool; loaded() ends it (and the busy state).
    bool isLoading() const { return m_loading; }

signals:
    void loaded();

private:
    void load(std::shared_ptr<Database> database, qint64 applicationId, const QString& key);
    void fill();

    QList<JournalHit> m_hits;
    bool m_loading = false;
    QLabel* m_summary = nullptr;
    QTableWidget* m_table = nullptr;
};
