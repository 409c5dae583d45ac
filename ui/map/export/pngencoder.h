#pragma once

#include "result.h"

#include <QByteArray>
#include <QImage>

#include <deque>
#include <memory>
#include <thread>

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

struct PngStrip;

// The same PNG written band by band while the page is painted: each band of rows is
// filtered and deflated on a thread of its own as soon as it is added, so the next band is
// painted on one core while the last is compressed on the other, and the whole page never
// has to exist as one image (a 5,000-node map's is 256 MB).
class PngBandWriter
{
public:
    PngBandWriter(int width, int height);
    ~PngBandWriter();
    PngBandWriter(const PngBandWriter &) = delete;
    PngBandWriter &operator=(const PngBandWriter &) = delete;

    // The next rows of the page, top down, `width` pixels wide. Their pixels are read on
    // another thread: leave them as they are until waitFor(band) (bands count from 0).
    void add(const QImage &rows);
    void waitFor(int band);
    int bands() const { return int(m_strips.size()); }
    // The PNG, once rows down to `height` have been added.
    Result<QByteArray> finish();

private:
    int m_width;
    int m_height;
    int m_rows = 0;
    std::deque<std::unique_ptr<PngStrip>> m_strips;
    std::deque<std::thread> m_threads;
};

} // namespace flowbench
