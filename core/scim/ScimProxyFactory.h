#pragma once

#include <QList>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>

// The proxy answer for the client's managers: the application's (system or explicit) answer,
// except that "no proxy" is given as QNetworkProxy::DefaultProxy, which the connection's socket
// resolves to the same application answer when it connects.
//
// Why: for plain http with no proxy, Qt 6.4 opens its HTTP/1.1 connections unbuffered, and its
// response header parser then issues one read() system call per header byte (~180 per
// response from the AWS emulator; strace in tests/bench/README.md). Any other proxy type makes
// Qt buffer the socket: one read() per response. https connections are always buffered (the
// TLS socket), so for them nothing changes but the place where "no proxy" is decided.
class ScimProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override;
};
