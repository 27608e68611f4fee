// What the HTTP handlers read: the published trust snapshot, the store, the clock, the refresh
// trigger, the qualification seam and the metrics. Handlers are plain functions of a Request and
// a Context (handler.h), so tests build a Context by hand and call them without a socket.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/store/store.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "tsl/refresh.h"
#include "tsl/trust_snapshot.h"
#include "validation/certificate_validator.h"
#include "validation/document/document_validator.h"
#include "validation/validation_policy.h"

namespace assay::service::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

// One published trust state: the refresh result and the snapshot built from its authenticated
// in-force lists, always swapped together so a reader never mixes versions. Immutable.
struct TrustSnapshotBundle {
  std::shared_ptr<const tsl::TrustState> state;
  tsl::TrustSnapshotPtr snapshot;
  // Per list URL: when a refresh last fetched or confirmed its in-force version (outcome updated
  // or unchanged). Carried over from bundle to bundle by the RefreshService.
  std::map<std::string, engine::UtcTime> last_good;
};
using BundlePtr = std::shared_ptr<const TrustSnapshotBundle>;

// Builds the bundle of `state`: a TrustSnapshot of every list in force whose authentication at
// the state's trust time succeeded, plus the LOTL. Pure; never fails. `previous` (may be null)
// supplies last_good times of lists not confirmed by this refresh.
BundlePtr make_bundle(std::shared_ptr<const tsl::TrustState> state, const TrustSnapshotBundle* previous = nullptr);

// The currently published bundle. publish() and current() may be called from any thread; a
// reader keeps the bundle it got alive for as long as it holds the pointer (no reader waits for
// a refresh, and a refresh never waits for readers).
class SnapshotHolder {
 public:
  BundlePtr current() const {
    std::lock_guard lock(mutex_);
    return current_;
  }
  // Swaps in `bundle`; the old one is released outside the lock (its last reader frees it).
  void publish(BundlePtr bundle) {
    {
      std::lock_guard lock(mutex_);
      current_.swap(bundle);
    }
  }

 private:
  mutable std::mutex mutex_;  // held only for a pointer copy
  BundlePtr current_;
};

// ---------------------------------------------------------------------------------------------
// THE QUALIFICATION SEAM (POST /api/v1/qualification).
//
// The handler parses and validates the request (JSON, PEM/base64 DER certificates, the instant)
// and calls this function with the bundle in force, the certificates (chain[0] is the
// certificate to qualify, the rest are its issuers as given, possibly none) and the instant.
// It must return the JSON of `assay qualify --json` for that certificate (a JSON object); the
// handler adds "trust_state" (which LOTL and list versions were used) to it. It runs on a worker
// thread, may be called concurrently, must not throw, and must not keep references to its
// arguments after returning. An error it wants to report goes into the returned JSON (as
// qualification findings), not as an exception.

using QualifyFn = std::function<boost::json::value(const TrustSnapshotBundle& bundle,
                                                   const std::vector<engine::CertificatePtr>& chain,
                                                   engine::UtcTime at)>;

// The qualification engine (tsl/qualification) with its JSON view (service/json/qualification_json.h):
// the same answer as `assay qualify --json`. Keeps one signature cache per snapshot.
QualifyFn engine_qualify();
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// THE CERTIFICATE VALIDATION SEAM (POST /api/v1/certificates/validation).
//
// The handler parses the request (JSON; certificates, CRLs and OCSP responses as PEM or base64
// of DER, with count and size limits; the instant) and calls this function with the bundle in
// force. It returns the JSON of `assay certificates validate --json`
// (service/json/certificate_validation_json.h) as an object, to which the handler adds
// "trust_state"; or an Error when the input is unusable (a CRL or OCSP response that does not
// parse: kMalformed, answered 400). Same threading rules as QualifyFn: worker thread, concurrent
// calls, no throwing, no references kept.
struct CertificateValidationInput {
  std::vector<engine::CertificatePtr> certificates;  // [0] is validated; the rest are candidates
  std::vector<std::string> crls;                     // DER
  std::vector<std::string> ocsp_responses;           // DER
  engine::UtcTime at{};
};
using ValidateCertificateFn = std::function<engine::Result<boost::json::value>(const TrustSnapshotBundle& bundle,
                                                                              const CertificateValidationInput& input)>;

