#include "service/audit/internal/remote_tsa.h"

#include <algorithm>
#include <random>

#include "engine/cms/timestamp_protocol.h"
#include "engine/cms/timestamp_token.h"
#include "engine/digest.h"
#include "engine/net/http_exchange.h"

namespace assay::service::audit::internal {
namespace {

using engine::Code;

constexpr std::string_view kTimeStampingEku = "1.3.6.1.5.5.7.3.8";  // id-kp-timeStamping

// 8 random bytes, the first in 0x01..0x7f so that they are exactly the INTEGER's contents.
std::string fresh_nonce() {
  std::random_device random;
  std::string out(8, '\0');
  for (auto& c : out) c = static_cast<char>(random() & 0xff);
  out[0] = static_cast<char>(1 + (static_cast<unsigned char>(out[0]) % 0x7f));
  return out;
}

}  // namespace

engine::Result<RemoteStamp> request_remote_timestamp(const RemoteTsa& tsa, std::string_view covered_bytes) {
  const std::string where = "time-stamping service " + tsa.url + ": ";
  if (!tsa.url.starts_with("http://") && !tsa.url.starts_with("https://")) {
    return engine::fail(Code::kInvalidArgument, where + "expected an http:// or https:// URL");
  }
  const auto digest = engine::sha256(covered_bytes);
  engine::cms::TimestampRequest request;
  request.hashed_message.assign(reinterpret_cast<const char*>(digest.data()), digest.size());
  request.nonce = fresh_nonce();
  auto query = engine::cms::build_timestamp_request(request);
  if (!query) return std::unexpected(query.error());

  engine::net::HttpExchangeOptions options;
  options.total_timeout = tsa.timeout;
  options.connect_timeout = std::min(tsa.timeout, std::chrono::milliseconds(10'000));
  options.low_speed_time = std::chrono::seconds(std::max<long>(1, static_cast<long>(tsa.timeout.count() / 3000)));
  options.max_body_bytes = std::size_t{1} << 20;  // a token with its chain is a few KiB
  options.ca_bundle = tsa.ca_bundle;
  options.user_agent = "assay-audit/0.1 (seal time-stamp)";
  const auto reply = engine::net::http_post(
      tsa.url, {"Content-Type: application/timestamp-query", "Accept: application/timestamp-reply"}, *query, options);
  if (reply.failure != engine::net::ExchangeFailure::kNone) {
    return engine::fail(Code::kUnavailable, where + std::string(engine::net::exchange_failure_name(reply.failure)) + ": " + reply.error);
  }
  if (reply.status != 200) return engine::fail(Code::kUnavailable, where + "answered HTTP " + std::to_string(reply.status));

  auto response = engine::cms::parse_timestamp_response(reply.body);
  if (!response) return engine::fail(Code::kMalformed, where + "the answer is not a TimeStampResp: " + response.error().message());
  if (response->status != 0 && response->status != 1) {
    return engine::fail(Code::kUnavailable,
                        where + "refused the request: " + engine::cms::pki_status_name(response->status) +
                            (response->failure_info ? " (" + *response->failure_info + ")" : std::string()) +
                            (response->status_text.empty() ? std::string() : ": " + response->status_text));
  }
  if (!response->token) return engine::fail(Code::kMalformed, where + "granted, but the answer carries no TimeStampToken");
  auto token = engine::cms::TimestampToken::parse_der(*response->token);
  if (!token) return engine::fail(Code::kMalformed, where + "the TimeStampToken does not parse: " + token.error().message());
  const auto& tst = (*token)->tst_info();
  if (tst.imprint_algorithm != "SHA-256" || tst.hashed_message != request.hashed_message) {
    return engine::fail(Code::kMalformed, where + "the token's message imprint is not over the seal's SignatureValue");
  }
  if (tst.nonce != request.nonce) {
    return engine::fail(Code::kMalformed, where + "the token's nonce is not the request's (a replayed or foreign token)");
  }
  const auto& sd = (*token)->signed_data();
  const auto signers = sd.find_signer_certificates((*token)->signer());
  if (signers.empty()) return engine::fail(Code::kMalformed, where + "the token does not carry the TSA certificate (certReq was TRUE)");
  const auto& ekus = signers.front()->extended_key_usages();
  if (std::find(ekus.begin(), ekus.end(), kTimeStampingEku) == ekus.end()) {
    return engine::fail(Code::kMalformed, where + "the token's signer " + signers.front()->subject().rfc4514 +
                                               " is not a time-stamping certificate (no id-kp-timeStamping)");
  }
  if (!sd.verify((*token)->signer(), *signers.front()).ok()) {
    return engine::fail(Code::kMalformed, where + "the token's signature does not verify with its TSA certificate");
  }
  return RemoteStamp{std::move(*response->token), signers.front()->subject().rfc4514, tst.gen_time};
}

}  // namespace assay::service::audit::internal
