#include "ScimProxyFactory.h"

#include <QNetworkProxyQuery>

QList<QNetworkProxy> ScimProxyFactory::queryProxy(const QNetworkProxyQuery& query)
{
    QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(query);
    if (proxies.isEmpty())
        proxies.append(QNetworkProxy(QNetworkProxy::DefaultProxy));
    for (QNetworkProxy& proxy : proxies) {
        if (proxy.type() == QNetworkProxy::NoProxy)
            proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
    }
    return proxies;
}
