// Asking assay itself (assay_target.h): the same calls `assay validate`, `assay certificates
// validate` and `assay qualify` make, with the suite's trust and the case's files.
#include "service/audit/assay_target.h"

#include <boost/json.hpp>

#include <chrono>

#include "engine/file.h"
#include "engine/version.h"
#include "service/cli/certificate_inputs.h"
#include "service/json/certificate_validation_json.h"
#include "service/json/qualification_json.h"
#include "service/json/signature_validation_json.h"
#include "tsl/qualification/qualification.h"
#include "validation/certificate_validator.h"
#include "validation/document/document_validator.h"

namespace assay::service::audit {
namespace {

constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

std::vector<std::string> strings(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(p.string());
  return out;
}

void evidence(Observation& o, const std::string& case_id, const boost::json::object& json) {
  o.evidence.push_back({"evidence/" + case_id + "/response.json", boost::json::serialize(json)});
}

Observation service_error(std::string detail) {
  Observation o;
  o.status = Observation::Status::kServiceError;
  o.detail = std::move(detail);
  return o;
}

validation::CertificateValidationContext certificate_context(const SuiteTrust& trust) {
  validation::CertificateValidationContext context;
  if (!trust.explicit_anchors().anchors().empty()) context.anchors.push_back(&trust.explicit_anchors());
  if (trust.list_anchors() != nullptr) context.anchors.push_back(trust.list_anchors());
  context.policy = &trust.policy();
  return context;
}

Observation ask_signature(const SuiteTrust& trust, const SuiteCase& c) {
  auto document = engine::read_file(c.document, kMaxInputBytes);
  if (!document) return service_error(document.error().message());
  std::vector<validation::DetachedFile> detached;
  for (const auto& f : c.detached) {
    auto bytes = engine::read_file(f, kMaxInputBytes);
    if (!bytes) return service_error(bytes.error().message());
    detached.push_back({f.filename().string(), std::move(*bytes)});
  }
  auto checker = cli::make_revocation_checker(strings(c.crls), strings(c.ocsp));
  if (!checker) return service_error(checker.error().message());
  validation::SignatureValidationContext context;
  context.certificates = certificate_context(trust);
  if (!c.crls.empty() || !c.ocsp.empty()) context.certificates.revocation = checker->get();
  context.snapshot = trust.snapshot();
  context.at = c.at;
  auto report = validation::validate_document(*document, detached, context);
  if (!report) {
    // assay's answer to an unreadable document is an error, not an indication; the API says the same.
    return service_error(std::string(engine::code_name(report.error().code())) + ": " + report.error().message());
  }
  Observation o;
  evidence(o, c.id, json::signature_validation_json(*report, true));
  if (report->signatures.empty()) {
    o.status = Observation::Status::kNoSignature;
    o.detail = "no signature in the document";
    return o;
  }
  const auto& first = report->signatures.front();
  o.status = Observation::Status::kAnswered;
  o.indication = std::string(validation::main_indication_name(first.indication));
  o.subindication = first.subindication;
  o.qualification = first.qualification.label;
  return o;
}

engine::Result<std::vector<engine::CertificatePtr>> chain_of(const SuiteCase& c) {
  std::vector<engine::CertificatePtr> chain;
  for (const auto& f : c.certificates) {
    auto more = cli::read_certificates(f.string());
    if (!more) return std::unexpected(more.error());
    chain.insert(chain.end(), more->begin(), more->end());
  }
  return chain;
}

Observation ask_certificate(const SuiteTrust& trust, const SuiteCase& c) {
  auto chain = chain_of(c);
  if (!chain) return service_error(chain.error().message());
  auto checker = cli::make_revocation_checker(strings(c.crls), strings(c.ocsp));
  if (!checker) return service_error(checker.error().message());
  validation::CertificateValidationContext context = certificate_context(trust);
  context.revocation = checker->get();
  if (context.anchors.empty()) return service_error("the suite's trust setup gives no trust anchor");
  auto report = validation::validate_certificate({std::move(*chain), c.at}, context);
  if (!report) return service_error(report.error().message());
  Observation o;
  evidence(o, c.id, json::certificate_validation_json(*report));
  o.status = Observation::Status::kAnswered;
  o.indication = std::string(validation::indication_name(report->indication));
  o.subindication = std::string(validation::subindication_name(report->subindication));
  return o;
}

Observation ask_qualification(const SuiteTrust& trust, const SuiteCase& c) {
  if (trust.snapshot() == nullptr) return service_error("the suite's trust setup has no trusted lists to qualify with");
  auto chain = chain_of(c);
  if (!chain) return service_error(chain.error().message());
  if (chain->empty()) return service_error("no certificate in the case's files");
  const tsl::QualificationResult result = tsl::qualify(*trust.snapshot(), *chain, c.at);
  Observation o;
  evidence(o, c.id, json::qualification_json(result));
  o.status = Observation::Status::kAnswered;
  o.qualification = result.label;
  return o;
}

// The list state the case was answered with: the case's setup, then each list in force by
// territory, sequence and SHA-256 (the suite-level record does not cover it).
std::string trust_state_text(const CaseTrust& trust, const TrustStateRecord& record) {
  std::string out = "trust setup: " + trust.setup + "\ntrust time: " + record.trust_time + "\n";
  for (const auto& l : record.lists) out += l.territory + " #" + std::to_string(l.sequence) + " " + l.sha256 + "\n";
  return out;
}

}  // namespace

std::string AssayTarget::identity() const { return "assay " + std::string(engine::assay_version()) + " in-process"; }

engine::Result<std::shared_ptr<const SuiteTrust>> AssayTarget::trust_for(const Suite& suite, const SuiteCase& c) {
  if (!c.trust) return trust_;
  std::string key = c.trust->trust_time ? engine::format_utc_time(*c.trust->trust_time) : "-";
  for (const auto& m : c.trust->mirrors) key += "\n" + m.string();
  // Loading is serialised: a few distinct states per suite, each a handful of lists.
  std::lock_guard lock(case_trust_mutex_);
  if (auto it = case_trust_.find(key); it != case_trust_.end()) return it->second;
  auto opened = SuiteTrust::open(suite, *c.trust);
  if (!opened) return std::unexpected(opened.error());
  std::shared_ptr<const SuiteTrust> shared(std::move(*opened));
  case_trust_.emplace(key, shared);
  return shared;
}

Observation AssayTarget::ask(const Suite& suite, const SuiteCase& c) {
  const auto start = std::chrono::steady_clock::now();
  Observation o;
  auto trust = trust_for(suite, c);
  if (!trust) {
    o = service_error("the case's trust setup (" + c.trust->setup + ") could not be loaded: " + trust.error().message());
  } else {
    switch (c.question) {
      case Question::kSignature: o = ask_signature(**trust, c); break;
      case Question::kCertificate: o = ask_certificate(**trust, c); break;
      case Question::kQualification: o = ask_qualification(**trust, c); break;
    }
    if (c.trust) o.evidence.push_back({"evidence/" + c.id + "/trust-state.txt", trust_state_text(*c.trust, (*trust)->record())});
  }
  o.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return o;
}

}  // namespace assay::service::audit
