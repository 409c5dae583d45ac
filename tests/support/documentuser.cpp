#include "support/documentuser.h"

#include "document/changevalue.h"

#include <QDebug>
#include <QUndoStack>

namespace flowbench::testing {

bool DocumentUser::open(const QString &where, const QString &author)
{
    auto opened = ProjectDocument::open(where);
    if (!opened) {
        qWarning() << opened.error();
        return false;
    }
    doc = std::move(opened.value());
    if (!author.isEmpty())
        doc->setAuthor(author);
    QObject::connect(doc.get(), &ProjectDocument::conflictOccurred, doc.get(),
        [this](const EditConflict &c) { conflicts << c; });
    // Logged too: an unexpected one explains a failure further on.
    QObject::connect(doc.get(), &ProjectDocument::errorOccurred, doc.get(), [this](const QString &message) {
        qDebug() << "errorOccurred:" << message;
        errors << message;
    });
    return true;
}

QString DocumentUser::name(const Id &id) const
{
    const Node *n = doc->node(id);
    return n ? n->name : QStringLiteral("(missing)");
}

void DocumentUser::rename(const Id &id, const QString &to)
{
    doc->undoStack()->push(
        new ChangeValue<Node, QString>(doc.get(), id, &Node::name, to, QStringLiteral("Rename ") + to));
}

} // namespace flowbench::testing
