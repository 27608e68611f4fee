#include "tsl/authentication.h"

#include "engine/xmldsig/findings.h"
#include "engine/xmldsig/verifier.h"
#include "tsl/finding_ids.h"

namespace assay::tsl {
namespace {

using engine::Severity;

void add(Authentication& a, const char* id, Severity severity, std::string message, std::string path = {}) {
  a.findings.push_back(engine::Finding{id, severity, std::move(message), std::move(path)});
}

Authentication rejected(Authentication a, AuthStatus status, std::string detail) {
  a.status = status;
  a.detail = std::move(detail);
  return a;
}

// TS 119 615: freshness is judged at the trust time but never rejects an authenticated list.
void add_freshness(Authentication& a, const TrustedList& list, engine::UtcTime trust_time) {
  const auto& s = list.scheme;
  if (s.next_update && *s.next_update < trust_time) {
    add(a, finding::kExpired, Severity::kWarning,
        "NextUpdate " + engine::format_utc_time(*s.next_update) + " has passed at the trust time " +
            engine::format_utc_time(trust_time),
        "/TrustServiceStatusList/SchemeInformation/NextUpdate");
  }
  if (s.issue_date_time && *s.issue_date_time > trust_time) {
    add(a, finding::kIssuedAfterTrustTime, Severity::kWarning,
        "ListIssueDateTime " + engine::format_utc_time(*s.issue_date_time) + " is after the trust time " +
            engine::format_utc_time(trust_time),
        "/TrustServiceStatusList/SchemeInformation/ListIssueDateTime");
  }
}

AuthStatus status_for_signature_reason(std::string_view reason) {
  namespace ids = engine::xmldsig::reason;
  if (reason == ids::kUnsigned) return AuthStatus::kUnsigned;
  if (reason == ids::kMultipleSignatures) return AuthStatus::kMultipleSignatures;
  return AuthStatus::kSignatureInvalid;
}

}  // namespace

std::string_view auth_status_name(AuthStatus status) noexcept {
  switch (status) {
    case AuthStatus::kAuthenticated: return "authenticated";
    case AuthStatus::kSignatureInvalid: return "signature_invalid";
    case AuthStatus::kUnsigned: return "unsigned";
    case AuthStatus::kMultipleSignatures: return "multiple_signatures";
    case AuthStatus::kSignerNotTrusted: return "signer_not_trusted";
    case AuthStatus::kPivotChainBroken: return "pivot_chain_broken";
    case AuthStatus::kMalformed: return "malformed";
    case AuthStatus::kUnsupportedVersion: return "unsupported_version";
    case AuthStatus::kTerritoryMismatch: return "territory_mismatch";
    case AuthStatus::kTypeMismatch: return "type_mismatch";
    case AuthStatus::kNotAvailable: return "not_available";
  }
  return "malformed";
}

engine::Result<LoadedList> load_list(std::string url, std::string bytes, const ParseOptions& options) {
  LoadedList out;
  out.url = std::move(url);
  out.bytes = std::make_shared<const std::string>(std::move(bytes));
  auto doc = engine::xml::Document::parse(*out.bytes, options.limits);
  if (!doc) return std::unexpected(doc.error());
  out.document = *doc;
  auto list = build_trusted_list(*out.document, *out.bytes);
  if (!list) return std::unexpected(list.error());
  out.list = *list;
  return out;
}

SignatureCheck check_signature(const LoadedList& loaded) {
  SignatureCheck c;
  if (!loaded.document) {
    c.failure = AuthStatus::kMalformed;
    c.detail = "the list could not be read";
    return c;
  }
  auto report = engine::xmldsig::verify_enveloped_signature(*loaded.document);
  if (!report) {
    c.detail = report.error().message();
    return c;
  }
  c.signer_sha256 = report->signer_sha256;
  c.signing_time = report->signing_time;
  c.findings = report->findings;
  c.signing_certificate_v2 = report->signing_certificate_form &&
                             *report->signing_certificate_form == engine::xmldsig::SigningCertificateForm::kV2;
  if (!report->valid()) {
    c.failure = status_for_signature_reason(report->reason);
    c.detail = report->message;
    return c;
  }
  // The verifier proved that the whole-document reference covers the root of this very tree,
  // which is the element build_trusted_list interpreted (signature-wrapping safe).
  auto signer = engine::Certificate::parse_der(report->signer_certificate);
  if (!signer) {
    c.detail = signer.error().message();
    return c;
  }
  c.signer = *signer;
  c.valid = true;
  return c;
}

Authentication judge_list(const LoadedList& loaded, const SignatureCheck& signature, const SignerSet& trusted,
                          engine::UtcTime trust_time, const Expectations& expected) {
  Authentication a;
  a.signer_sha256 = signature.signer_sha256;
  a.signing_time = signature.signing_time;
  a.findings = signature.findings;
  if (!signature.valid) return rejected(std::move(a), signature.failure, signature.detail);
  if (const auto& twice = loaded.list->ambiguous_elements; !twice.empty()) {
    // TS 119 612 Annex C allows each once; this reader takes the first, another may take the last.
    std::string names;
    for (const auto& n : twice) names += (names.empty() ? "" : ", ") + n;
    add(a, finding::kAmbiguousSignedValue, Severity::kError,
        "the signed list repeats " + names + "; which value it signs is ambiguous");
    return rejected(std::move(a), AuthStatus::kMalformed, "the signed list repeats " + names);
  }
  const engine::Certificate& signer = *signature.signer;
  a.signer_subject = signer.subject().rfc4514;
  const auto how = trusted.match(signer);
  if (!how) {
    add(a, finding::kSignerNotTrusted, Severity::kError,
        "signer " + a.signer_subject + " (" + a.signer_sha256 + ") is not among the " + std::to_string(trusted.size()) +
            " trusted certificates");
    return rejected(std::move(a), AuthStatus::kSignerNotTrusted,
                    "signature valid, but its signer " + a.signer_sha256 + " is not trusted for this list");
  }
  if (!signer.is_valid_at(trust_time)) {
    add(a, finding::kSignerExpiredAtTrustTime, Severity::kWarning,
        "the signer certificate is not valid at the trust time " + engine::format_utc_time(trust_time) + " (valid " +
            engine::format_utc_time(signer.not_before()) + " to " + engine::format_utc_time(signer.not_after()) + ")");
  }

  const auto& scheme = loaded.list->scheme;
  if (scheme.version != 5 && scheme.version != 6) {
    return rejected(std::move(a), AuthStatus::kUnsupportedVersion,
                    "TSLVersionIdentifier " + std::to_string(scheme.version) + " is not supported");
  }
  if (scheme.version == 6 && !signature.signing_certificate_v2) {
    add(a, finding::kV6WithoutSigningCertificateV2, Severity::kWarning,
        "a version 6 list should be signed with SigningCertificateV2");
  }
  if (!expected.territory.empty() && expected.territory != scheme.territory) {
    add(a, finding::kTerritoryMismatch, Severity::kError,
        "the list says territory " + scheme.territory + ", its pointer says " + expected.territory);
    return rejected(std::move(a), AuthStatus::kTerritoryMismatch,
                    "territory " + scheme.territory + " does not match the pointer's " + expected.territory);
  }
  if (!expected.tsl_type.empty() && expected.tsl_type != scheme.tsl_type) {
    add(a, finding::kTypeMismatch, Severity::kError,
        "the list says TSLType " + scheme.tsl_type + ", its pointer says " + expected.tsl_type);
    return rejected(std::move(a), AuthStatus::kTypeMismatch, "TSLType does not match the pointer's");
  }
  add_freshness(a, *loaded.list, trust_time);
  a.status = AuthStatus::kAuthenticated;
  a.detail = "signature valid; signer matched by " + *how;
  return a;
}

Authentication authenticate_list(const LoadedList& loaded, const SignerSet& trusted, engine::UtcTime trust_time,
                                 const Expectations& expected) {
  if (!loaded.document || !loaded.list) {
    Authentication a;
    return rejected(std::move(a), AuthStatus::kMalformed, "the list could not be read");
  }
  return judge_list(loaded, check_signature(loaded), trusted, trust_time, expected);
}

Expectations expectations_of(const OtherTslPointer& pointer) { return Expectations{pointer.territory, pointer.tsl_type}; }

Authentication authenticate_pointed_list(const LoadedList& loaded, const OtherTslPointer& pointer,
                                         engine::UtcTime trust_time) {
  return authenticate_list(loaded, SignerSet::from_der(pointer.signer_certificates_der), trust_time,
                           expectations_of(pointer));
}

}  // namespace assay::tsl
