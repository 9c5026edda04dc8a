#pragma once

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class SourceReadJob;
class Workspace;

// Which identity source a view works on — "Embedded directory" or one of the directory
// sources — with what its last read was (or that it was never read) and Read Now, which reads a
// directory source into its cache (SourceReadJob) so its users and groups can be shown and picked.
// Used by the Directory page and the application dialog. objectPrefix names the parts:
// <prefix>Combo, <prefix>Hint and <prefix>ReadButton.
class SourceChooser : public QWidget
{
    Q_OBJECT

public:
    SourceChooser(std::shared_ptr<Workspace> workspace, const QString& objectPrefix, const QString& labelText,
        const QString& embeddedHint, QWidget* parent = nullptr);

    qint64 sourceId() const;
    // Shows this source (0: the embedded directory) without asking; false when there is none.
    bool setSourceId(qint64 sourceId);
    // Asked before the admin's choice is taken (e.g. "clear the assigned users?"); false keeps the
    // current source.
    void setChoiceGuard(std::function<bool(qint64 sourceId)> guard) { m_guard = std::move(guard); }
    QComboBox* combo() const { return m_combo; }
    bool isReading() const { return m_job != nullptr; }

public slots:
    // Re-lists the sources, keeping the choice; a source that is gone falls back to the embedded
    // directory (sourceChosen follows).
    void reloadSources();
    void readNow();

signals:
    void sourceChosen(qint64 sourceId);
    void readFinished(bool succeeded);

private:
    void chosen(int index);
    void updateHint();

    std::shared_ptr<Workspace> m_workspace;
    QString m_embeddedHint;
    std::function<bool(qint64)> m_guard;
    QComboBox* m_combo = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_readButton = nullptr;
    SourceReadJob* m_job = nullptr;
    QString m_readError;
};
