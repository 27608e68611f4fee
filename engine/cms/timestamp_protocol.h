// The RFC 3161 time-stamp protocol messages (RFC 3161 2.4.1 TimeStampReq, 2.4.2 TimeStampResp),
// as sent to and received from a time-stamping service over HTTP (RFC 3161 3.4:
// application/timestamp-query, application/timestamp-reply). The token inside a response is a
// TimeStampToken (timestamp_token.h reads and checks it); this layer reads only the envelope.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/error.h"

namespace assay::engine::cms {

struct TimestampRequest {
  std::string imprint_algorithm_oid = "2.16.840.1.101.3.4.2.1";  // SHA-256
  std::string hashed_message;
  std::optional<std::string> policy_oid;  // reqPolicy; absent: the TSA's default
  std::optional<std::string> nonce;       // INTEGER contents (RFC 3161 2.4.1: a large random number)
  bool cert_req = true;                   // ask for the TSA certificate in the token
};

// TimeStampReq DER. kInvalidArgument for a bad OID or an empty imprint.
Result<std::string> build_timestamp_request(const TimestampRequest& request);
// Reads a TimeStampReq (a TSA's side; tests). kMalformed naming the broken field.
Result<TimestampRequest> parse_timestamp_request(std::string_view der);

// PKIStatus (RFC 3161 2.4.2).
enum class PkiStatus { kGranted = 0, kGrantedWithMods = 1, kRejection = 2, kWaiting = 3, kRevocationWarning = 4,
                       kRevocationNotification = 5 };
// "granted", "grantedWithMods", "rejection", ...; "status N" for another value.
std::string pki_status_name(int status);

struct TimestampResponse {
  int status = 2;                          // PKIStatus as received
  std::string status_text;                 // statusString's texts joined with "; "
  std::optional<std::string> failure_info; // failInfo's bit names ("badAlg, badDataFormat"), when present
  std::optional<std::string> token;        // the TimeStampToken (ContentInfo DER) when present
};

// Reads a TimeStampResp strictly (one DER element, nothing after it). kMalformed naming the
// broken part. A rejection is a response (status 2), not an Error: the caller decides.
Result<TimestampResponse> parse_timestamp_response(std::string_view der);

// TimeStampResp DER with `status`, an optional statusString and the token (a TSA's side; tests).
std::string build_timestamp_response(int status, std::string_view status_text = {},
                                     const std::optional<std::string>& token = std::nullopt);

}  // namespace assay::engine::cms
