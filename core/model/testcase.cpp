#include "model/testcase.h"
#include "model/enumnames.h"

namespace flowbench {

namespace {
const std::pair<Priority, const char *> kPriorities[] = {
    { Priority::Low, "low" },
    { Priority::Medium, "medium" },
    { Priority::High, "high" },
    { Priority::Critical, "critical" },
};
const std::pair<TestLevel, const char *> kLevels[] = {
    { TestLevel::Api, "api" },
    { TestLevel::Service, "service" },
    { TestLevel::Database, "database" },
    { TestLevel::EndToEnd, "end-to-end" },
};
} // namespace

QString toString(TestLevel level)
{
    return enumName(kLevels, level);
}
std::optional<TestLevel> testLevelFromString(const QString &text)
{
    return enumFromName(kLevels, text);
}
QList<TestLevel> allTestLevels()
{
    QList<TestLevel> list;
    for (const auto &entry : kLevels)
        list.append(entry.first);
    return list;
}

QString toString(Priority priority)
{
    return enumName(kPriorities, priority);
}
std::optional<Priority> priorityFromString(const QString &text)
{
    return enumFromName(kPriorities, text);
}

QList<Priority> allPriorities()
{
    QList<Priority> list;
    for (const auto &entry : kPriorities)
        list.append(entry.first);
    return list;
}

QStringList tagsFromText(const QString &text)
{
    QStringList tags;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

QString tagsToText(const QStringList &tags)
{
    return tags.join(QStringLiteral(", "));
}

} // namespace flowbench
