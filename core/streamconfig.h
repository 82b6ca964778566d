#pragma once

// What defines one monitored stream, below the live engine: settings, stream sets, the command
// line and the dialogs describe streams with it without pulling in the network client.

#include "parser.h"
#include "types.h"

#include <QString>

namespace sse {

/** Everything that defines one monitored stream; what views edit and settings persist. */
struct StreamConfig
{
    /** How long an attempt may take to connect (TCP connect, TLS handshake) and send its
     *  request before it counts as a network failure (see EventSource::setConnectTimeout). */
    static constexpr int DefaultConnectTimeoutMs = 30000;

    QString name;
    StreamRequest request;
    ReconnectPolicy policy;
    int idleTimeoutMs = 0;                         ///< 0 = no idle timeout
    int connectTimeoutMs = DefaultConnectTimeoutMs; ///< 0 = the system's
    qsizetype maxEventBytes = Parser::DefaultMaxEventBytes;
    bool autoConnect = false;
    /** Open but quiet (no event, no comment) for this long makes the stream Silent; 0 learns
     *  the expectation from the stream's own gaps (Session::expectedSilenceMs()). */
    int silentAfterMs = 0;

    friend bool operator==(const StreamConfig &, const StreamConfig &) = default;
};

} // namespace sse
