#include "run/evidence.h"

#include <QByteArray>

namespace flowbench {

QString truncateEvidence(const QString &evidence, int maxBytes)
{
    const QByteArray utf8 = evidence.toUtf8();
    if (maxBytes <= 0 || utf8.size() <= maxBytes)
        return evidence;
    int cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(utf8.at(cut)) & 0xC0) == 0x80)
        --cut; // back to the start of a UTF-8 sequence
    return QString::fromUtf8(utf8.left(cut))
        + QStringLiteral("\n… (truncated, %1 of %2 bytes shown)").arg(cut).arg(utf8.size());
}

} // namespace flowbench
