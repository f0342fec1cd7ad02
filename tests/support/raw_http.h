// HTTP as an abusive or broken client speaks it, over a plain socket: half-sent requests,
// endless chunked bodies. The web console's tests (tests/web) and the served binary's (tests/e2e).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <Poco/Net/StreamSocket.h>

namespace zhixing::testing {

// Sends `bytes` to 127.0.0.1:`port` and returns what comes back until the server closes the
// connection or `wait` passes without a byte.
std::string raw_exchange(int port, const std::string& bytes,
                         std::chrono::seconds wait = std::chrono::seconds(10));

// Sends up to `total` bytes of a chunked url-encoded body to `path` (then the last chunk),
// stopping as soon as an answer arrives; returns the answer's status, 0 when none came.
// `cookie`/`csrf`: a session's.
int send_chunked(int port, const std::string& path, long long total, const std::string& cookie = "",
                 const std::string& csrf = "");

// A connection that has sent `partial` (a request's beginning) and then waits.
std::unique_ptr<Poco::Net::StreamSocket> half_sent(int port, const std::string& partial);

// True when the server has closed `socket` (a read returns 0 or fails) within `wait`.
bool closed_by_server(Poco::Net::StreamSocket& socket, std::chrono::seconds wait);

}  // namespace zhixing::testing
