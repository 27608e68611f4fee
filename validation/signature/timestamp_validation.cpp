// EN 319 102-1 5.4 time-stamp validation over the strict RFC 3161 reader of engine/cms.
#include "validation/signature/timestamp_validation.h"

#include <algorithm>

#include "engine/cms/cms_findings.h"
#include "engine/cms/timestamp_token.h"
#include "engine/x509/ocsp_response.h"
#include "tsl/qualification/explain.h"
#include "tsl/qualification/qualification.h"
#include "validation/crypto_constraints.h"

namespace assay::validation {
namespace {

namespace ids = engine::cms_findings;

constexpr std::string_view kOidTimeStamping = "1.3.6.1.5.5.7.3.8";  // RFC 3161 2.3 id-kp-timeStamping
constexpr std::string_view kOidExtendedKeyUsage = "2.5.29.37";
// Stable id (reports): the imprint was not compared (TimestampValidationContext::check_imprint).
constexpr std::string_view kImprintNotChecked = "tst.imprint.not_checked";

// Records a finding and, for the first failing check, the outcome (checks run in EN 319 102-1
// order so the first failure is the one a reader of the report expects).
struct Outcome {
  TimestampValidationReport& report;
  bool decided = false;

  void add(std::string_view id, std::string message, engine::Severity severity = engine::Severity::kError) {
    report.findings.push_back(engine::Finding{std::string(id), severity, std::move(message), "TimeStampToken"});
  }
  void fail(Indication indication, std::string_view subindication, std::string_view id, std::string message) {
    add(id, std::move(message));
    decide(indication, subindication);
  }
  // For checks whose findings were already recorded by the engine reader.
  void decide(Indication indication, std::string_view subindication) {
    if (decided) return;
    decided = true;
    report.indication = indication;
    report.subindication = std::string(subindication);
  }
};

// RFC 3161 2.3: the TSA certificate has exactly one EKU, id-kp-timeStamping, and it is critical.
void check_extended_key_usage(const engine::Certificate& tsa, Outcome& outcome) {
  const auto& ekus = tsa.extended_key_usages();
  if (std::find(ekus.begin(), ekus.end(), kOidTimeStamping) == ekus.end()) {
    outcome.fail(Indication::kIndeterminate, "CHAIN_CONSTRAINTS_FAILURE", ids::kTsaExtendedKeyUsage,
                 "the TSA certificate does not assert extended key usage id-kp-timeStamping (RFC 3161 2.3)");
    return;
  }
  const engine::Extension* ext = tsa.find_extension(kOidExtendedKeyUsage);
  if (ekus.size() != 1 || ext == nullptr || !ext->critical) {
    // Common among listed TSAs (the sample federation's too): reported, not decisive.
    outcome.add(ids::kTsaExtendedKeyUsage,
                "the TSA certificate's extended key usage is not exactly one critical id-kp-timeStamping (RFC 3161 2.3)",
                engine::Severity::kWarning);
  }
}

void check_ess_cert_id(const engine::cms::TimestampToken& token, const engine::Certificate& tsa, Outcome& outcome) {
  const auto& ref = token.signing_certificate();
  if (!ref) {
    const bool missing = token.signer().find_signed(engine::cms::kOidSigningCertificate) == nullptr &&
                         token.signer().find_signed(engine::cms::kOidSigningCertificateV2) == nullptr;
    outcome.fail(Indication::kIndeterminate, "FORMAT_FAILURE", missing ? ids::kEssCertIdMissing : ids::kEssCertIdMalformed,
                 token.signing_certificate_error() + " (RFC 3161 2.4.1, RFC 5816)");
    return;
  }
  using Match = engine::cms::EssCertId::Match;
  switch (ref->certs.front().match(tsa)) {
    case Match::kMatch: return;
    case Match::kUnsupportedHash:
      outcome.fail(Indication::kIndeterminate, "FORMAT_FAILURE", ids::kEssCertIdMalformed,
                   "the ESSCertID hash algorithm " + ref->certs.front().hash_algorithm_oid + " is not supported");
      return;
    case Match::kHashDiffers:
      outcome.fail(Indication::kIndeterminate, "NO_SIGNING_CERTIFICATE_FOUND", ids::kEssCertIdMismatch,
                   "the ESSCertID" + std::string(ref->version == 2 ? "v2" : "") +
                       " certHash is not the hash of the certificate that signed the token (EN 319 102-1 5.2.3)");
      return;
    case Match::kIssuerSerialDiffers:
      outcome.fail(Indication::kIndeterminate, "NO_SIGNING_CERTIFICATE_FOUND", ids::kEssCertIdMismatch,
                   "the ESSCertID issuerSerial does not name the certificate that signed the token (EN 319 102-1 5.2.3)");
      return;
  }
}

void qualify(const TimestampValidationContext& context, const std::vector<engine::CertificatePtr>& chain,
             TimestampValidationReport& report) {
  if (context.snapshot == nullptr || chain.empty()) {
    report.qualification_evidence = "no trusted lists were given: the time-stamp is not known to be qualified";
    return;
  }
  const auto q = tsl::qualify_timestamp(*context.snapshot, chain, *report.gen_time);
  report.qualified = q.qualified;
  std::string evidence;
  for (const auto& line : tsl::explain(q)) evidence += (evidence.empty() ? "" : " ") + line;
  report.qualification_evidence = std::move(evidence);
  if (!q.qualified) {
    report.findings.push_back(engine::Finding{std::string(ids::kNotQualified), engine::Severity::kInfo,
                                              "[" + q.rule.id + "] " + q.rule.text, "TimeStampToken"});
  }
}

}  // namespace

TimestampValidationReport validate_timestamp(std::string_view token_der, std::string_view covered_bytes,
                                             const TimestampValidationContext& context) {
  TimestampValidationReport report;
  Outcome outcome{report};
  report.token_sha256 = engine::sha256(token_der);

  // EN 319 102-1 5.2.2 format checking: a strict RFC 3161 / RFC 5652 reading.
  auto parsed = engine::cms::TimestampToken::parse_der(token_der);
  if (!parsed) {
    outcome.fail(Indication::kIndeterminate, "FORMAT_FAILURE", ids::kTokenMalformed, parsed.error().message());
    return report;
  }
  const engine::cms::TimestampToken& token = **parsed;
  const auto& info = token.tst_info();
  report.gen_time = info.gen_time;
  if (info.accuracy) report.accuracy = std::chrono::duration_cast<std::chrono::milliseconds>(info.accuracy->total());
  report.policy_oid = info.policy_oid;
  report.serial_hex = info.serial_hex;
  report.imprint_algorithm = info.imprint_algorithm.empty() ? info.imprint_algorithm_oid : info.imprint_algorithm;
  for (const auto& f : token.signer().findings) report.findings.push_back(f);

  // EN 319 102-1 5.4.2 / RFC 3161 2.4.2: the message imprint against the bytes this kind covers.
  const auto imprint = engine::digest_by_oid(info.imprint_algorithm_oid, covered_bytes);
  if (!context.check_imprint) {
    outcome.add(kImprintNotChecked,
                "the data this time-stamp covers is not computed by this validator; its messageImprint was not checked "
                "and it is not a proof of existence",
                engine::Severity::kWarning);
  } else if (!imprint) {
    outcome.fail(Indication::kIndeterminate, "FORMAT_FAILURE", ids::kImprintAlgorithm,
                 "messageImprint hash algorithm " + info.imprint_algorithm_oid + " is not supported");
  } else if (*imprint != info.hashed_message) {
    outcome.fail(Indication::kFailed, "HASH_FAILURE", ids::kImprintMismatch,
                 "the messageImprint is not the " + report.imprint_algorithm + " digest of the time-stamped data");
  } else {
    report.imprint_matches = true;
  }

  // 5.2.3 identification of the signing certificate: by sid, then the signature proves the key.
  const auto candidates = token.signed_data().find_signer_certificates(token.signer(), context.extra_certificates);
  engine::CertificatePtr tsa;
  engine::cms::SignerVerification verification;
  for (const auto& candidate : candidates) {
    verification = token.signed_data().verify(token.signer(), *candidate);
    tsa = candidate;
    if (verification.signature_ok) break;
  }
  if (!tsa) {
    outcome.fail(Indication::kIndeterminate, "NO_SIGNING_CERTIFICATE_FOUND", ids::kTsaCertificateNotFound,
                 "no certificate in the token or given with it matches the SignerInfo's sid");
    return report;
  }
  report.tsa_certificate = tsa;
  for (const auto& f : verification.findings) report.findings.push_back(f);
  // 5.2.7 cryptographic verification.
  // (The cms.* findings copied above say which check failed.)
  if (!verification.message_digest_ok || !verification.content_type_ok) outcome.decide(Indication::kFailed, "HASH_FAILURE");
  report.signature_valid = verification.signature_ok;
  if (!verification.signature_ok) outcome.decide(Indication::kFailed, "SIG_CRYPTO_FAILURE");
  check_ess_cert_id(token, *tsa, outcome);
  check_extended_key_usage(*tsa, outcome);
  if (info.unknown_critical_extension) {
    outcome.fail(Indication::kIndeterminate, "FORMAT_FAILURE", ids::kTokenMalformed,
                 "the TSTInfo carries a critical extension this validator does not process");
  }

  // 5.2.8 cryptographic constraints on the token's own signature and imprint, at genTime (later
  // proof of existence and the algorithm expiry at validation time are the caller's processes).
  const ValidationPolicy& policy = context.certificates.policy ? *context.certificates.policy : default_validation_policy();
  const std::string where = engine::to_hex(report.token_sha256);
  auto crypto = check_signature_crypto(token.signer().signature_algorithm.digest, tsa->public_key(), info.gen_time,
                                       policy.crypto, where);
  auto imprint_crypto = check_signature_crypto(info.imprint_algorithm, tsa->public_key(), info.gen_time, policy.crypto, where);
  for (const auto& f : crypto.findings) report.findings.push_back(f);
  // The imprint check repeats the key findings; keep only what it says about the digest.
  bool imprint_ok = true;
  for (const auto& f : imprint_crypto.findings) {
    if (!f.message.starts_with("digest ")) continue;
    report.findings.push_back(f);
    if (f.severity == engine::Severity::kError) imprint_ok = false;
  }
  if (!crypto.acceptable || !imprint_ok) {
    outcome.fail(Indication::kIndeterminate, "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", ids::kCryptoConstraints,
                 "the token's algorithms are not acceptable at genTime " + engine::format_utc_time(info.gen_time));
  }

  // 5.2.6 X.509 certificate validation of the TSA at genTime.
  CertificateValidationRequest request;
  request.at = info.gen_time;
  request.certificates.push_back(tsa);
  for (const auto* list : {&token.signed_data().certificates(), &context.extra_certificates}) {
    for (const auto& c : *list) {
      if (c && c->der() != tsa->der()) request.certificates.push_back(c);
    }
  }
  auto validated = validate_certificate(request, context.certificates);
  std::vector<engine::CertificatePtr> chain{tsa};
  if (!validated) {
    outcome.fail(Indication::kIndeterminate, "NO_CERTIFICATE_CHAIN_FOUND", ids::kTsaCertificateInvalid,
                 "the TSA certificate cannot be validated: " + validated.error().message());
  } else {
    report.tsa_validation = *validated;
    for (std::size_t i = 1; i < validated->path.size(); ++i) chain.push_back(validated->path[i].certificate);
    if (validated->indication != Indication::kPassed) {
      outcome.fail(validated->indication, subindication_name(validated->subindication), ids::kTsaCertificateInvalid,
                   "the TSA certificate is " + std::string(indication_name(validated->indication)) + " / " +
                       std::string(subindication_name(validated->subindication)) + " at genTime " +
                       engine::format_utc_time(info.gen_time));
    }
  }

  qualify(context, chain, report);
  if (!context.check_imprint) outcome.decide(Indication::kIndeterminate, "SIGNED_DATA_NOT_FOUND");
  if (!outcome.decided) {
    report.indication = Indication::kPassed;
    report.subindication.clear();
  }
  return report;
}

}  // namespace assay::validation
