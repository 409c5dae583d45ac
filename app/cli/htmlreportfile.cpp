#include "htmlreportfile.h"

#ifdef FLOWBENCH_CLI_MAP_IMAGES
#include "report/htmlreportexporter.h"
#endif
#include "store/editlog.h"

#include <QtGlobal>

namespace flowbench::cli {

Status writeHtmlReport(const QString &path, HtmlReportInput input)
{
#ifdef FLOWBENCH_CLI_MAP_IMAGES
    completeReportInput(input); // with the map
#else
    if (input.author.isEmpty())
        input.author = defaultAuthorName(QString()); // the name edits are logged under
    input.flowbenchVersion = QStringLiteral(FLOWBENCH_VERSION);
    if (input.projectRevision.isEmpty())
        input.projectRevision = projectRevision(input.project);
#endif
    return HtmlReport::write(path, input);
}

bool makesHtmlReport(int argc, char **argv)
{
    if (argc < 2)
        return false;
    if (qstrcmp(argv[1], "report") == 0)
        return true;
    if (qstrcmp(argv[1], "export") == 0) {
        for (int i = 2; i + 1 < argc; ++i)
            if (qstrcmp(argv[i], "--format") == 0 && qstrcmp(argv[i + 1], "html") == 0)
                return true;
        for (int i = 2; i < argc; ++i)
            if (qstrcmp(argv[i], "--format=html") == 0)
                return true;
        return false;
    }
    if (qstrcmp(argv[1], "run") != 0)
        return false;
    for (int i = 2; i < argc; ++i)
        if (qstrcmp(argv[i], "--html") == 0 || qstrncmp(argv[i], "--html=", 7) == 0)
            return true;
    return false;
}

} // namespace flowbench::cli
