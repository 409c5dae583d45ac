#pragma once

#include <QJsonObject>
#include <QSpinBox>

namespace flowbench {

struct SpecField;

// The timeout_ms field of a check's spec: 100 ms to 10 minutes, its tooltip and default
// from the check type's vocabulary. Every check type has one.
class TimeoutBox : public QSpinBox
{
    Q_OBJECT
public:
    TimeoutBox(const SpecField &field, int step, QWidget *parent = nullptr);
    void load(const QJsonObject &spec); // the spec's timeout_ms, or the default
    void write(QJsonObject &spec) const;

private:
    int m_default;
};

} // namespace flowbench
