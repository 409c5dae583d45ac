// JSON paths (checks/jsonpath): the first line is a path, the rest a JSON document. Any
// text parses or fails with a message quoting it; a parsed path evaluates against any
// value without a crash, and evaluating twice gives the same answer.
#include "fuzzsupport.h"

#include "checks/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace flowbench;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [line, rest]
        = fuzz::splitFirstLine(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    const QString text = QString::fromUtf8(line);
    const Result<JsonPath> path = JsonPath::parse(text);
    if (!path) {
        if (!path.error().contains(QLatin1String("JSON path")))
            fuzz::broken("a path error that does not say what failed", path.error());
        return 0;
    }
    const QJsonDocument document = QJsonDocument::fromJson(rest);
    const QJsonValue root = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    const std::optional<QJsonValue> first = path->evaluate(root);
    if (path->evaluate(root) != first)
        fuzz::broken("evaluating a path twice differs", text);
    (void)path->evaluate(QJsonValue(QString::fromUtf8(rest)));
    return 0;
}
