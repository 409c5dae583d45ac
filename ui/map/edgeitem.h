#pragma once

#include "model/ids.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace flowbench {

class MapScene;

// A connection between two cards. It follows the Graphviz spline of the last layout
// while both ends stay where the layout put them, and a cubic curve between the cards'
// ports otherwise.
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    EdgeItem(MapScene *scene, const Id &id);

    const Id &id() const { return m_id; }
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // Recomputes the path from the ends' positions (or the route when still valid).
    void updateGeometry();
    // Graphviz spline control points in scene coordinates: p0 (c1 c2 p)*, computed for
    // the given top-left positions of the two ends.
    void setRoute(const QList<QPointF> &points, const QPointF &fromPos, const QPointF &toPos);
    void clearRoute();
    void refreshToolTip(); // kind and label, after an edit
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }
    void setDimmed(bool dimmed);
    const QPainterPath &path() const { return m_path; }
    // A point `fraction` (0..1) of the way along the drawn curve.
    QPointF pointAlong(double fraction) const;

    // The label: the edge's own text, or its kind word. Its box is placed by
    // placeEdgeLabels (empty: no room, the tooltip has it) and drawn only while legible.
    static constexpr double kLabelPixels = 10;
    static bool labelLegibleAt(double lod);
    QString labelText() const;
    QSizeF labelSize() const; // empty when the text is longer than the edge
    QRectF labelRect() const { return m_labelRect; } // scene units; empty when not placed
    void setLabelRect(const QRectF &rect);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void strokeVisiblePart(QPainter *painter, QPen pen, const QRectF &exposed) const;

    MapScene *m_scene;
    Id m_id;
    QPainterPath m_path;
    QPolygonF m_flat; // m_path flattened, for clipping long edges to the view
    QVector<double> m_flatLength; // length along the path at each point of m_flat
    QPolygonF m_arrow;
    QRectF m_labelRect;
    QList<QPointF> m_route;
    QPointF m_routeFrom;
    QPointF m_routeTo;
    bool m_highlighted = false;
    bool m_dimmed = false;
};

} // namespace flowbench
