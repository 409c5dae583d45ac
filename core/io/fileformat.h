#pragma once

#include <QString>
#include <QStringList>

namespace flowbench {

// What importers and exporters share: how a format is named on the command line
// (`--format dot`), in menus ("Graphviz DOT") and in file dialogs ("*.dot *.gv").
class FileFormat
{
public:
    virtual ~FileFormat() = default;
    virtual QString id() const = 0; // "json", "dot", "csv"
    virtual QString displayName() const = 0; // "Graphviz DOT"
    virtual QStringList filePatterns() const = 0; // "*.dot", "*.gv"; the first names new files
    // One line for `flowbench-cli import|export --help`: what the format carries.
    virtual QString description() const = 0;

    // "Graphviz DOT (*.dot *.gv)", as a QFileDialog filter.
    QString dialogFilter() const
    {
        return QStringLiteral("%1 (%2)").arg(displayName(), filePatterns().join(QLatin1Char(' ')));
    }
    // The suffix a new file of this format takes ("dot"), empty if none.
    QString defaultSuffix() const
    {
        const QStringList patterns = filePatterns();
        return patterns.isEmpty() || !patterns.first().startsWith(QLatin1String("*."))
            ? QString()
            : patterns.first().mid(2);
    }
};

} // namespace flowbench
