#include "checks/bytesjson.h"

#include <QJsonObject>
#include <QStringDecoder>

namespace flowbench {

QJsonValue textOrBase64(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (!decoder.hasError())
        return text;
    return QJsonObject { { QStringLiteral("base64"), QString::fromLatin1(bytes.toByteArray().toBase64()) } };
}

} // namespace flowbench
