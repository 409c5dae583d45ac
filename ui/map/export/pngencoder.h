#pragma once

#include "result.h"

#include <QByteArray>
#include <QImage>

namespace flowbench {

// A map image as PNG, fast: RGB (the map is opaque), filter Sub on every row, zlib level 1,
// and the rows compressed in strips on every core at once. Each strip is its own raw
// deflate stream ended on a byte boundary (Z_FULL_FLUSH), so the strips are concatenated
// into one valid zlib stream whose Adler-32 is combined from theirs (pigz does the same).
// Qt's writer lets libpng try all five filters on every row, on one core: on a 5,000-node
// map (64 Mpx) encoding took longer than painting.
Result<QByteArray> encodeMapPng(const QImage &image);

// The same with a given number of strips (1: the plain single-threaded stream); for tests
// that compare the two and for the benchmark.
Result<QByteArray> encodeMapPng(const QImage &image, int strips);

} // namespace flowbench
