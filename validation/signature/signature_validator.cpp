// The signature validation entry points: layered revocation data (the caller's and the
// signature's embedded CRLs / OCSP responses), time-stamps validated once, the processes in the
// order of EN 319 102-1 (basic → long-term → archival), the final indication and the
// qualification. The processes themselves are in processes.cpp, the blocks in building_blocks.cpp.
#include "validation/signature/signature_validator.h"

#include <algorithm>
#include <functional>

#include "validation/revocation/standard_revocation_checker.h"
#include "validation/signature/internal/blocks.h"
#include "validation/signature/signature_qualification.h"

namespace assay::validation {

namespace {

bool conclusive(const RevocationEvidence& e) {
  return e.status == RevocationState::kGood || e.status == RevocationState::kRevoked;
}

// Asks the signature's embedded revocation data first (the signer chose it for this signature),
// then the caller's; the first conclusive answer (good or revoked) wins.
//
// EN 319 102-1 5.2.5 / 5.2.6: embedded data stays acceptable after its nextUpdate; whether it is
// fresh enough is the revocation freshness checker's question (TRY_LATER at the current time,
// asked again at best-signature-time by 5.5.4). The standard checker leaves data past its
// nextUpdate unused, so when neither source answers at the validation time, the embedded data is
// asked again as of its own issuance times, newest first; that answer's nextUpdate then makes
// the certificate validation say TRY_LATER rather than "no revocation data".
class SignatureRevocation final : public RevocationChecker {
 public:
  SignatureRevocation(const StandardRevocationChecker& embedded, const RevocationChecker* caller)
      : embedded_(embedded), caller_(caller) {
    for (const auto& c : embedded.crls()) issued_.push_back(c->this_update());
    for (const auto& r : embedded.ocsp_responses()) {
      for (const auto& single : r->responses()) issued_.push_back(single.this_update);
    }
    std::sort(issued_.begin(), issued_.end(), std::greater<>());
    issued_.erase(std::unique(issued_.begin(), issued_.end()), issued_.end());
  }
  RevocationEvidence check(const RevocationQuery& query, const SignerPathValidator& validate_signer) const override {
    auto a = embedded_.check(query, validate_signer);
    if (conclusive(a)) return a;
    if (caller_ != nullptr) {
      auto b = caller_->check(query, validate_signer);
      if (conclusive(b)) return b;
      a.findings.insert(a.findings.end(), b.findings.begin(), b.findings.end());
    }
    for (const auto t : issued_) {
      if (t >= query.at) continue;
      RevocationQuery then{query};
      then.at = t;
      auto past = embedded_.check(then, validate_signer);
      if (conclusive(past)) {
        past.findings.insert(past.findings.begin(), a.findings.begin(), a.findings.end());
        return past;
      }
    }
    return a;
  }

