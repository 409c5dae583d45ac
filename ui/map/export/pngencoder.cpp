#include "map/export/pngencoder.h"

#include <QSysInfo>

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <vector>

namespace flowbench {

namespace {

void appendBytes(png_structp png, png_bytep data, png_size_t length)
{
    static_cast<QByteArray *>(png_get_io_ptr(png))
        ->append(reinterpret_cast<const char *>(data), qsizetype(length));
}

void noFlush(png_structp) { }

// libpng reports errors by longjmp: the message is kept for the Result.
void onError(png_structp png, png_const_charp message)
{
    *static_cast<QString *>(png_get_error_ptr(png)) = QString::fromUtf8(message);
    png_longjmp(png, 1);
}

void onWarning(png_structp, png_const_charp) { }

} // namespace

Result<QByteArray> encodeMapPng(const QImage &source)
{
    // Rows straight from Qt's 32-bit pixels (B, G, R, X in memory on little-endian
    // machines): libpng drops the fourth byte, no converted copy of a 256 MB image.
    const bool littleEndian = QSysInfo::ByteOrder == QSysInfo::LittleEndian;
    const QImage image = source.format() == QImage::Format_RGB32 && littleEndian
        ? source
        : source.convertToFormat(QImage::Format_RGB888);
    if (image.isNull())
        return Result<QByteArray>::failure(QStringLiteral("the PNG image is empty or too large"));
    QString error;
    QByteArray out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, onError, onWarning);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info) {
        png_destroy_write_struct(&png, nullptr);
        return Result<QByteArray>::failure(QStringLiteral("the PNG encoder could not start"));
    }
    if (setjmp(png_jmpbuf(png))) { // out, error and image are reached through pointers: intact
        png_destroy_write_struct(&png, &info);
        return Result<QByteArray>::failure(
            QStringLiteral("the PNG image could not be encoded: %1").arg(error));
    }
    png_set_write_fn(png, &out, appendBytes, noFlush);
    png_set_IHDR(png, info, png_uint_32(image.width()), png_uint_32(image.height()), 8, PNG_COLOR_TYPE_RGB,
        PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_DEFAULT_STRATEGY);
    png_write_info(png, info);
    if (image.format() == QImage::Format_RGB32) {
        png_set_bgr(png);
        png_set_filler(png, 0, PNG_FILLER_AFTER);
    }
    for (int y = 0; y < image.height(); ++y)
        png_write_row(png, const_cast<png_bytep>(image.constScanLine(y)));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return out;
}

} // namespace flowbench
