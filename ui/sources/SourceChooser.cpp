#include "SourceChooser.h"

#include "sources/SourceCache.h"
#include "sources/SourceCatalog.h"
#include "sources/SourceReadJob.h"
#include "widgets/AppIcons.h"
#include "widgets/FormMessages.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

SourceChooser::SourceChooser(std::shared_ptr<Workspace> workspace, const QString& objectPrefix,
    const QString& labelText, const QString& embeddedHint, QWidget* parent)
    : QWidget(parent)
    , m_workspace(std::move(workspace))
    , m_embeddedHint(embeddedHint)
{
    m_combo = new QComboBox(this);
    m_combo->setObjectName(objectPrefix + QStringLiteral("Combo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(20);
    auto* label = new QLabel(labelText, this);
    label->setBuddy(m_combo);
    m_hint = FormMessages::hintLabel(objectPrefix + QStringLiteral("Hint"), this);
    m_readButton = new QPushButton(AppIcons::icon(QStringLiteral("refresh")), tr("&Read Now"), this);
    m_readButton->setObjectName(objectPrefix + QStringLiteral("ReadButton"));
    m_readButton->setToolTip(tr("Read the directory source now. Nothing is sent to any SCIM server."));

    auto* row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_combo);
    row->addStretch(1);
    row->addWidget(m_readButton);
    // On a line of its own: beside the box it was squeezed into a narrow column on a small window.
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(m_hint);

    connect(m_combo, &QComboBox::activated, this, &SourceChooser::chosen);
    connect(m_readButton, &QPushButton::clicked, this, &SourceChooser::readNow);
    connect(m_workspace->sources(), &SourceCatalog::sourcesChanged, this, &SourceChooser::reloadSources);
    reloadSources();
}

qint64 SourceChooser::sourceId() const
{
    return m_combo->currentData().toLongLong();
}

bool SourceChooser::setSourceId(qint64 sourceId)
{
    const int index = m_combo->findData(sourceId);
    if (index < 0) {
        return false;
    }
    m_combo->setCurrentIndex(index);
    m_readError.clear();
    updateHint();
    return true;
}

void SourceChooser::reloadSources()
{
    const qint64 current = sourceId();
    {
        const QSignalBlocker blocker(m_combo);
        m_combo->clear();
        m_combo->addItem(tr("Embedded directory"), qint64(0));
        for (const DirectorySource& source : m_workspace->sources()->repository().list()) {
            m_combo->addItem(source.name, source.id);
        }
        m_combo->setCurrentIndex(qMax(0, m_combo->findData(current)));
    }
    updateHint();
    if (current > 0 && sourceId() != current) {
        emit sourceChosen(0);
    }
}

void SourceChooser::chosen(int index)
{
    const qint64 chosenId = m_combo->itemData(index).toLongLong();
    if (m_guard && !m_guard(chosenId)) {
        return; // the owner puts the previous source back with setSourceId()
    }
    m_readError.clear();
    updateHint();
    emit sourceChosen(chosenId);
}

void SourceChooser::updateHint()
{
    const qint64 id = sourceId();
    m_readButton->setVisible(id > 0);
    m_readButton->setEnabled(!m_job);
    if (id <= 0) {
        FormMessages::show(m_hint, m_embeddedHint, FormMessages::Hint);
        return;
    }
    if (m_job) {
        FormMessages::show(m_hint, tr("Reading the directory\u2026"), FormMessages::Hint);
        return;
    }
    if (!m_readError.isEmpty()) {
        FormMessages::show(m_hint, m_readError, FormMessages::Error);
        return;
    }
    const auto state = SourceCache(m_workspace->database(), id).state();
    if (!state) {
        FormMessages::show(m_hint, tr("Not read yet: Read Now shows its users and groups; a sync reads it too."),
            FormMessages::Warning);
        return;
    }
    FormMessages::show(m_hint,
        tr("Read-only, as of the last read, %1: change users and groups in the directory itself. Every sync reads it "
           "again.")
            .arg(QLocale().toString(state->readAt.toLocalTime(), QLocale::ShortFormat)),
        FormMessages::Hint);
}

void SourceChooser::readNow()
{
    const auto source = m_workspace->sources()->repository().find(sourceId());
    if (!source || m_job) {
        return;
    }
    m_readError.clear();
    m_job = new SourceReadJob(
        m_workspace->database(), m_workspace->secrets(), m_workspace->sourceReaderFactory(), *source, this);
    const auto done = [this](bool succeeded) {
        m_job->deleteLater();
        m_job = nullptr;
        updateHint();
        emit readFinished(succeeded);
    };
    connect(m_job, &SourceReadJob::finished, this, [done]() { done(true); });
    connect(m_job, &SourceReadJob::failed, this, [this, done, name = source->name](const SourceReadError& error) {
        if (error.kind != SourceReadError::Kind::Cancelled) {
            m_readError = tr("\u201c%1\u201d could not be read completely: %2").arg(name, error.message);
            if (!error.remedy.isEmpty()) {
                m_readError += QLatin1Char(' ') + error.remedy;
            }
        }
        done(false);
    });
    m_job->start();
    updateHint();
}
