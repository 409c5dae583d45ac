#pragma once
// Screenshots UI tests take for a person to look at, and the pixel checks that make each
// one a test: a picture is saved into a temporary folder of the test's own (never a
// shared /tmp name) and the test asserts on what is in it: a card's fill at its centre,
// the red of an inline error, the badge of a protected environment. Set
// FLOWBENCH_KEEP_SCREENSHOTS=1 to keep the folder; its path is logged.

#include <QApplication>
#include <QColor>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>
#include <functional>

namespace flowbench::testing {

class Screenshots
{
public:
    Screenshots()
    {
        m_dir.setAutoRemove(!qEnvironmentVariableIsSet("FLOWBENCH_KEEP_SCREENSHOTS"));
        if (!m_dir.autoRemove())
            qInfo("screenshots go to %s", qPrintable(m_dir.path()));
    }

    // Grabs the widget as it is on screen (after pending layout requests, as a shown window
    // would have had them) and saves it as <name>.png; a null image if it could not be saved.
    QImage grab(QWidget *widget, const QString &name)
    {
        QCoreApplication::processEvents();
        const QImage image = widget->grab().toImage();
        return save(image, name) ? image : QImage();
    }
    bool save(const QImage &image, const QString &name)
    {
        return m_dir.isValid() && !image.isNull() && image.save(path(name));
    }
    QString path(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".png")); }

private:
    QTemporaryDir m_dir;
};

// Colours within `tolerance` on each channel (antialiasing, blending with the background).
inline bool near(const QColor &a, const QColor &b, int tolerance = 24)
{
    return qAbs(a.red() - b.red()) <= tolerance && qAbs(a.green() - b.green()) <= tolerance
        && qAbs(a.blue() - b.blue()) <= tolerance;
}

// What a translucent colour looks like painted over white (a card's tint over its white
// card): a grab holds opaque pixels, QColor::name() drops the alpha.
inline QColor overWhite(const QColor &c)
{
    const double a = c.alphaF();
    auto mix = [a](int v) { return int(v * a + 255 * (1 - a) + 0.5); };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

// The colour at a point given in the widget's logical pixels (the image may be at a
// device pixel ratio above 1).
inline QColor pixelAt(const QImage &image, const QPoint &logical)
{
    const QPoint p = logical * image.devicePixelRatio();
    return image.rect().contains(p) ? image.pixelColor(p) : QColor();
}

// Pixels of `image` within `area` (logical pixels; the whole image when null) that match.
inline int countPixels(const QImage &image, const std::function<bool(const QColor &)> &match, QRect area = {})
{
    const qreal ratio = image.devicePixelRatio();
    QRect r = area.isNull()
        ? image.rect()
        : QRect((area.topLeft() * ratio), (area.size() * ratio)).intersected(image.rect());
    int count = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            count += match(image.pixelColor(x, y)) ? 1 : 0;
    return count;
}

inline int countNear(const QImage &image, const QColor &colour, int tolerance = 24, QRect area = {})
{
    return countPixels(
        image, [&](const QColor &c) { return near(c, colour, tolerance); }, area);
}

// The area `child` covers in a grab of `top`, in logical pixels.
inline QRect areaOf(const QWidget *child, const QWidget *top)
{
    return QRect(child->mapTo(top, QPoint(0, 0)), child->size());
}

// The red (#c62828) inline errors and warnings are written in.
inline QColor errorRed()
{
    return QColor(0xc6, 0x28, 0x28);
}

} // namespace flowbench::testing
