#pragma once

#include <QGraphicsItem>

namespace flowbench {

// The tinted background behind the nodes of one group (domain or team), with its name.
class ClusterItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    explicit ClusterItem(const QString &group);

    int type() const override { return Type; }
    const QString &group() const { return m_group; }
    void setRect(const QRectF &rect);
    void setDimmed(bool dimmed);
    QRectF boundingRect() const override { return m_rect; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    // The tint, outline and (from 25 % zoom) the name; also used by the overview layer.
    void paintBackground(QPainter *painter, double lod) const;
    void paintLabel(QPainter *painter, double lod) const; // the group's name, from 25 % zoom

private:
    QString m_group;
    QRectF m_rect;
};

} // namespace flowbench
