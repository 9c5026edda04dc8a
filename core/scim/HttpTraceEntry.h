#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

// One HTTP exchange for the UI's log, already redacted; toString() shows server values escaped
// (DisplayText), so it can go to a terminal or a log as it is.
struct HttpTraceEntry
{
    quint64 requestId = 0; // the ScimClient request this exchange belongs to
    int attempt = 1;
    QByteArray method;
    QString url;
    int status = 0; // 0: no HTTP answer
    QList<QPair<QByteArray, QByteArray>> requestHeaders;
    QList<QPair<QByteArray, QByteArray>> responseHeaders;
    QByteArray requestBodyExcerpt;
    QByteArray responseBodyExcerpt;
    qint64 durationMs = 0;
    QString serverRequestId;
    QString error; // empty on HTTP success

    QString toString() const;
};

Q_DECLARE_METATYPE(HttpTraceEntry)
