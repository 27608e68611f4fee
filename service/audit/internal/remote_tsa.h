// The seal's time-stamp from a time-stamping service over HTTP (RFC 3161 3.4): a TimeStampReq
// (SHA-256 imprint, a fresh 64-bit nonce, certReq TRUE) POSTed as application/timestamp-query,
// and the answer checked before it goes into the seal:
//   - the exchange succeeded (no transport error or time-out) with HTTP 200;
//   - the body is a TimeStampResp (RFC 3161 2.4.2) whose status is granted or grantedWithMods
//     (a rejection is an error naming the status, failInfo and statusString);
//   - it carries a TimeStampToken that parses, whose message imprint is SHA-256 over exactly the
//     bytes asked about and whose nonce is the request's (not a replayed or foreign token);
//   - the token carries the TSA certificate (asked for with certReq), that certificate is for
//     time-stamping (id-kp-timeStamping, RFC 3161 2.3), and the token's signature verifies with it.
// Any failure is an Error (kUnavailable for the service, kMalformed for the answer) naming the URL
// and what was wrong; the caller writes no package (evidence_package.h).
#pragma once

#include <chrono>
#include <string>

#include "engine/error.h"
#include "engine/time.h"

namespace assay::service::audit::internal {

struct RemoteTsa {
  std::string url;                        // http:// or https://
  std::chrono::milliseconds timeout{30000};
  std::string ca_bundle;                  // PEM trust anchors for https (empty: the system's)
};

struct RemoteStamp {
  std::string token;     // TimeStampToken DER
  std::string tsa;       // subject (RFC 4514) of the TSA certificate in the token
  engine::UtcTime time{};
};

// Asks `tsa` for a time-stamp over `covered_bytes` and checks the answer (above).
engine::Result<RemoteStamp> request_remote_timestamp(const RemoteTsa& tsa, std::string_view covered_bytes);

}  // namespace assay::service::audit::internal
