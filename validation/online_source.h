// The network, as certificate validation sees it: "give me the bytes behind these URLs".
// Used only when validation runs online (--online): CRLs from CRL distribution points, OCSP
// responses from AIA OCSP responders, issuer certificates from AIA caIssuers. Offline
// validation (the default, and every test that does not start its own server) passes no
// OnlineSource and fetches nothing.
//
// This header is the seam between the validation processes (which decide what to ask) and the
// implementation on engine/net + the store (validation/online/*), which fetches with limits,
// caches by SHA-256 and records each fetch. Keep it narrow.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/error.h"

namespace assay::validation {

enum class OnlineKind { kCrl, kOcsp, kCaIssuers };

struct OnlineRequest {
  OnlineKind kind = OnlineKind::kCrl;
  std::string url;
  // kOcsp: the DER OCSPRequest to POST (RFC 6960 A.1, application/ocsp-request). Empty otherwise.
  std::string ocsp_request_der;
};

struct OnlineResponse {
  std::string url;
  engine::Result<std::string> body = std::string();  // the bytes, or why they could not be had
};

// Implementations are thread-safe; fetch() blocks until every request finished or failed and
// answers in request order. Size and time limits are the implementation's.
class OnlineSource {
 public:
  virtual ~OnlineSource() = default;
  virtual std::vector<OnlineResponse> fetch(std::span<const OnlineRequest> requests) const = 0;
};

}  // namespace assay::validation
