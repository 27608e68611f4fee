#include "service/http/framing.h"

#include <cctype>
#include <string>
#include <vector>

#include "service/http/handler.h"

namespace assay::service::http {
namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every coding of every Transfer-Encoding line, in order (a repeated field is one list, RFC 9110
// 5.3); empty list elements are dropped as RFC 9110 5.6.1 asks.
std::vector<std::string> transfer_codings(const Request& header) {
  std::vector<std::string> codings;
  auto range = header.equal_range(beast_http::field::transfer_encoding);
  for (auto it = range.first; it != range.second; ++it) {
    std::string_view value = it->value();
    while (true) {
      const auto comma = value.find(',');
      auto coding = lower_trimmed(value.substr(0, comma));
      if (!coding.empty()) codings.push_back(std::move(coding));
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  return codings;
}

Response refuse(const Request& header, unsigned status, std::string_view code, std::string_view message) {
  return error_response(status, code, message, header.version(), false);
}

}  // namespace

std::optional<Response> check_request_header(const Request& header) {
  if (header.find(beast_http::field::transfer_encoding) != header.end()) {
    if (header.version() < 11) {
      return refuse(header, 400, "bad_transfer_encoding", "Transfer-Encoding is not allowed in an HTTP/1.0 request");
    }
    const auto codings = transfer_codings(header);
    if (codings.empty()) return refuse(header, 400, "bad_transfer_encoding", "Transfer-Encoding names no coding");
    for (std::size_t i = 0; i < codings.size(); ++i) {
      if (codings[i] == "chunked" && i + 1 != codings.size()) {
        return refuse(header, 400, "bad_transfer_encoding",
                      "chunked must be the final transfer coding, applied once (RFC 9112 6.3)");
      }
    }
    for (const auto& coding : codings) {
      if (coding != "chunked") {
        return refuse(header, 501, "unsupported_transfer_coding",
                      "transfer coding \"" + coding.substr(0, 64) + "\" is not implemented; only chunked is");
      }
    }
  }
  if (header.version() >= 11) {
    const auto hosts = header.count(beast_http::field::host);
    if (hosts != 1) {
      return refuse(header, 400, "bad_host",
                    hosts == 0 ? "an HTTP/1.1 request needs a host header field (RFC 9112 3.2)"
                               : "an HTTP/1.1 request carries exactly one host header field (RFC 9112 3.2)");
    }
  }
  return std::nullopt;
}

bool expects_continue(const Request& header) {
  auto it = header.find(beast_http::field::expect);
  return it != header.end() && lower_trimmed(it->value()) == "100-continue";
}

}  // namespace assay::service::http
