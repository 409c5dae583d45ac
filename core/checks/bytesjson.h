#pragma once

#include <QByteArrayView>
#include <QJsonValue>

namespace flowbench {

// Text when the bytes are UTF-8; otherwise {"base64": "..."}, so binary values (images,
// serialized objects, compressed blobs) from Redis or a message broker reach assertions
// unmangled, not with U+FFFD.
QJsonValue textOrBase64(QByteArrayView bytes);

} // namespace flowbench
