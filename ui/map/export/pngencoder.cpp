#include "map/export/pngencoder.h"

#include <QThread>
#include <QtEndian>

#include <zlib.h>

#include <algorithm>
#include <thread>
#include <vector>

namespace flowbench {

// One strip of rows [firstRow, endRow) of `image`, filtered and deflated on its own thread.
struct PngStrip
{
    QImage image;
    int firstRow = 0;
    int endRow = 0;
    bool last = false;
    QByteArray deflated;
    uLong adler = 1; // adler32 of the strip's filtered bytes
    uLong length = 0; // filtered bytes
    QString error;
};

namespace {

using Strip = PngStrip;

// Filter Sub on RGB: each byte minus the byte of the pixel to its left. Reads Qt's 32-bit
// pixels directly (0xffRRGGBB), so no converted copy of the image is made.
void filterRow(const QRgb *pixels, int width, unsigned char *out)
{
    out[0] = 1; // filter type Sub
    unsigned char *p = out + 1;
    int r0 = 0, g0 = 0, b0 = 0;
    for (int x = 0; x < width; ++x) {
        const QRgb c = pixels[x];
        const int r = qRed(c), g = qGreen(c), b = qBlue(c);
        p[0] = static_cast<unsigned char>(r - r0);
        p[1] = static_cast<unsigned char>(g - g0);
        p[2] = static_cast<unsigned char>(b - b0);
        p += 3;
        r0 = r, g0 = g, b0 = b;
    }
}

void deflateStrip(const QImage &image, Strip &strip)
{
    z_stream z {};
    // Raw deflate (no zlib header): the strips are joined under one header.
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        strip.error = QStringLiteral("zlib could not start");
        return;
    }
    const int width = image.width();
    std::vector<unsigned char> row(size_t(width) * 3 + 1);
    std::vector<unsigned char> buffer(256 * 1024);
    const auto drain = [&](int flush) {
        do {
            z.next_out = buffer.data();
            z.avail_out = uInt(buffer.size());
            deflate(&z, flush);
            strip.deflated.append(
                reinterpret_cast<const char *>(buffer.data()), qsizetype(buffer.size() - z.avail_out));
        } while (z.avail_out == 0);
    };
    for (int y = strip.firstRow; y < strip.endRow; ++y) {
        filterRow(reinterpret_cast<const QRgb *>(image.constScanLine(y)), width, row.data());
        strip.adler = adler32(strip.adler, row.data(), uInt(row.size()));
        strip.length += uLong(row.size());
        z.next_in = row.data();
        z.avail_in = uInt(row.size());
        drain(Z_NO_FLUSH);
    }
    // The last strip ends the stream; the others end on a byte boundary with no
    // reference to later data, so the next strip's stream can follow directly.
    drain(strip.last ? Z_FINISH : Z_FULL_FLUSH);
    deflateEnd(&z);
}

void appendChunk(QByteArray &png, const char type[4], const char *data, qsizetype length)
{
    const qsizetype start = png.size();
    png.resize(start + 8 + length + 4);
    char *p = png.data() + start;
    qToBigEndian<quint32>(quint32(length), p);
    memcpy(p + 4, type, 4);
    if (length > 0)
        memcpy(p + 8, data, size_t(length));
    const uLong crc = crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef *>(p + 4), uInt(length + 4));
    qToBigEndian<quint32>(quint32(crc), p + 8 + length);
}

