#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <optional>

namespace flowbench {

// One PostgreSQL value, sent in text format with DateStyle ISO and bytea_output hex, as
// JSON the way the database means it:
//   bool -> true/false; int2, int4 -> number; int8 -> number up to 2^53, else its digits
//   as a string; float4, float8 -> number, NaN/Infinity/-Infinity as those strings;
//   numeric -> number when a double holds exactly its digits, else the digits as a
//   string ("NaN", "Infinity" named); json, jsonb -> the JSON value itself;
//   bytea -> base64; timestamptz -> ISO 8601 keeping its offset
//   ("2026-12-03T06:25:03.123+01:00"); timestamp, timetz -> ISO 8601; anything else
//   (date, time, uuid, text, arrays…) -> its text.
QJsonValue pgValueToJson(unsigned int typeOid, const QByteArray &text);

// The number a decimal text ("27.00", "-1.5e3") stands for, when a double holds exactly
// those digits (its shortest form reads back as the same decimal); nullopt otherwise.
std::optional<double> exactDouble(const QByteArray &decimal);

} // namespace flowbench
