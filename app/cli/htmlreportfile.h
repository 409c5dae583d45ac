#pragma once

#include "io/htmlreport.h"

namespace flowbench::cli {

// Fills in what the core cannot know (who, which Flowbench, the map drawn by the ui
// library when this build has it) and writes the report; the error names the file.
Status writeHtmlReport(const QString &path, HtmlReportInput input);

// Whether a command line makes an HTML report (run --html, report): it then needs a
// QApplication to draw the map.
bool makesHtmlReport(int argc, char **argv);

} // namespace flowbench::cli