 private:
  const StandardRevocationChecker& embedded_;
  const RevocationChecker* caller_;
  std::vector<engine::UtcTime> issued_;
};

MainIndication main_of(Indication i) {
  switch (i) {
    case Indication::kPassed: return MainIndication::kTotalPassed;
    case Indication::kFailed: return MainIndication::kTotalFailed;
    case Indication::kIndeterminate: break;
  }
  return MainIndication::kIndeterminate;
}

// Validates each embedded time-stamp once (EN 319 102-1 5.4): the TSA at genTime.
void validate_timestamps(const SignatureUnderValidation& signature, const SignatureValidationContext& context,
                         const RevocationChecker* revocation, SignatureValidationReport& report) {
  TimestampValidationContext ts;
  ts.certificates = context.certificates;
  ts.certificates.revocation = revocation;
  ts.snapshot = context.snapshot;
  ts.extra_certificates = signature.certificates;
  for (const auto& t : signature.timestamps) {
    TimestampResult r;
    r.kind = t.kind;
    r.id = t.id.empty() ? "#" + std::to_string(report.timestamps.size() + 1) : t.id;
    if (!context.validate_timestamp) {
      r.report.indication = Indication::kIndeterminate;
      r.report.subindication = "NO_POE";
      r.report.findings.push_back(engine::Finding{"signature.timestamp.not_validated", engine::Severity::kWarning,
                                                  "No time-stamp validator is configured; the time-stamp was not validated.", r.id});
    } else {
      ts.check_imprint = !t.imprint_not_computed;
      r.report = context.validate_timestamp(t.token_der, t.covered_bytes, ts);
    }
    // EN 319 102-1 5.4.2: what was time-stamped is no longer what is present; the reader's
    // finding (inserted below) names what changed.
    if (t.covered_data_altered && r.report.indication != Indication::kFailed) {
      r.report.indication = Indication::kFailed;
      r.report.subindication = "HASH_FAILURE";
      r.report.imprint_matches = false;
    }
    r.report.findings.insert(r.report.findings.begin(), t.findings.begin(), t.findings.end());
    report.timestamps.push_back(std::move(r));
  }
}

}  // namespace

SignatureValidationReport validate_signature(const SignatureUnderValidation& signature,
                                             const SignatureValidationContext& context) {
  SignatureValidationReport report;
  report.signature_id = signature.id;
  report.format = signature.format;
  report.level = signature.level;
  report.validation_time = context.at;
  report.best_signature_time = context.at;
  report.claimed_signing_time = signature.attributes.signing_time;
  report.attributes = signature.attributes;
  report.signing_certificate = signature.signing_certificate;
  report.signature_value_sha256 = signature.signature_value_sha256;
  report.scope = signature.scope;
  report.pdf = signature.pdf;
  const ValidationPolicy& policy =
      context.certificates.policy ? *context.certificates.policy : default_validation_policy();

  // Revocation data: the signature's own (RevocationValues, ...) layered over the caller's.
  std::unique_ptr<StandardRevocationChecker> embedded_data;
  std::optional<SignatureRevocation> layered;
  const RevocationChecker* revocation = context.certificates.revocation;
  std::string embedded_error;
  if (!signature.crls.empty() || !signature.ocsp_responses.empty()) {
    auto parsed = StandardRevocationChecker::from_der(signature.crls, signature.ocsp_responses);
    if (parsed) {
      embedded_data = std::move(*parsed);
      layered.emplace(*embedded_data, revocation);
      revocation = &*layered;
    } else {
      embedded_error = parsed.error().message();  // not used; the signature is judged on the rest
    }
  }

  validate_timestamps(signature, context, revocation, report);
  signature_internal::ProcessState state{signature, context, policy, revocation, report};
  auto basic = signature_internal::run_basic(state);
  if (!embedded_error.empty()) {
    basic.constraints.insert(basic.constraints.begin(),
                             ConstraintResult{"signature.basic.embedded_revocation_data", ConstraintStatus::kWarning,
                                              "The signature's embedded revocation data is unreadable and was not used: " +
                                                  embedded_error + "."});
  }
  report.processes.push_back(basic);
  // EN 319 102-1 5.5.4 step 2: an LTV that does not go on returns the basic status, which the
  // archival process (5.6.3.4 step 2) still takes up: NO_CERTIFICATE_CHAIN_FOUND_NO_POE,
  // REVOCATION_OUT_OF_BOUNDS_NO_POE and SIG_CONSTRAINTS_FAILURE are archival-only.
  BlockResult final_result = basic;
  if (auto ltv = signature_internal::run_ltv(state, basic)) final_result = *ltv;
  if (auto archival = signature_internal::run_archival(state, final_result)) final_result = *archival;
  report.indication = main_of(final_result.indication);
  report.subindication = final_result.indication == Indication::kPassed ? "" : final_result.subindication;

  // TS 119 172-4 qualification at best-signature-time and issuance (never changes the result).
  std::vector<engine::CertificatePtr> chain;
  if (signature.signing_certificate) chain.push_back(signature.signing_certificate);
  if (report.certificate) {
    for (const auto& e : report.certificate->path) {
      if (e.certificate && e.certificate != signature.signing_certificate) chain.push_back(e.certificate);
    }
  }
  report.qualification = qualify_signature(context.snapshot, chain, report.best_signature_time, report.indication);

  for (const auto& counter : signature.counter_signatures) {
    report.counter_signatures.push_back(validate_signature(counter, context));
  }
  return report;
}

DocumentValidationReport validate_signatures(std::span<const SignatureUnderValidation> signatures,
                                             const SignatureValidationContext& context) {
  DocumentValidationReport out;
  out.validation_time = context.at;
  out.policy = context.certificates.policy ? context.certificates.policy->name : default_validation_policy().name;
  for (const auto& s : signatures) out.signatures.push_back(validate_signature(s, context));
  return out;
}

}  // namespace assay::validation
