// The HTTP request path of `assay serve` without a socket: the bytes are one request as a client
// sends them, read by the same Beast parser with the server's limits (service/http/server.h),
// checked by check_request_header, routed by classify, and answered by handle() over the sample
// federation with every seam wired (qualification, certificate and signature validation, DSS).
#include <boost/beast/http.hpp>

#include "fuzz/support/fuzz_target.h"
#include "fuzz/support/sample_federation.h"
#include "service/http/framing.h"
#include "service/http/handler.h"
#include "service/http/server.h"

ASSAY_FUZZ_TARGET(http_request) {
  namespace beast_http = boost::beast::http;
  using namespace assay::service::http;
  const auto& federation = assay::fuzz::sample_federation();
  const ServerOptions limits;
  beast_http::request_parser<beast_http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  auto bytes = assay::fuzz::as_text(data, size);
  while (!ec && !bytes.empty() && !parser.is_done()) {
    const auto used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec == beast_http::error::need_more) ec = {};
    if (used == 0 && !ec) break;  // Beast wants more than there is
    bytes.remove_prefix(used);
  }
  if (!parser.got_some()) return 0;  // put_eof requires some input (a Beast precondition)
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_header_done()) return 0;
  if (check_request_header(parser.get())) return 0;  // refused before the body, as the server does
  if (!parser.is_done()) return 0;
  const Request request = parser.release();
  (void)classify(request);
  (void)handle(request, federation.context);
  return 0;
}
