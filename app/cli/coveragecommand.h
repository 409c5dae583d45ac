#pragma once

#include "command.h"

#include <QList>
#include <QStringList>

namespace flowbench::cli {

// coverage FILE [--json] [--flow NAME] [--min-risk N]: nodes by risk with the weakest
// coverage first, then coverage per flow and per group, and totals.
class CoverageCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("coverage"); }
    QString summary() const override { return QStringLiteral("List nodes by risk and test coverage, untested high-risk first."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

// Rows of cells as aligned columns, two spaces apart, each line indented by two spaces;
// `rightAligned` names the columns aligned to the right (numbers). Also used by `impact`.
QString alignedColumns(const QList<QStringList> &rows, const QList<int> &rightAligned = {});

} // namespace flowbench::cli
