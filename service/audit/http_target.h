// The HTTP targets of a campaign (target.h): assay-http:URL (assay's own /api/v1), dss:BASE (the
// DSS REST API, VALIDATION-APIS.md §1) and siva:URL (SiVa v3, §2). They share the transport
// (engine/net/http_exchange.h) and its rules, which are the audit's rules for an answer:
//   - every attempt is kept: evidence/<case>/request-N.http and response-N.http (status line,
//     headers, body; or the transport error), named in the finding;
//   - connect failures, time-outs and 5xx/429 are retried (TargetOptions::max_attempts in all)
//     with exponential backoff; a later good answer is the answer;
//   - an answer is bounded in size (max_response_bytes: "answer too large") and in time (the
//     per-request timeout, and a low-speed limit so a slow drip ends early);
//   - a non-2xx status is a service error, invalid JSON or a wrong shape is "unparseable" with the
//     parser's message: never a verdict (they classify as Observations);
//   - a question the API cannot carry (a certificate question to SiVa, revocation data to DSS's
//     validateCertificate unless the target fetches its own, a case without revocation data to a
//     target that fetches some: TargetOptions::target_fetches_revocation) is "not supported by
//     this target": not asked, Not assessed (classification.h);
//   - a case with its own trusted-list state (suite.h CaseTrust) is not asked: the service keeps
//     its own lists, so it is Not assessed, "requires trust setup: <the case's setup>";
//   - plain HTTP connections are kept and reused (one per worker at most, HTTP/1.1 keep-alive);
//     each response file says whether it came on a reused connection;
//   - for HTTPS, each request has a connection and handshake of its own, and the server's
//     certificate chain (subject, issuer, SHA-256 of each) is written into each response file and
//     into the target's identity (report.json "target").
#pragma once

#include <boost/json.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/net/http_exchange.h"
#include "service/audit/target.h"

namespace assay::service::audit {

// One request to make for a case.
struct HttpCall {
  std::string url;
  std::string body;  // JSON
};

class HttpTarget : public Target {
 public:
  HttpTarget(std::string spec, TargetOptions options) : spec_(std::move(spec)), options_(std::move(options)) {}
  ~HttpTarget() override;
  std::string identity() const override;
  Observation ask(const Suite& suite, const SuiteCase& c) override;

 protected:
  // The request for `c`; kUnsupported when this API cannot ask it (the message says why).
  virtual engine::Result<HttpCall> request(const Suite& suite, const SuiteCase& c) const = 0;
  // Reads a 2xx JSON answer into `o` (status, indication, ...); kMalformed naming the missing or
  // mistyped key when the answer does not have the API's shape.
  virtual engine::Result<void> read_answer(const SuiteCase& c, const boost::json::value& answer, Observation& o) const = 0;

 private:
  // The connections idle between cases: a worker takes one for a case and gives it back.
  engine::net::HttpSession take_session();
  void give_back(engine::net::HttpSession session);

  std::string spec_;
  TargetOptions options_;
  mutable std::mutex tls_mutex_;
  std::string tls_;  // the first chain seen, as a sentence
  std::mutex sessions_mutex_;
  std::vector<engine::net::HttpSession> idle_sessions_;
};

// The adapters; `spec` is the whole target spec (for the identity), `url` the part after the prefix.
std::unique_ptr<Target> make_dss_target(std::string spec, std::string base, TargetOptions options);
std::unique_ptr<Target> make_siva_target(std::string spec, std::string url, TargetOptions options);
std::unique_ptr<Target> make_assay_http_target(std::string spec, std::string url, TargetOptions options);

// Helpers shared by the adapters (http_adapters.cpp).
namespace http_target_internal {
// Reads a case input; kUnavailable naming the file.
engine::Result<std::string> read_input(const std::filesystem::path& file);
// The case's certificates as DER, end entity first.
engine::Result<std::vector<std::string>> certificates_der(const SuiteCase& c);
// Follows a path of object keys; kMalformed naming the path when a key is missing or not an object.
engine::Result<const boost::json::value*> at_path(const boost::json::value& v, std::initializer_list<std::string_view> keys);
// A string member (null → ""); kMalformed when it is something else.
engine::Result<std::string> string_member(const boost::json::object& o, std::string_view key, std::string_view where);
}  // namespace http_target_internal

}  // namespace assay::service::audit
