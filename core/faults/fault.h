#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace flowbench {

// The faults of Toxiproxy's model plus two HTTP-level ones. A fault is a plain value; a
// FaultProxy applies a list of them to the connections it carries.
enum class FaultKind {
    Latency, // delay every chunk of data by latency ± jitter ms
    Down, // the proxy refuses new connections and closes the open ones
    ResetPeer, // after timeout ms, close both connections with a TCP RST
    Timeout, // hold the data; after timeout ms close (0: hold until the fault is removed)
    Bandwidth, // at most rate KB/s (1 KB = 1000 bytes, as Toxiproxy)
    SlowClose, // when one side closes, close the other only after delay ms
    LimitData, // close the connection once bytes have passed in the fault's direction
    HttpStatus, // answer the first `count` HTTP requests with `status` (0: every request)
    HttpEmptyBody, // answer the first `count` HTTP requests with `status` and no body
};

// Toxiproxy's "stream": upstream is client -> server, downstream is server -> client.
enum class FaultDirection { Upstream, Downstream };

struct Fault
{
    QString name; // unique within a proxy; default "<kind>_<direction>" (Toxiproxy's default)
    FaultKind kind = FaultKind::Latency;
    FaultDirection direction = FaultDirection::Downstream;
    double toxicity = 1.0; // the share of connections the fault applies to (chosen per connection)

    qint64 latencyMs = 0; // latency
    qint64 jitterMs = 0; // latency
    qint64 timeoutMs = 0; // timeout, reset_peer
    qint64 rateKBps = 0; // bandwidth
    qint64 delayMs = 0; // slow_close
    qint64 bytes = 0; // limit_data
    int status = 0; // http_status, http_empty
    int count = 0; // http_status, http_empty: first K requests; 0 = every request

    bool isHttp() const { return kind == FaultKind::HttpStatus || kind == FaultKind::HttpEmptyBody; }
    // Down and the HTTP faults act on the whole proxy or on requests, not on one stream.
    bool hasDirection() const { return kind != FaultKind::Down && !isHttp(); }
    bool operator==(const Fault &o) const;
    bool operator!=(const Fault &o) const { return !(*this == o); }
};

QString toString(FaultKind kind); // "latency", "reset_peer"...
QString toString(FaultDirection direction); // "upstream", "downstream"

// Text form, for the command line: the kind first, with its main value, then attributes:
//   latency=3000,jitter=200        down                    reset_peer=100
//   timeout=0                      bandwidth=64            slow_close=500
//   limit_data=1024,stream=upstream   http_status=503,count=3   http_empty,count=2
// Attributes: stream (or direction) = upstream|downstream, toxicity = 0..1, name = TEXT,
// and each kind's own (latency, jitter, timeout, rate, delay, bytes, status, count).
Result<Fault> parseFault(const QString &text);
QString faultToText(const Fault &fault);

// JSON form, Toxiproxy's toxic shape:
//   {"name": "slow", "type": "latency", "stream": "downstream", "toxicity": 1.0,
//    "attributes": {"latency": 3000, "jitter": 200}}
Result<Fault> faultFromJson(const QJsonObject &json);
QJsonObject faultToJson(const Fault &fault);

} // namespace flowbench
