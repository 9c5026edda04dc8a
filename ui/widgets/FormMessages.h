#pragma once

#include <QString>

class QLabel;
class QWidget;

// The inline messages under form fields: a muted hint, an orange warning that does not
// block, a red error that does. One look for every form of the application.
namespace FormMessages {

enum Kind
{
    Hint,
    Warning,
    Error,
};

QLabel* hintLabel(const QString& objectName, QWidget* parent);
QLabel* errorLabel(const QString& objectName, QWidget* parent);
// Sets the text and the look; an empty text hides the label.
void show(QLabel* label, const QString& text, Kind kind = Error);

} // namespace FormMessages
