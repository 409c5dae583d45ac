#include "testcases/checkforms/timeoutbox.h"

#include "checks/checkvocabulary.h"

namespace flowbench {

TimeoutBox::TimeoutBox(const SpecField &field, int step, QWidget *parent)
    : QSpinBox(parent)
    , m_default(field.defaultValue.toInt())
{
    setObjectName(QStringLiteral("timeout"));
    setRange(100, 600000);
    setSingleStep(step);
    setSuffix(tr(" ms"));
    setToolTip(field.description);
}

void TimeoutBox::load(const QJsonObject &spec)
{
    setValue(spec.value(QStringLiteral("timeout_ms")).toInt(m_default));
}

void TimeoutBox::write(QJsonObject &spec) const
{
    spec.insert(QStringLiteral("timeout_ms"), value());
}

} // namespace flowbench
