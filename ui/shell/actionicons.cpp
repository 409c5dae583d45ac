#include "shell/actionicons.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace flowbench {

namespace {

// The drawing on a 24 × 24 grid; the stroke scales with the pixmap.
void draw(QPainter &p, const QString &name)
{
    auto arrowHead = [&p](QPointF tip, QPointF back1, QPointF back2) {
        QPainterPath head;
        head.moveTo(back1);
        head.lineTo(tip);
        head.lineTo(back2);
        p.drawPath(head);
    };
    if (name == QLatin1String("Undo") || name == QLatin1String("Redo")) {
        if (name == QLatin1String("Redo")) {
            p.translate(24, 0);
            p.scale(-1, 1);
        }
        QPainterPath curve;
        curve.moveTo(5, 10);
        curve.lineTo(15, 10);
        curve.cubicTo(22, 10, 22, 20, 15, 20);
        curve.lineTo(9, 20);
        p.drawPath(curve);
        arrowHead(QPointF(5, 10), QPointF(9, 6), QPointF(9, 14));
    } else if (name == QLatin1String("Open")) {
        QPainterPath folder;
        folder.moveTo(3, 19);
        folder.lineTo(3, 6);
        folder.lineTo(9, 6);
        folder.lineTo(11, 8);
        folder.lineTo(19, 8);
        folder.lineTo(19, 11);
        p.drawPath(folder);
        QPainterPath front;
        front.moveTo(3, 19);
        front.lineTo(7, 11);
        front.lineTo(22, 11);
        front.lineTo(18, 19);
        front.closeSubpath();
        p.drawPath(front);
    } else if (name == QLatin1String("Layout")) {
        p.drawRect(QRectF(9, 3, 6, 5));
        p.drawRect(QRectF(3, 16, 6, 5));
        p.drawRect(QRectF(15, 16, 6, 5));
        p.drawLine(QPointF(12, 8), QPointF(6, 16));
        p.drawLine(QPointF(12, 8), QPointF(18, 16));
    } else if (name == QLatin1String("Fit")) {
        for (const QPointF &c : { QPointF(3, 3), QPointF(21, 3), QPointF(3, 21), QPointF(21, 21) }) {
            const double dx = c.x() < 12 ? 5 : -5;
            const double dy = c.y() < 12 ? 5 : -5;
            p.drawLine(c, c + QPointF(dx, 0));
            p.drawLine(c, c + QPointF(0, dy));
        }
        p.drawRect(QRectF(8, 8, 8, 8));
    } else if (name == QLatin1String("NewFlow")) {
        p.drawEllipse(QPointF(5, 17), 2.5, 2.5);
        p.drawEllipse(QPointF(12, 7), 2.5, 2.5);
        p.drawLine(QPointF(6.5, 15), QPointF(10.5, 9));
        p.drawLine(QPointF(14, 9), QPointF(17, 13));
        p.drawLine(QPointF(19, 15), QPointF(19, 23));
        p.drawLine(QPointF(15, 19), QPointF(23, 19));
    }
}

// Drawn at the size asked for, in the colour of the state (disabled greys out).
class LineIconEngine : public QIconEngine
{
public:
    explicit LineIconEngine(const QString &name)
        : m_name(name)
    {
    }
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette palette = QApplication::palette();
        QColor colour = palette.color(
            mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->translate(rect.topLeft());
        painter->scale(rect.width() / 24.0, rect.height() / 24.0);
        painter->setPen(QPen(colour, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        draw(*painter, m_name);
        painter->restore();
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }
    QIconEngine *clone() const override { return new LineIconEngine(m_name); }

private:
    QString m_name;
};

QString themeName(const QString &name)
{
    if (name == QLatin1String("Undo"))
        return QStringLiteral("edit-undo");
    if (name == QLatin1String("Redo"))
        return QStringLiteral("edit-redo");
    if (name == QLatin1String("Open"))
        return QStringLiteral("document-open");
    if (name == QLatin1String("Fit"))
        return QStringLiteral("zoom-fit-best");
    return QString();
}

} // namespace

QIcon ActionIcons::icon(const QString &name)
{
    const QIcon drawn(new LineIconEngine(name));
    const QString theme = themeName(name);
    return theme.isEmpty() ? drawn : QIcon::fromTheme(theme, drawn);
}

} // namespace flowbench
