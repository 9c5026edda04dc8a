#pragma once

#include <QIcon>
#include <QString>

// The application's own action and navigation icons (resources/icons/actions/*.svg, drawn
// for ScimDesk): one meaning, one picture, on every platform and theme, sharp at any scale
// because they are vectors. One name per action: "add", "edit" (always the pencil), "delete",
// "duplicate", "refresh" (reload what is shown) and "sync" (write to a server) differ, …
namespace AppIcons {
QIcon icon(const QString& name);
// Whether resources hold an icon of that name (for the tests that every action has one).
bool exists(const QString& name);
} // namespace AppIcons
