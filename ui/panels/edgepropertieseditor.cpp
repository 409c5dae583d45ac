#include "panels/edgepropertieseditor.h"

#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/removeedgecommand.h"
#include "map/mapstyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowbench {

namespace {
// A short stroke in the edge's pen, so the combo shows what the map draws.
QIcon strokeIcon(EdgeKind kind)
{
    QPixmap pixmap(32, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen = MapStyle::edgePen(kind);
    painter.setPen(pen);
    painter.drawLine(QPointF(2, 6), QPointF(24, 6));
    painter.setPen(Qt::NoPen);
    painter.setBrush(pen.color());
    painter.drawPolygon(QPolygonF({ QPointF(30, 6), QPointF(23, 2.5), QPointF(23, 9.5) }));
    return QIcon(pixmap);
}

// What the kind says about the two ends, in words.
QString meaning(EdgeKind kind, const QString &from, const QString &to)
{
    switch (kind) {
    case EdgeKind::Calls:
        return EdgePropertiesEditor::tr("%1 calls %2 and waits for its answer.").arg(from, to);
    case EdgeKind::Reads:
        return EdgePropertiesEditor::tr("%1 reads data from %2.").arg(from, to);
    case EdgeKind::Writes:
        return EdgePropertiesEditor::tr("%1 writes data to %2.").arg(from, to);
    case EdgeKind::Publishes:
        return EdgePropertiesEditor::tr("%1 publishes messages to %2.").arg(from, to);
    case EdgeKind::Consumes:
        return EdgePropertiesEditor::tr("%1 consumes messages from %2.").arg(from, to);
    case EdgeKind::Triggers:
        return EdgePropertiesEditor::tr("%1 triggers %2.").arg(from, to);
    case EdgeKind::Schedules:
        return EdgePropertiesEditor::tr("%1 schedules %2.").arg(from, to);
    }
    return QString();
}

QString nodeLink(const Node *node)
{
    if (!node)
        return EdgePropertiesEditor::tr("(missing node)");
    const QString icon = MapStyle::kindIconPath(node->kind);
    return QStringLiteral("<img src=\"%1\" width=\"14\" height=\"14\"/>&nbsp;<a href=\"%2\">%3</a>")
        .arg(icon, node->id, node->name.toHtmlEscaped());
}
} // namespace

EdgePropertiesEditor::EdgePropertiesEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("edgePropertiesEditor"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("edgeSummary"));
    m_summary->setWordWrap(true);
    QFont big = m_summary->font();
    big.setBold(true);
    m_summary->setFont(big);

    m_from = new QLabel;
    m_from->setObjectName(QStringLiteral("edgeFromLabel"));
    m_to = new QLabel;
    m_to->setObjectName(QStringLiteral("edgeToLabel"));
    for (QLabel *end : { m_from, m_to }) {
        end->setTextFormat(Qt::RichText);
        end->setToolTip(tr("Select this node on the map"));
        connect(end, &QLabel::linkActivated, this, [this](const QString &id) { emit nodeActivated(id); });
    }
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("edgeKindCombo"));
    m_kind->setIconSize(QSize(32, 12));
    for (EdgeKind kind : allEdgeKinds())
        m_kind->addItem(strokeIcon(kind), MapStyle::edgeKindLabel(kind), toString(kind));
    m_label = new QLineEdit;
    m_label->setObjectName(QStringLiteral("edgeLabelEdit"));
    m_label->setPlaceholderText(tr("shown on the map instead of the kind"));
    m_label->setClearButtonEnabled(true);
    m_meaning = new QLabel;
    m_meaning->setObjectName(QStringLiteral("edgeMeaning"));
    m_meaning->setWordWrap(true);
    m_meaning->setEnabled(false); // secondary text

    m_delete = new QPushButton(tr("Delete Connection"));
    m_delete->setObjectName(QStringLiteral("deleteEdgeButton"));
    m_delete->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_delete->setToolTip(tr("Delete this connection (Del). You can undo it."));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("From"), m_from);
    form->addRow(tr("To"), m_to);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Label"), m_label);
    form->addRow(QString(), m_meaning);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_delete);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_kind, &QComboBox::currentIndexChanged, this, &EdgePropertiesEditor::commitKind);
    connect(m_label, &QLineEdit::editingFinished, this, &EdgePropertiesEditor::commitLabel);
    connect(m_delete, &QPushButton::clicked, this, &EdgePropertiesEditor::remove);
}

