#pragma once

#include "ConnectionCheck.h"
#include "TransportProbe.h"

#include <QNetworkProxy>

class QHostInfo;
class QTimer;

// Step 2: the network path to the SCIM host. The proxy ScimDesk uses (and the one the
// system would), the name lookup (DNS), the TCP connection and, for https, the TLS
// handshake and certificate (TransportProbe) — each failure with its own cause and fix.
class ReachabilityCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit ReachabilityCheck(ConnectionCheckContext& context, QObject* parent = nullptr);
    ~ReachabilityCheck() override;

protected:
    QString checked() const override;
    void run() override;
    void stop() override;

private:
    bool isHttps() const;
    QString host() const;
    int port() const;
    // Notes the proxy in use; returns whether the connection goes through one.
    bool describeProxy();
    void lookUpHost();
    void hostLookedUp(const QHostInfo& info);
    void connectToHost();
    void connected(const TransportProbe::Outcome& outcome);

    TransportProbe* m_probe = nullptr;
    QTimer* m_lookupTimer = nullptr;
    int m_lookupId = -1;
};
