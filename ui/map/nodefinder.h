#pragma once

#include <QLineEdit>
#include <QPointer>

class QCompleter;
class QStringListModel;

namespace flowbench {

class MapEditor;
class ProjectDocument;

// "Jump to node…": a field that completes node names (case-insensitive, anywhere in the
// name) and on Return selects and centres the best match on the map.
class NodeFinder : public QLineEdit
{
    Q_OBJECT
public:
    NodeFinder(MapEditor *editor, QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document);

signals:
    void jumped(); // a node was found and selected: the map takes the focus back
    void notFound(const QString &text);

private:
    void jump(const QString &text);
    void updateNames();

    MapEditor *m_editor;
    QPointer<ProjectDocument> m_document;
    QStringListModel *m_names;
    QCompleter *m_completer;
};

} // namespace flowbench
