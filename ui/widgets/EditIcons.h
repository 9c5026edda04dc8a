#pragma once

#include <QIcon>

// Small icons the GUI needs on every platform, including those without an icon theme
// (Windows, macOS, a bare X server): the theme's icon when there is one, else a drawn one.
namespace EditIcons {
QIcon pencil();
QIcon eye(bool open);
} // namespace EditIcons
