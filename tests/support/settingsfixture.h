#pragma once

// The settings of tst_settingsfaults and its settings_writer: ten streams with every kind of
// value (quotes, commas, semicolons, non-ASCII, bodies, headers, alert rules, tab state).

#include "alertrule.h"
#include "settingsstore.h"

namespace settingsfixture {

using sse::AlertRule;
using sse::AppPreferences;
using sse::Header;
using sse::StoredStream;

constexpr int StreamCount = 10;

inline StoredStream fixtureStream(int n)
{
    StoredStream s;
    s.id = QStringLiteral("stream-%1").arg(n);
    s.config.name = QStringLiteral("Stream “%1”, prices; \"live\"").arg(n);
    s.config.request.url = QUrl(QStringLiteral("https://s%1.example.com/events?topic=a%20b&n=%1").arg(n));
    s.config.request.method = n % 3 == 0 ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    s.config.request.headers = {Header{"Accept-Language", "en, zh;q=0.8", false},
                                Header{"X-Trace", QByteArray::number(n), false}};
    if (n % 3 == 0)
        s.config.request.body = R"({"query":"subscribe","n":)" + QByteArray::number(n) + "}";
    s.config.request.lastEventId = "evt-" + QByteArray::number(n * 7);
    s.config.policy.initialDelayMs = 1000 + n;
    s.config.policy.maxDelayMs = 30000 + n;
    s.config.policy.jitter = n % 2 == 0;
    s.config.policy.maxRetries = n;
    s.config.idleTimeoutMs = 45000 + n;
    s.config.connectTimeoutMs = 10000 + n;
    s.config.maxEventBytes = 65536 + n;
    s.config.autoConnect = n % 2 == 1;
    s.wasConnected = n % 4 == 0;
    s.uiState = {{QStringLiteral("filterText"), QStringLiteral("say \"hi\", then = ;")},
                 {QStringLiteral("filterRegex"), n % 2 == 0},
                 {QStringLiteral("logCapacity"), 1000 * n}};
    s.alertRules = {AlertRule(s.id, QStringLiteral("error"), QStringLiteral("(?i)fatal\\s+\\d+"))};
    return s;
}

inline QList<StoredStream> fixtureStreams()
{
    QList<StoredStream> streams;
    for (int n = 1; n <= StreamCount; ++n)
        streams.append(fixtureStream(n));
    return streams;
}

inline AppPreferences fixturePreferences()
{
    AppPreferences p;
    p.windowGeometry = QByteArray("\x01\xd9\xd0\xcb\x00\x03geometry", 14);
    p.toasts.durationMs = 9000;
    p.language = QStringLiteral("zh_CN");
    for (int n = 1; n <= StreamCount; ++n)
        p.openTabs.append(QStringLiteral("stream-%1").arg(n));
    p.currentTab = QStringLiteral("stream-3");
    return p;
}

} // namespace settingsfixture
