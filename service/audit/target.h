// Targets of an audit campaign (issue 17 item 2): the validation service under audit, behind one
// interface. Specs: "assay" (in-process), "assay-http:URL" (assay's own API), "dss:BASE" (DSS REST,
// BASE = where /validation/validateSignature is mounted), "siva:URL" (SiVa, URL = parent of
// /validate). HTTP targets keep every request and response as evidence, record the server's TLS
// certificate, bound answers (size, time), retry what is retryable and never turn a transport
// problem into a verdict.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "engine/error.h"
#include "service/audit/suite.h"

namespace assay::service::audit {

// One file of evidence: a request or response body, kept byte-exact.
struct EvidenceFile {
  std::string name;  // "evidence/<case id>/request-1.json"
  std::string bytes;
};

// What the target answered for one case, normalised (VALIDATION-APIS.md §3: TOTAL-PASSED →
// TOTAL_PASSED, QESIG → QESig, N/A ↔ NA ...). For a document with several signatures, the first
// signature (by document order) unless the case names another.
struct Observation {
  // kNotAsked: the case was not put to the target because its interface cannot carry the
  // question (a certificate question to SiVa) or the runner cannot give it the state the case
  // needs (a case with its own trusted-list state, to a service with its own lists); `detail`
  // says which. Such a case is "Not assessed": a limit of the audit's scope, not a finding.
  enum class Status { kAnswered, kServiceError, kTimeout, kUnparseable, kNoSignature, kNotAsked };
  Status status = Status::kServiceError;
  std::string indication;
  std::string subindication;
  std::string qualification;
  std::string detail;                   // why not answered; the HTTP status; one sentence
  std::vector<EvidenceFile> evidence;   // the exchanges, in order
  std::chrono::milliseconds elapsed{0};
};

struct TargetOptions {
  std::chrono::milliseconds timeout{30000};  // per request
  int max_attempts = 3;                      // 1 + retries (--retries, default 2): connect failures,
                                             // time-outs, 5xx and 429 are retried with backoff
  std::size_t max_response_bytes = std::size_t{16} << 20;
  std::string ca_bundle;                     // HTTPS trust for the target (empty: system)
  // --target-fetches-revocation: the target fetches revocation data online from where the
  // certificates point (as a DSS deployment does; `assay serve --online`), so a dss: certificate
  // case is asked by its certificates alone when it gives CRL/OCSP files, and not asked when it
  // gives none but its certificates name where to fetch some (docs/audit.md §2).
  bool target_fetches_revocation = false;
};

class Target {
 public:
  virtual ~Target() = default;
  // "assay 0.x in-process", "dss:https://host/services/rest (TLS: CN=..., SHA-256 ...)".
  virtual std::string identity() const = 0;
  // Asks one case. Thread-safe: a campaign runs cases concurrently. Never throws.
  virtual Observation ask(const Suite& suite, const SuiteCase& c) = 0;
};

// Parses a spec; kInvalidArgument with the accepted forms when it is none of them.
engine::Result<std::unique_ptr<Target>> make_target(std::string_view spec, const Suite& suite, const TargetOptions& options);

}  // namespace assay::service::audit
