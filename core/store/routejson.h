#pragma once

#include "model/edge.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace flowbench {

// The JSON form of an edge's spline route, shared by the project store (edges.route) and
// the canonical JSON export/import:
//   {"fromPosition": [x, y], "toPosition": [x, y], "points": [[x, y], ...]}
QJsonObject routeToJson(const SplineRoute &route);
QJsonArray pointToJson(const QPointF &point);

// `where` is the JSON path of the route ("route", "edges[3].route"). Each problem is
// appended with the path of the offending field below it
// ("edges[3].route.points[2]: expected a number pair [x, y]"); unknown fields are refused.
SplineRoute routeFromJson(const QJsonValue &value, const QString &where, QStringList *problems);

} // namespace flowbench