// validate_certificate (validation/certificate_validator.h) with the default policy, anchors from
// the bundle's trusted lists (one TrustedListAnchors per snapshot, built on first use) and a
// revocation checker over the request's CRLs and OCSP responses. With `online` (`assay serve
// --online`; borrowed, must outlive the function) what the request does not settle is fetched
// (CRL distribution points, AIA OCSP, caIssuers), as `assay certificates validate --online`
// does; null: fetches nothing.
ValidateCertificateFn engine_validate_certificate(const validation::OnlineSource* online = nullptr);

// The same validation, answering the report itself (the DSS-compatible endpoint writes DSS's
// shapes from it, service/dss/dss_reports.h). engine_validate_certificate is this plus the JSON.
using ValidateCertificateReportFn = std::function<engine::Result<validation::CertificateValidationReport>(
    const TrustSnapshotBundle& bundle, const CertificateValidationInput& input)>;
ValidateCertificateReportFn engine_validate_certificate_report(const validation::OnlineSource* online = nullptr);
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// THE SIGNATURE VALIDATION SEAM (POST /api/v1/signatures/validation).
//
// The handler parses the request (JSON with base64 contents, or a multipart/form-data upload;
// anchors, CRLs and OCSP responses, a policy in TOML, the instant; count limits) and calls this
// function with the bundle in force. It returns the document's report, which the handler writes
// as the JSON of `assay validate --json` (service/json/signature_validation_json.h) plus
// "trust_state", or as the ETSI TS 119 102-2 XML; or an Error for an unusable document
// (kUnsupported / kMalformed: 422; kResourceExhausted: 413) or revocation data that does not
// parse (kMalformed with the context "revocation data": 400). Same threading rules as QualifyFn.
struct SignatureValidationInput {
  std::string document;
  std::vector<validation::DetachedFile> detached;
  std::vector<engine::CertificatePtr> anchors;                // explicit anchors, besides the lists
  std::vector<std::string> crls;                              // DER
  std::vector<std::string> ocsp_responses;                    // DER
  std::shared_ptr<const validation::ValidationPolicy> policy; // null: the default policy
  engine::UtcTime at{};
};
using ValidateSignaturesFn = std::function<engine::Result<validation::DocumentValidationReport>(
    const TrustSnapshotBundle& bundle, const SignatureValidationInput& input)>;

// validate_document (validation/document/document_validator.h) with anchors from the bundle's
// trusted lists (one TrustedListAnchors per snapshot) plus the request's, qualification from the
// bundle's snapshot, the real time-stamp validation, and a revocation checker over the
// signatures' embedded data and the request's CRLs and OCSP responses; with `online`, what those
// do not settle is fetched (as engine_validate_certificate); null: fetches nothing.
ValidateSignaturesFn engine_validate_signatures(const validation::OnlineSource* online = nullptr);
// ---------------------------------------------------------------------------------------------

class Metrics;

// Everything a handler may use. All members are either immutable or thread-safe; one Context is
// shared by every worker thread for the server's lifetime.
struct Context {
  const SnapshotHolder* snapshots = nullptr;           // required
  const engine::store::Store* store = nullptr;         // versions and diffs; null: those routes 503
  // The instant the readiness and "seconds since" checks use: the pinned trust time, else now.
  std::function<engine::UtcTime()> now;
  // Starts a refresh in the background; false when one is already queued. Null: refresh
  // disabled.
  std::function<bool()> trigger_refresh;
  std::string refresh_token;                           // empty: POST /api/v1/refresh answers 404
  double readiness_min_fraction = 0.9;
  QualifyFn qualify;                                   // null: POST /api/v1/qualification answers 501
  Metrics* metrics = nullptr;                          // /metrics; may be null in tests
  std::size_t max_certificates = 16;                   // per qualification / validation request
  // Any larger response body is replaced by a 500 "response_too_large" (the largest real
  // answer, a big national list as JSON, is a few MiB).
  std::size_t max_response_bytes = std::size_t{32} << 20;
  ValidateCertificateFn validate_certificate;          // null: POST /api/v1/certificates/validation answers 501
  std::size_t max_revocation_items = 16;               // CRLs + OCSP responses per validation request
  std::string openapi_yaml;                            // served at /api/v1/openapi.yaml
  ValidateSignaturesFn validate_signatures;            // null: POST /api/v1/signatures/validation answers 501
  // null: the DSS-compatible POST /services/rest/certificate-validation/validateCertificate answers 501
  ValidateCertificateReportFn validate_certificate_report;
  std::size_t max_detached_files = 16;                 // detached contents per signature validation request
  // `assay serve --audit-dir DIR`: the console's Audits page lists the evidence packages (*.asice)
  // in DIR. Empty: no folder (uploads only).
  std::string audit_dir;
};

}  // namespace assay::service::http
