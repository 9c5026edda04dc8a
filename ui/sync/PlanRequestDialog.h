#pragma once

#include <QDialog>

struct PlannedOperation;
class QPlainTextEdit;

// The exact request a planned operation sends (method, path, JSON body), opened on demand
// from the plan; read-only and selectable so it can be copied into a ticket.
class PlanRequestDialog : public QDialog
{
    Q_OBJECT

public:
    PlanRequestDialog(const PlannedOperation& operation, QWidget* parent = nullptr);

    QString text() const;

private:
    QPlainTextEdit* m_text = nullptr;
};
