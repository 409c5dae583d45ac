#include "store/routejson.h"

namespace flowbench {

namespace {

const char *const kFromPosition = "fromPosition";
const char *const kToPosition = "toPosition";
const char *const kPoints = "points";

bool pointFromJson(const QJsonValue &value, QPointF *point)
{
    const QJsonArray pair = value.toArray();
    if (!value.isArray() || pair.size() != 2 || !pair[0].isDouble() || !pair[1].isDouble())
        return false;
    *point = QPointF(pair[0].toDouble(), pair[1].toDouble());
    return true;
}

QString fieldPath(const QString &where, const char *key) { return where + QLatin1Char('.') + QLatin1String(key); }

} // namespace

QJsonArray pointToJson(const QPointF &point) { return QJsonArray{point.x(), point.y()}; }

QJsonObject routeToJson(const SplineRoute &route)
{
    QJsonArray points;
    for (const QPointF &p : route.points)
        points.append(pointToJson(p));
    return QJsonObject{{QLatin1String(kFromPosition), pointToJson(route.fromPosition)},
                       {QLatin1String(kToPosition), pointToJson(route.toPosition)},
                       {QLatin1String(kPoints), points}};
}

SplineRoute routeFromJson(const QJsonValue &value, const QString &where, QStringList *problems)
{
    SplineRoute route;
    if (!value.isObject()) {
        problems->append(QStringLiteral("%1: must be an object with fromPosition, toPosition and points").arg(where));
        return route;
    }
    const QJsonObject object = value.toObject();
    const int before = int(problems->size());
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.key() != QLatin1String(kFromPosition) && it.key() != QLatin1String(kToPosition)
            && it.key() != QLatin1String(kPoints))
            problems->append(QStringLiteral("%1.%2: unknown field").arg(where, it.key()));

    const auto position = [&](const char *key, QPointF *out) {
        const QJsonValue v = object.value(QLatin1String(key));
        if (v.isUndefined())
            problems->append(QStringLiteral("%1: is missing").arg(fieldPath(where, key)));
        else if (!pointFromJson(v, out))
            problems->append(QStringLiteral("%1: expected a number pair [x, y]").arg(fieldPath(where, key)));
    };
    position(kFromPosition, &route.fromPosition);
    position(kToPosition, &route.toPosition);

    const QString pointsPath = fieldPath(where, kPoints);
    const QJsonValue points = object.value(QLatin1String(kPoints));
    if (points.isUndefined()) {
        problems->append(QStringLiteral("%1: is missing").arg(pointsPath));
    } else if (!points.isArray()) {
        problems->append(QStringLiteral("%1: must be an array of number pairs [x, y]").arg(pointsPath));
    } else {
        const QJsonArray array = points.toArray();
        for (int i = 0; i < array.size(); ++i) {
            QPointF p;
            if (!pointFromJson(array[i], &p))
                problems->append(QStringLiteral("%1[%2]: expected a number pair [x, y]").arg(pointsPath).arg(i));
            route.points.append(p);
        }
        if (problems->size() == before && !SplineRoute::isValidPointCount(route.points.size()))
            problems->append(QStringLiteral("%1: expected 1 + 3n points (n >= 1), found %2")
                                 .arg(pointsPath)
                                 .arg(route.points.size()));
    }
    if (problems->size() != before)
        return SplineRoute();
    return route;
}

} // namespace flowbench
