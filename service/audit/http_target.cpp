// The shared transport of the HTTP targets (http_target.h): attempts, backoff, evidence, and the
// rules that turn what came back into an Observation.
#include "service/audit/http_target.h"

#include <algorithm>
#include <thread>

#include "engine/net/http_exchange.h"

namespace assay::service::audit {
namespace {

namespace net = engine::net;

// Backoff before attempt n+1 (RFC 9110 gives no rule; this is the fetcher's doubling, shorter:
// an audit waits for answers, not for a list publisher to come back).
std::chrono::milliseconds backoff(int attempt) {
  return std::chrono::milliseconds(std::min<long long>(5000, 250LL << std::clamp(attempt - 1, 0, 10)));
}

bool retryable(const net::HttpExchangeResult& r) {
  if (r.failure == net::ExchangeFailure::kConnect || r.failure == net::ExchangeFailure::kTimeout) return true;
  return r.failure == net::ExchangeFailure::kNone && (r.status >= 500 || r.status == 429);
}

std::string tls_sentence(const std::vector<net::PeerCertificate>& chain) {
  std::string out;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (i > 0) out += "; ";
    out += "[" + std::to_string(i) + "] subject " + chain[i].subject + ", issuer " + chain[i].issuer + ", SHA-256 " +
           chain[i].sha256;
  }
  return out;
}

std::string request_evidence(const HttpCall& call, int attempt, int of) {
  return "# attempt " + std::to_string(attempt) + " of at most " + std::to_string(of) + "\nPOST " + call.url +
         "\nContent-Type: application/json\nAccept: application/json\n\n" + call.body;
}

std::string response_evidence(const net::HttpExchangeResult& r) {
  std::string out = "# elapsed " + std::to_string(r.elapsed.count()) + " ms" +
                    (r.reused_connection ? ", on a connection an earlier request opened" : "") + "\n";
  if (!r.peer_chain.empty()) out += "# TLS peer chain: " + tls_sentence(r.peer_chain) + "\n";
  if (r.failure != net::ExchangeFailure::kNone) {
    out += "# error (" + std::string(net::exchange_failure_name(r.failure)) + "): " + r.error + "\n";
  }
  out += r.response_headers;
  // The body of a failed exchange is not kept (over the limit, or cut short): the error says why.
  if (r.failure == net::ExchangeFailure::kNone) out += r.body;
  return out;
}

std::string excerpt(std::string_view body) {
  std::string out(body.substr(0, 200));
  for (auto& ch : out) {
    if (ch == '\n' || ch == '\r' || static_cast<unsigned char>(ch) < 0x20) ch = ' ';
  }
  return body.size() > 200 ? out + "..." : out;
}

}  // namespace

HttpTarget::~HttpTarget() = default;

net::HttpSession HttpTarget::take_session() {
  std::lock_guard lock(sessions_mutex_);
  if (idle_sessions_.empty()) return {};
  net::HttpSession session = std::move(idle_sessions_.back());
  idle_sessions_.pop_back();
  return session;
}

void HttpTarget::give_back(net::HttpSession session) {
  std::lock_guard lock(sessions_mutex_);
  idle_sessions_.push_back(std::move(session));
}

std::string HttpTarget::identity() const {
  std::lock_guard lock(tls_mutex_);
  return tls_.empty() ? spec_ : spec_ + " (TLS " + tls_ + ")";
}

Observation HttpTarget::ask(const Suite& suite, const SuiteCase& c) {
  const auto start = std::chrono::steady_clock::now();
  Observation o;
  auto finish = [&]() -> Observation {
    o.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return std::move(o);
  };
  if (c.trust) {
    // A service reached over HTTP keeps its own trusted-list state, which the runner can neither
    // set nor see: asking would compare its answer with one that rests on another list state, and
    // a pass or a fail would mean nothing. The case is not asked (Not assessed); the detail says
    // what the auditor must arrange (the same list state on the service under audit) to run it.
    o.status = Observation::Status::kNotAsked;
    o.detail = "requires trust setup: " + c.trust->setup +
               " — this target keeps its own trusted-list state, which the audit runner does not control; not asked";
    return finish();
  }
  auto call = request(suite, c);
  if (!call) {
    // A question the target's API cannot carry is outside the audit's scope for this target
    // (Not assessed); a request the runner could not build is the runner's problem, said as such.
    const bool unsupported = call.error().code() == engine::Code::kUnsupported;
    o.status = unsupported ? Observation::Status::kNotAsked : Observation::Status::kServiceError;
    o.detail = unsupported ? "not supported by this target: " + call.error().message()
                           : "the request could not be built: " + call.error().message();
    return finish();
  }
  net::HttpExchangeOptions http;
  http.total_timeout = options_.timeout;
  http.connect_timeout = std::min(options_.timeout, std::chrono::milliseconds(10'000));
  // A drip of under 16 bytes/s for a third of the timeout (at least 1 s) is not an answer.
  http.low_speed_time = std::max(std::chrono::seconds(1), std::chrono::duration_cast<std::chrono::seconds>(options_.timeout / 3));
  http.max_body_bytes = options_.max_response_bytes;
  http.ca_bundle = options_.ca_bundle;
  const int attempts = std::max(1, options_.max_attempts);
  const std::vector<std::string> headers{"Content-Type: application/json", "Accept: application/json"};
  const std::string dir = "evidence/" + c.id + "/";
  net::HttpExchangeResult r;
  net::HttpSession session = take_session();
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (attempt > 1) std::this_thread::sleep_for(backoff(attempt - 1));
    r = session.post(call->url, headers, call->body, http);
    o.evidence.push_back({dir + "request-" + std::to_string(attempt) + ".http", request_evidence(*call, attempt, attempts)});
    o.evidence.push_back({dir + "response-" + std::to_string(attempt) + ".http", response_evidence(r)});
    if (!r.peer_chain.empty()) {
      std::lock_guard lock(tls_mutex_);
      if (tls_.empty()) tls_ = tls_sentence(r.peer_chain);
    }
    if (!retryable(r)) break;
  }
  give_back(std::move(session));
  const std::string tries = o.evidence.size() > 2 ? " (" + std::to_string(o.evidence.size() / 2) + " attempts)" : "";
  switch (r.failure) {
    case net::ExchangeFailure::kNone: break;
    case net::ExchangeFailure::kTimeout:
      o.status = Observation::Status::kTimeout;
      o.detail = r.error + tries;
      return finish();
    case net::ExchangeFailure::kTooLarge:
      o.status = Observation::Status::kUnparseable;
      o.detail = r.error;
      return finish();
    default:
      o.status = Observation::Status::kServiceError;
      o.detail = r.error + tries;
      return finish();
  }
  if (r.status < 200 || r.status > 299) {
    o.status = Observation::Status::kServiceError;
    o.detail = "HTTP " + std::to_string(r.status) + tries + ": " + excerpt(r.body);
    return finish();
  }
  boost::system::error_code ec;
  boost::json::parse_options limits;
  limits.max_depth = 128;
  const boost::json::value answer = boost::json::parse(r.body, ec, {}, limits);
  if (ec) {
    o.status = Observation::Status::kUnparseable;
    o.detail = "the answer is not JSON: " + ec.message();
    return finish();
  }
  o.status = Observation::Status::kAnswered;
  if (auto read = read_answer(c, answer, o); !read) {
    o.status = Observation::Status::kUnparseable;
    o.indication.clear();
    o.subindication.clear();
    o.qualification.clear();
    o.detail = "the answer does not have the API's shape: " + read.error().message();
  }
  return finish();
}

}  // namespace assay::service::audit
