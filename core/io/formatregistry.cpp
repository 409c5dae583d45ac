#include "io/formatregistry.h"

#include "io/canonicaljsonformat.h"
#include "io/csvresultsexporter.h"
#include "io/dotformat.h"
#include "io/junitresultsimporter.h"
#include "io/openapi/openapiimporter.h"
#include "io/postman/postmanformat.h"

#include <QRegularExpression>

namespace flowbench {

FormatRegistry::FormatRegistry()
{
    m_importers.push_back(std::make_unique<CanonicalJsonImporter>());
    m_importers.push_back(std::make_unique<DotImporter>());
    m_importers.push_back(std::make_unique<OpenApiImporter>());
    m_importers.push_back(std::make_unique<JunitResultsImporter>());
    m_importers.push_back(std::make_unique<PostmanImporter>());

    m_exporters.push_back(std::make_unique<CanonicalJsonExporter>());
    m_exporters.push_back(std::make_unique<DotExporter>());
    m_exporters.push_back(std::make_unique<CsvResultsExporter>());
}

const FormatRegistry &FormatRegistry::instance()
{
    static FormatRegistry registry;
    return registry;
}

void FormatRegistry::addExporter(std::unique_ptr<Exporter> exporter)
{
    auto &registry = const_cast<FormatRegistry &>(instance());
    if (!registry.exporter(exporter->id()))
        registry.m_exporters.push_back(std::move(exporter));
}

namespace {

template <typename T> const T *byId(const std::vector<std::unique_ptr<T>> &list, const QString &id)
{
    for (const auto &format : list)
        if (format->id() == id)
            return format.get();
    return nullptr;
}

template <typename T> QList<const T *> all(const std::vector<std::unique_ptr<T>> &list)
{
    QList<const T *> out;
    for (const auto &format : list)
        out.append(format.get());
    return out;
}

template <typename T> QStringList ids(const std::vector<std::unique_ptr<T>> &list)
{
    QStringList out;
    for (const auto &format : list)
        out.append(format->id());
    return out;
}

} // namespace

const Importer *FormatRegistry::importer(const QString &id) const
{
    return byId(m_importers, id);
}
const Exporter *FormatRegistry::exporter(const QString &id) const
{
    return byId(m_exporters, id);
}
QList<const Importer *> FormatRegistry::importers() const
{
    return all(m_importers);
}
QList<const Exporter *> FormatRegistry::exporters() const
{
    return all(m_exporters);
}
QStringList FormatRegistry::importerIds() const
{
    return ids(m_importers);
}
QStringList FormatRegistry::exporterIds() const
{
    return ids(m_exporters);
}

const Importer *FormatRegistry::importerForFile(const QString &fileName) const
{
    // The most specific pattern wins: "*.postman_collection.json" over "*.json".
    const Importer *best = nullptr;
    qsizetype bestLength = -1;
    for (const auto &format : m_importers)
        for (const QString &pattern : format->filePatterns()) {
            const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(pattern),
                QRegularExpression::CaseInsensitiveOption);
            if (pattern.size() > bestLength && re.match(fileName.section(QLatin1Char('/'), -1)).hasMatch()) {
                best = format.get();
                bestLength = pattern.size();
            }
        }
    return best;
}

} // namespace flowbench
