#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

// Texts with {name} placeholders filled from facts in one pass, so a fact's value (often text a
// server sent) can never introduce a placeholder of its own. Values are shown with control
// characters escaped (DisplayText::escaped); an unknown name becomes empty.
namespace PlaceholderText {

QString fill(const QString& text, const QHash<QString, QString>& facts);
// The names the texts use, each once, in order.
QStringList names(const QStringList& texts);

} // namespace PlaceholderText
