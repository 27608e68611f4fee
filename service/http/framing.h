// Checks of a request header made before its body is read (RFC 9112): message framing
// (Transfer-Encoding) and Host. A request that fails them is answered and the connection closed,
// because the server and an intermediary could disagree about where the next request starts.
#pragma once

#include <optional>

#include "service/http/context.h"

namespace assay::service::http {

// The refusal for a request header whose framing or Host is not acceptable, nullopt when it is
// fine. Refusals carry Connection: close. Rules:
// - RFC 9112 6.1: Transfer-Encoding in an HTTP/1.0 request is faulty framing: 400.
// - RFC 9112 6.3 (4): "chunked" present but not the final coding, or applied twice: 400; an empty
//   coding list: 400.
// - RFC 9112 6.1: any coding other than "chunked" (gzip, identity, x-anything): 501, since this
//   server implements none.
// - RFC 9112 3.2: an HTTP/1.1 request without exactly one Host field: 400.
// Pure; never throws.
std::optional<Response> check_request_header(const Request& header);

// True when the header asks for "Expect: 100-continue" (RFC 9110 10.1.1), case-insensitively.
bool expects_continue(const Request& header);

}  // namespace assay::service::http
