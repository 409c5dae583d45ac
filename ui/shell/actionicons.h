#pragma once

#include <QIcon>
#include <QString>

namespace flowbench {

// Icons of the window's main commands, drawn here so they exist on every desktop: the
// icon theme's when it has one (edit-undo, document-open…), else a simple line drawing in
// the palette's text colour. `name` is the action's object name without "action".
namespace ActionIcons {
QIcon icon(const QString &name);
}

} // namespace flowbench
