#pragma once

#include "model/ids.h"

#include <QGraphicsItem>
#include <QStaticText>
#include <memory>

namespace flowbench {

class MapScene;
struct Node;

// A node card on the map. It holds only the node's id and reads the document to paint;
// moving it by mouse only moves the item until release, when the scene pushes one
// MoveNodesCommand for every node dragged.
class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    // What a card draws follows how large its text would be on screen (the painter's
    // level of detail × the font's pixel size), not a fixed zoom:
    // - the full card (icon, name, kind · group · owner, badges) while all its text reads,
    //   down to its 11 px kind line;
    // - below that a compact card: the name alone in a font that fills the card, wrapped
    //   to two lines, and the risk dot, so a fitted map of a few dozen nodes still reads
    //   (a full card at 57 % had a 7 px name and an unreadable kind line);
    // - below even that (kDetailLevel) a coloured block drawn by MapOverviewLayer.
    static constexpr double kLegiblePixels = 7; // the smallest text a person reads on screen
    static constexpr double kNamePixels = 13;
    static constexpr double kSubPixels = 11;
    static constexpr double kCompactNamePixels = 24;
    static constexpr double kFullCardLevel = kLegiblePixels / kSubPixels; // ~0.64
    static constexpr double kDetailLevel = kLegiblePixels / kCompactNamePixels; // ~0.29

    NodeItem(MapScene *scene, const Id &id);

    const Id &id() const { return m_id; }
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // The handle on the right edge: dragging from it draws a new connection.
    QRectF connectHandleRect() const;
    QRectF nameRect() const; // where the in-place rename editor goes (item coordinates)

    void setDimmed(bool dimmed);
    void setFlowSteps(const QList<int> &steps); // 1-based places in the highlighted flow
    QList<int> flowSteps() const { return m_flowSteps; }
    bool isDimmed() const { return m_dimmed; }
    void refresh(); // the node changed in the document
    QColor blockColor() const; // the card's fill when drawn as a block (low zoom)

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    // The card's texts laid out once (elided to their boxes): shaping and eliding text
    // on every paint was most of a 100 % frame. Dropped when the node changes.
    struct CardText
    {
        int tests = -1; // the badge count the texts were laid out for
        QStaticText name; // one line, or the first of two when the name wraps
        QStaticText name2; // the wrapped rest, elided; empty when the name fits one line
        QStaticText compact[2]; // the name on the compact card, one or two lines
        int compactLines = 1;
        QStaticText sub;
        QStaticText badge;
        double badgeWidth = 0;
        QStaticText risk;
    };
    const Node *node() const;
    void paintDetailed(QPainter *painter, const Node &node, double lod);
    void paintCompact(QPainter *painter, const Node &node);
    const CardText &cardText(const Node &node, int tests);
    void paintChrome(QPainter *painter, const QColor &fill, const QColor &kind) const;

    MapScene *m_scene;
    Id m_id;
    QList<int> m_flowSteps;
    bool m_dimmed = false;
    bool m_hovered = false;
    std::unique_ptr<CardText> m_text;
};

} // namespace flowbench
