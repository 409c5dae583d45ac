#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

class QTcpServer;
class QTcpSocket;

namespace flowbench::testing {

// A hand-made server on 127.0.0.1 and a free port that answers every request with what
// the test scripts byte for byte, for what Qt HTTP Server never sends: a reply that is
// not HTTP, broken chunked encoding, a body cut short, an endless chunked body.
// It reads the request head (up to the blank line), then answers per `Mode`.
class RawHttpServer : public QObject
{
public:
    enum class Mode {
        Bytes, // writes `bytes`, then closes the connection (or keeps it open, see answerWith)
        EndlessChunked, // a 200 with Transfer-Encoding: chunked of `bodyBytes`, paced by the client
    };

    explicit RawHttpServer(QObject *parent = nullptr);
    ~RawHttpServer() override;
    bool start(); // false with errorString() set
    QString errorString() const { return m_error; }
    quint16 port() const;
    QString baseUrl() const; // "http://127.0.0.1:PORT"

    // keepOpen: the connection stays open after the answer, like a keep-alive server
    // that then drops it when the next request arrives on it (a connection it timed out).
    void answerWith(const QByteArray &bytes, bool keepOpen = false)
    {
        m_mode = Mode::Bytes;
        m_bytes = bytes;
        m_keepOpen = keepOpen;
    }
    void streamChunked(qint64 bodyBytes)
    {
        m_mode = Mode::EndlessChunked;
        m_streamBytes = bodyBytes;
    }
    // Connections accepted so far, and body bytes written by the streaming mode.
    int connections() const { return m_connections; }
    qint64 bytesStreamed() const { return m_streamed; }

private:
    void onConnection();
    void onRequestBytes(QTcpSocket *socket);
    void pump(QTcpSocket *socket);

    QTcpServer *m_server;
    Mode m_mode = Mode::Bytes;
    QByteArray m_bytes;
    bool m_keepOpen = false;
    qint64 m_streamBytes = 0;
    int m_connections = 0;
    qint64 m_streamed = 0;
    QString m_error;
};

} // namespace flowbench::testing
