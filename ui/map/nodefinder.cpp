#include "map/nodefinder.h"

#include "document/projectdocument.h"
#include "map/mapeditor.h"

#include <QCompleter>
#include <QStringListModel>

namespace flowbench {

NodeFinder::NodeFinder(MapEditor *editor, QWidget *parent)
    : QLineEdit(parent)
    , m_editor(editor)
    , m_names(new QStringListModel(this))
    , m_completer(new QCompleter(m_names, this))
{
    setObjectName(QStringLiteral("findEdit"));
    setPlaceholderText(tr("Jump to node…  (Ctrl+K)"));
    setClearButtonEnabled(true);
    setMaximumWidth(280);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    setCompleter(m_completer);
    connect(this, &QLineEdit::returnPressed, this, [this] { jump(text()); });
    connect(m_completer, QOverload<const QString &>::of(&QCompleter::activated), this,
        [this](const QString &name) {
            if (m_editor->jumpTo(name)) {
                clear();
                emit jumped();
            }
        });
}

void NodeFinder::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document) {
        for (auto signal : { &ProjectDocument::nodesAdded, &ProjectDocument::nodesRemoved })
            connect(document, signal, this, &NodeFinder::updateNames);
        connect(document, &ProjectDocument::nodeChanged, this, &NodeFinder::updateNames);
    }
    setEnabled(document != nullptr);
    updateNames();
}

void NodeFinder::jump(const QString &wanted)
{
    if (m_editor->jumpTo(wanted)) {
        clear();
        emit jumped();
    } else {
        emit notFound(wanted);
    }
}

void NodeFinder::updateNames()
{
    QStringList names;
    if (m_document)
        for (const Node &n : m_document->nodes())
            names << n.name;
    names.sort(Qt::CaseInsensitive);
    names.removeDuplicates();
    m_names->setStringList(names);
}

} // namespace flowbench
