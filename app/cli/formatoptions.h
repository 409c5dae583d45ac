#pragma once

#include "io/fileformat.h"

#include <QList>
#include <QString>

namespace flowbench::cli {

// "json (the default), dot or csv. json: a whole project...; dot: ...": the --format help
// of import and export, from the format registry.
template <typename Format>
QString formatChoices(const QList<const Format *> &formats, const QString &defaultId)
{
    QStringList ids;
    QStringList descriptions;
    for (const Format *f : formats) {
        ids << (f->id() == defaultId ? QStringLiteral("%1 (the default)").arg(f->id()) : f->id());
        descriptions << QStringLiteral("%1: %2").arg(f->id(), f->description());
    }
    const QString last = ids.size() > 1 ? ids.takeLast() : QString();
    const QString choices = last.isEmpty() ? ids.join(QString())
                                           : ids.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
    return choices + QStringLiteral(". ") + descriptions.join(QStringLiteral("; "));
}

// The end of the message for an unknown --format: "(supported: json, dot)".
inline QString supportedFormats(const QStringList &ids)
{
    return QStringLiteral("(supported: %1)").arg(ids.join(QStringLiteral(", ")));
}

} // namespace flowbench::cli