void EdgePropertiesEditor::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_edgeId.clear();
    if (document) {
        connect(document, &ProjectDocument::edgeChanged, this, [this](const Id &id) {
            if (id == m_edgeId)
                refresh();
        });
        // The ends' names and kinds appear here.
        connect(document, &ProjectDocument::nodeChanged, this, [this](const Id &id) {
            const Edge *e = m_document->edge(m_edgeId);
            if (e && (e->from == id || e->to == id))
                refresh();
        });
    }
    refresh();
}

void EdgePropertiesEditor::setEdge(const Id &edgeId)
{
    if (edgeId != m_edgeId)
        commitPending();
    m_edgeId = edgeId;
    refresh();
}

void EdgePropertiesEditor::commitPending()
{
    if (m_label->hasFocus() || m_label->isModified())
        commitLabel();
}

void EdgePropertiesEditor::refresh()
{
    const Edge *edge = m_document && !m_edgeId.isEmpty() ? m_document->edge(m_edgeId) : nullptr;
    if (!edge)
        return;
    m_refreshing = true;
    const Node *from = m_document->node(edge->from);
    const Node *to = m_document->node(edge->to);
    const QString fromName = from ? from->name : tr("(missing node)");
    const QString toName = to ? to->name : tr("(missing node)");
    m_summary->setText(tr("%1 → %2").arg(fromName, toName));
    m_from->setText(nodeLink(from));
    m_to->setText(nodeLink(to));
    m_kind->setCurrentIndex(m_kind->findData(toString(edge->kind)));
    if (m_label->text() != edge->label)
        m_label->setText(edge->label);
    m_label->setModified(false);
    m_meaning->setText(meaning(edge->kind, fromName, toName));
    m_refreshing = false;
}

QString EdgePropertiesEditor::endsText(const Edge &edge) const
{
    const Node *from = m_document->node(edge.from);
    const Node *to = m_document->node(edge.to);
    return tr("%1 → %2").arg(from ? from->name : QString(), to ? to->name : QString());
}

void EdgePropertiesEditor::commitKind()
{
    const Edge *edge = m_refreshing || !m_document ? nullptr : m_document->edge(m_edgeId);
    const auto kind = edgeKindFromString(m_kind->currentData().toString());
    if (!edge || !kind || *kind == edge->kind)
        return;
    m_document->undoStack()->push(new ChangeValue<Edge, EdgeKind>(
        m_document, m_edgeId, &Edge::kind, *kind, tr("%1: %2").arg(tr("Change kind"), endsText(*edge))));
}

void EdgePropertiesEditor::commitLabel()
{
    const Edge *edge = m_refreshing || !m_document ? nullptr : m_document->edge(m_edgeId);
    if (!edge)
        return;
    const QString label = m_label->text().trimmed();
    m_label->setModified(false);
    if (label == edge->label)
        return;
    m_document->undoStack()->push(new ChangeValue<Edge, QString>(
        m_document, m_edgeId, &Edge::label, label, tr("%1: %2").arg(tr("Change label"), endsText(*edge))));
}

void EdgePropertiesEditor::remove()
{
    if (!m_document || !m_document->edge(m_edgeId))
        return;
    m_label->setModified(false); // the edge goes: a half-typed label goes with it
    m_document->undoStack()->push(new RemoveEdgeCommand(m_document, m_edgeId));
}

} // namespace flowbench
