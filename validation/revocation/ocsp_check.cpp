// RFC 6960 response checking: the SingleResponse whose CertID hashes this certificate's issuer
// name and key, signed by the CA itself or by a delegated responder certificate issued by the CA
// with id-kp-OCSPSigning (4.2.2.2), whose path is validated through the SignerPathValidator
// (id-pkix-ocsp-nocheck is honoured there, see StandardRevocationChecker).
#include <algorithm>

#include "engine/x509/ocsp_response.h"
#include "validation/revocation/internal/revocation_common.h"
#include "validation/revocation/revocation_findings.h"

namespace assay::validation::revocation_internal {
namespace {

namespace rf = revocation_findings;
using engine::OcspResponse;

constexpr std::string_view kOidOcspSigning = "1.3.6.1.5.5.7.3.9";

std::string response_label(const OcspResponse& r) {
  return "OCSP response " + engine::to_hex(r.sha256()).substr(0, 16);
}

// RFC 6960 4.2.2.2: the signer is the CA (its name or key in responderID) or a certificate the
// CA issued for OCSP signing. Returns the signing certificate (null when the CA key signed);
// nullopt with findings otherwise.
std::optional<engine::CertificatePtr> authorised_signer(const OcspResponse& r, const RevocationQuery& q,
                                                         const IssuerView& issuer, const SignerPathValidator& validate_signer,
                                                         engine::Findings& findings) {
  const std::string label = response_label(r);
  if (r.responder_matches(*issuer.name, issuer.spki)) {
    auto ok = issuer.certificate != nullptr ? r.verify_signed_by(*issuer.certificate) : r.verify_signed_by_key(issuer.spki);
    if (ok && *ok) return engine::CertificatePtr();
    add_finding(findings, rf::kOcspSignatureInvalid, engine::Severity::kWarning,
                label + ": signed in the name of the CA but the CA's key does not verify it");
    return std::nullopt;
  }
  std::vector<engine::CertificatePtr> candidates(r.certificates().begin(), r.certificates().end());
  candidates.insert(candidates.end(), q.known_certificates.begin(), q.known_certificates.end());
  bool matched = false;
  for (const auto& c : candidates) {
    if (!r.responder_matches(*c)) continue;
    matched = true;
    auto sig = r.verify_signed_by(*c);
    if (!sig || !*sig) {
      add_finding(findings, rf::kOcspSignatureInvalid, engine::Severity::kWarning,
                  label + ": the key of responder " + c->subject().rfc4514 + " does not verify the response");
      continue;
    }
    const auto& eku = c->extended_key_usages();
    const bool ocsp_signing = std::find(eku.begin(), eku.end(), kOidOcspSigning) != eku.end();
    auto issued = engine::equivalent_names(c->issuer(), *issuer.name)
                      ? (issuer.certificate != nullptr ? c->verify_signed_by(*issuer.certificate)
                                                       : engine::verify_certificate_signature(*c, issuer.spki))
                      : engine::Result<bool>(false);
    if (!ocsp_signing || !issued || !*issued) {
      add_finding(findings, rf::kOcspResponderNotAuthorized, engine::Severity::kWarning,
                  label + ": responder " + c->subject().rfc4514 +
                      (ocsp_signing ? " is not a certificate issued by the CA that issued the certificate"
                                    : " lacks id-kp-OCSPSigning"));
      continue;
    }
    std::string why;
    std::vector<engine::CertificatePtr> extra(q.known_certificates.begin(), q.known_certificates.end());
    extra.insert(extra.end(), r.certificates().begin(), r.certificates().end());
    if (validate_signer && validate_signer(c, extra, q.at, q.depth + 1, &why)) return c;
    add_finding(findings, rf::kOcspResponderPathInvalid, engine::Severity::kWarning,
                label + ": responder " + c->subject().rfc4514 + " has no valid path: " + why);
  }
  if (!matched) {
    add_finding(findings, rf::kOcspResponderNotFound, engine::Severity::kWarning,
                label + ": no certificate matches its responderID");
  }
  return std::nullopt;
}

}  // namespace

RevocationEvidence check_ocsp(const RevocationQuery& q, const IssuerView& issuer,
                              std::span<const engine::OcspResponsePtr> responses,
                              const SignerPathValidator& validate_signer) {
  RevocationEvidence ev;
  const std::string_view serial = serial_contents(q.certificate);
  struct Candidate {
    const OcspResponse* response;
    const engine::OcspSingle* single;
  };
  std::vector<Candidate> candidates;
  bool any_about = false;
  for (const auto& r : responses) {
    if (r->response_status() != engine::OcspResponseStatus::kSuccessful) {
      add_finding(ev.findings, rf::kOcspResponseStatus, engine::Severity::kWarning,
                  response_label(*r) + ": responder answered " +
                      std::string(engine::ocsp_response_status_name(r->response_status())));
      any_about = true;
      continue;
    }
    for (const auto& s : r->responses()) {
      switch (s.cert_id.match(serial, issuer.name->der, issuer.spki)) {
        case engine::CertIdMatch::kMatch: break;
        case engine::CertIdMatch::kSerialDiffers: continue;
        case engine::CertIdMatch::kIssuerNameHashDiffers:
        case engine::CertIdMatch::kIssuerKeyHashDiffers:
        case engine::CertIdMatch::kUnsupportedHash: {
          any_about = true;
          const auto m = s.cert_id.match(serial, issuer.name->der, issuer.spki);
          add_finding(ev.findings, rf::kOcspCertIdMismatch, engine::Severity::kWarning,
                      response_label(*r) + ": CertID for this serial has " +
                          (m == engine::CertIdMatch::kIssuerNameHashDiffers  ? "another issuer name hash"
                           : m == engine::CertIdMatch::kIssuerKeyHashDiffers ? "another issuer key hash"
                                                                              : "an unsupported hash algorithm"));
          continue;
        }
      }
      any_about = true;
      if (s.unknown_critical_extension || r->unknown_critical_extension()) {
        add_finding(ev.findings, rf::kOcspUnknownCriticalExtension, engine::Severity::kWarning,
                    response_label(*r) + ": carries a critical extension that is not processed; not used");
        continue;
      }
      if (timeliness(s.this_update, s.next_update, q.at) == Timeliness::kStale) {
        add_finding(ev.findings, rf::kOcspStale, engine::Severity::kWarning,
                    response_label(*r) + ": nextUpdate " + engine::format_utc_time(*s.next_update) +
                        " is before the validation time");
        continue;
      }
      candidates.push_back({r.get(), &s});
    }
  }
  // In force at T first, newest first; then issued after T (RFC 6960 4.2.2.1 "sufficiently recent"
  // is the policy's freshness rule, applied by the path validator).
  std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    const bool fa = timeliness(a.single->this_update, a.single->next_update, q.at) == Timeliness::kInForce;
    const bool fb = timeliness(b.single->this_update, b.single->next_update, q.at) == Timeliness::kInForce;
    if (fa != fb) return fa;
    return a.single->this_update > b.single->this_update;
  });
  for (const auto& c : candidates) {
    auto signer = authorised_signer(*c.response, q, issuer, validate_signer, ev.findings);
    if (!signer) continue;
    const auto& s = *c.single;
    ev.source = "ocsp";
    ev.sha256 = c.response->sha256();
    ev.this_update = s.this_update;
    ev.next_update = s.next_update;
    ev.produced_at = c.response->produced_at();
    ev.signer = *signer;
    if (s.status == engine::OcspCertStatus::kUnknown) {
      add_finding(ev.findings, rf::kOcspStatusUnknown, engine::Severity::kWarning,
                  response_label(*c.response) + ": the responder does not know this certificate");
      ev.status = RevocationState::kUnknown;
      continue;
    }
    if (s.status == engine::OcspCertStatus::kRevoked) {
      ev.revocation_time = s.revocation_time;
      ev.reason = std::string(engine::crl_reason_name(s.reason.value_or(engine::CrlReason::kUnspecified)));
      if (s.revocation_time && *s.revocation_time > q.at) {
        add_finding(ev.findings, rf::kRevokedAfterTime, engine::Severity::kInfo,
                    "revoked from " + engine::format_utc_time(*s.revocation_time) + ", after the validation time");
        ev.status = RevocationState::kGood;
        return ev;
      }
      ev.status = RevocationState::kRevoked;
      return ev;
    }
    ev.status = RevocationState::kGood;
    ev.revocation_time.reset();
    ev.reason.clear();
    return ev;
  }
  ev.status = any_about ? RevocationState::kUnknown : RevocationState::kNotChecked;
  return ev;
}

}  // namespace assay::validation::revocation_internal
