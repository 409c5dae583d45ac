#pragma once

#include <QGraphicsItem>

namespace flowbench {

class MapScene;

// The whole map at low zoom in one item: below NodeItem::kDetailLevel the cards and
// edges paint nothing themselves and this layer draws every card as a block (batched
// per colour, colour from NodeItem::blockColor so selection and result colours show)
// and every edge as a straight line (batched per kind colour). One paint call instead
// of 11,000 keeps the fitted 5,000-node frame cheap; above the threshold it is empty.
class MapOverviewLayer : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };

    explicit MapOverviewLayer(MapScene *scene);

    int type() const override { return Type; }
    void setRect(const QRectF &rect); // the content rect of the map
    QRectF boundingRect() const override { return m_rect; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    MapScene *m_scene;
    QRectF m_rect;
};

} // namespace flowbench
