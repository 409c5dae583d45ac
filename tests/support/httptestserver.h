#pragma once

#include <QString>
#include <memory>

class QHttpServer;

namespace flowbench::testing {

// A real HTTP server in the test process on 127.0.0.1 and a free port.
// Routes:
//   GET  /json           {"data":{"items":[{"id":7,"name":"first"},{"id":8,"name":"second"}],"total":2},
//                         "status":"ok","tags":["a","b"]}  + header X-Request-Id: req-123
//   ANY  /echo           JSON of what arrived: method, body (text), json (parsed body or null),
//                         headers (lower-case name -> value), query (text); status 201 for POST
//   GET  /status/<n>     status n, body {"status":n}
//   GET  /text           text/plain "hello world, order 42 confirmed"
//   GET  /slow/<ms>      answers {"slow":ms} after ms milliseconds (without blocking the loop),
//                        counting the requests and how many were in flight at once
//   GET  /huge           50 MB streamed without Content-Length (never held in memory)
//   GET  /huge-declared  50 MB with a Content-Length header, streamed
//   GET  /redirect       302 to /json
//   ANY  /multipart      a multipart/form-data body taken apart: {"parts": [{"name",
//                        "filename"?, "content_type"?, "size", "sha1", "text"?}], "closed",
//                        "length", "authorization"} (or {"error"})
class HttpTestServer
{
public:
    HttpTestServer();
    ~HttpTestServer();
    bool start(); // false with errorString() set
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    QString baseUrl() const; // "http://127.0.0.1:PORT"
    static constexpr qint64 kHugeBytes = 50LL * 1024 * 1024;

    // Requests to /slow/<ms> so far, and the most of them in flight at once (a request is
    // in flight until its answer is ready or its client went away).
    int slowRequests() const;
    int maxSlowInFlight() const;

    struct SlowCounts
    {
        int requests = 0;
        int inFlight = 0;
        int maxInFlight = 0;
    };

private:
    std::unique_ptr<QHttpServer> m_server;
    std::shared_ptr<SlowCounts> m_slow; // shared with bodies that may outlive the server
    quint16 m_port = 0;
    QString m_error;
};

} // namespace flowbench::testing
