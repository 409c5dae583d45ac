#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace flowbench {

// One table per enum maps values to their stable names in files and on the command line.
template <typename Enum, std::size_t N>
QString enumName(const std::pair<Enum, const char *> (&table)[N], Enum value)
{
    for (const auto &entry : table)
        if (entry.first == value)
            return QString::fromLatin1(entry.second);
    return QString();
}

template <typename Enum, std::size_t N>
std::optional<Enum> enumFromName(const std::pair<Enum, const char *> (&table)[N], const QString &text)
{
    for (const auto &entry : table)
        if (text == QLatin1String(entry.second))
            return entry.first;
    return std::nullopt;
}

} // namespace flowbench