// The strips' streams joined under one zlib header, in PNG chunks.
Result<QByteArray> assemble(int width, int height, const std::vector<PngStrip> &parts)
{
    QByteArray zlibStream("\x78\x01", 2); // deflate, 32 KiB window, fastest
    uLong adler = 1;
    for (const Strip &s : parts) {
        if (!s.error.isEmpty())
            return Result<QByteArray>::failure(
                QStringLiteral("the PNG image could not be encoded: %1").arg(s.error));
        zlibStream += s.deflated;
        adler = adler32_combine(adler, s.adler, z_off_t(s.length));
    }
    char trailer[4];
    qToBigEndian<quint32>(quint32(adler), trailer);
    zlibStream.append(trailer, 4);

    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    png.reserve(zlibStream.size() + zlibStream.size() / 100 + 64);
    char header[13];
    qToBigEndian<quint32>(quint32(width), header);
    qToBigEndian<quint32>(quint32(height), header + 4);
    header[8] = 8; // bits per channel
    header[9] = 2; // RGB
    header[10] = header[11] = header[12] = 0; // deflate, adaptive filtering, no interlace
    appendChunk(png, "IHDR", header, 13);
    constexpr qsizetype kChunk = 1 << 20;
    for (qsizetype at = 0; at < zlibStream.size(); at += kChunk)
        appendChunk(png, "IDAT", zlibStream.constData() + at, qMin(kChunk, zlibStream.size() - at));
    appendChunk(png, "IEND", nullptr, 0);
    return png;
}

} // namespace

Result<QByteArray> encodeMapPng(const QImage &image)
{
    return encodeMapPng(image, qBound(1, QThread::idealThreadCount(), 8));
}

Result<QByteArray> encodeMapPng(const QImage &source, int strips)
{
    const QImage image = source.format() == QImage::Format_RGB32 || source.format() == QImage::Format_ARGB32
        ? source
        : source.convertToFormat(QImage::Format_RGB32);
    if (image.isNull() || image.width() <= 0 || image.height() <= 0)
        return Result<QByteArray>::failure(QStringLiteral("the PNG image is empty or too large"));

    // Strips of at least 64 rows: fewer, larger streams compress about as well.
    const int count = qBound(1, qMin(strips, image.height() / 64), 64);
    std::vector<Strip> parts(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        parts[size_t(i)].firstRow = int(qint64(image.height()) * i / count);
        parts[size_t(i)].endRow = int(qint64(image.height()) * (i + 1) / count);
        parts[size_t(i)].last = i == count - 1;
    }
    std::vector<std::thread> threads;
    for (int i = 1; i < count; ++i)
        threads.emplace_back(deflateStrip, std::cref(image), std::ref(parts[size_t(i)]));
    deflateStrip(image, parts[0]);
    for (std::thread &t : threads)
        t.join();

    return assemble(image.width(), image.height(), parts);
}

PngBandWriter::PngBandWriter(int width, int height)
    : m_width(width)
    , m_height(height)
{
}

PngBandWriter::~PngBandWriter()
{
    for (std::thread &t : m_threads)
        if (t.joinable())
            t.join();
}

void PngBandWriter::add(const QImage &rows)
{
    PngStrip &strip = *m_strips.emplace_back(std::make_unique<PngStrip>());
    strip.image = rows.format() == QImage::Format_RGB32 || rows.format() == QImage::Format_ARGB32
        ? rows
        : rows.convertToFormat(QImage::Format_RGB32);
    strip.firstRow = 0;
    strip.endRow = rows.width() == m_width ? qMin(rows.height(), m_height - m_rows) : 0;
    m_rows += strip.endRow;
    strip.last = m_rows >= m_height;
    if (rows.width() != m_width)
        strip.error = QStringLiteral("a band of %1 pixels in a page %2 wide").arg(rows.width()).arg(m_width);
    m_threads.emplace_back([&strip] {
        deflateStrip(strip.image, strip);
        strip.image = QImage(); // the caller paints the next band into the same pixels
    });
}

void PngBandWriter::waitFor(int band)
{
    if (band >= 0 && band < int(m_threads.size()) && m_threads[size_t(band)].joinable())
        m_threads[size_t(band)].join();
}

Result<QByteArray> PngBandWriter::finish()
{
    for (int i = 0; i < int(m_threads.size()); ++i)
        waitFor(i);
    if (m_rows < m_height || m_strips.empty())
        return Result<QByteArray>::failure(
            QStringLiteral("the PNG image could not be encoded: %1 of %2 rows were painted")
                .arg(m_rows)
                .arg(m_height));
    std::vector<PngStrip> parts;
    for (const std::unique_ptr<PngStrip> &strip : m_strips)
        parts.push_back(*strip);
    return assemble(m_width, m_height, parts);
}

} // namespace flowbench
