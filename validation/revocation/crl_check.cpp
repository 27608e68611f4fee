// RFC 5280 6.3.3 CRL processing: for each distribution point of the certificate, the complete
// CRLs in scope (issuer, IDP, reasons), their signers (the issuer, a separate CRL signing key or
// an indirect CRL issuer, each path validated through the SignerPathValidator), delta CRLs, and
// the entries (with certificateIssuer for indirect CRLs), until every reason is covered or the
// certificate is found revoked.
#include <algorithm>

#include "engine/x509/crl.h"
#include "validation/revocation/internal/revocation_common.h"
#include "validation/revocation/revocation_findings.h"

namespace assay::validation::revocation_internal {
namespace {

namespace rf = revocation_findings;
using engine::Crl;
using engine::CrlPtr;
using engine::DistributionPoint;
using engine::GeneralNames;

constexpr std::string_view kOidCrlDistributionPoints = "2.5.29.31";
constexpr std::string_view kOidIssuingDistributionPoint = "2.5.29.28";
constexpr std::string_view kOidExpiredCertsOnCrl = "2.5.29.60";  // X.509 (2016) 9.6.2.9

bool names_contain_directory(const GeneralNames& names, const engine::DistinguishedName& dn) {
  return std::any_of(names.begin(), names.end(),
                     [&](const auto& g) { return g.directory && engine::equivalent_names(*g.directory, dn); });
}

bool intersect(const GeneralNames& a, const GeneralNames& b) {
  for (const auto& x : a) {
    for (const auto& y : b) {
      if (engine::same_general_name(x, y)) return true;
    }
  }
  return false;
}

const engine::Extension* find_extension(const Crl& crl, std::string_view oid) {
  for (const auto& e : crl.extensions()) {
    if (e.oid == oid) return &e;
  }
  return nullptr;
}

std::string crl_label(const Crl& crl) {
  return "CRL " + engine::to_hex(crl.sha256()).substr(0, 16) + " by " + crl.issuer().rfc4514;
}

// RFC 5280 6.3.3 (b): is `crl` in scope for `dp` of `cert`? `interim` gets (d)'s reasons.
bool in_scope(const Crl& crl, const DistributionPoint& dp, const engine::Certificate& cert, engine::ReasonFlags& interim) {
  const auto& idp = crl.issuing_distribution_point();
  // (b)(1)
  if (!dp.crl_issuer.empty()) {
    if (!names_contain_directory(dp.crl_issuer, crl.issuer()) || !idp || !idp->indirect_crl) return false;
  } else if (!engine::equivalent_names(crl.issuer(), cert.issuer())) {
    return false;
  }
  // (b)(2)
  if (idp) {
    if (idp->name) {
      const GeneralNames idp_names = idp->name->resolve(crl.issuer());
      if (dp.name) {
        // nameRelativeToCRLIssuer in a DP is relative to its cRLIssuer, else to the cert issuer.
        const engine::DistinguishedName* base = &cert.issuer();
        for (const auto& g : dp.crl_issuer) {
          if (g.directory) base = &*g.directory;
        }
        if (!intersect(idp_names, dp.name->resolve(*base))) return false;
      } else if (dp.crl_issuer.empty() || !intersect(idp_names, dp.crl_issuer)) {
        return false;
      }
    }
    if (idp->only_user_certs && cert.is_ca()) return false;
    if (idp->only_ca_certs && !cert.is_ca()) return false;
    if (idp->only_attribute_certs) return false;
  }
  // (d)
  const engine::ReasonFlags dp_reasons = dp.reasons.value_or(engine::kAllReasons);
  const engine::ReasonFlags idp_reasons = idp && idp->only_some_reasons ? *idp->only_some_reasons : engine::kAllReasons;
  interim = static_cast<engine::ReasonFlags>(dp_reasons & idp_reasons);
  return true;
}

bool may_sign_crls(const engine::Certificate& c) {
  return !c.key_usage().present || c.key_usage().has(engine::KeyUsageBit::kCrlSign);
}

// RFC 5280 6.3.3 (f): who signed `crl`? The certificate's issuer itself (on the path already),
// or another certificate with the CRL issuer's name whose own path validates. Returns the signer
// (null with `by_anchor_key` when a name + key anchor signed it); nullopt when nobody did.
struct Signer {
  engine::CertificatePtr certificate;
  bool by_issuer_key = false;
};

// When a separate CRL signer's path fails: is the signer itself revoked by the data at hand?
// (Asked one level deeper, with its issuer among the known certificates.)
void report_if_signer_revoked(const engine::CertificatePtr& signer, const RevocationQuery& q,
                              std::span<const CrlPtr> crls, const SignerPathValidator& validate_signer,
                              engine::Findings& findings) {
  if (q.depth >= 2) return;
  for (const auto& up : q.known_certificates) {
    if (up.get() == signer.get() || !signer->issued_by_name(*up) || !signer->verify_signed_by(*up).value_or(false)) continue;
    RevocationQuery sq{*signer, up.get(), nullptr, q.at, q.depth + 1, q.known_certificates, {}};
    auto view = issuer_view(sq);
    if (!view) return;
    auto ev = check_crls(sq, *view, crls, validate_signer);
    if (ev.status == RevocationState::kRevoked) {
      add_finding(findings, rf::kCrlSignerRevoked, engine::Severity::kError,
                  "the CRL signing certificate " + signer->subject().rfc4514 + " was revoked at " +
                      engine::format_utc_time(ev.revocation_time, "an unknown time") +
                      (ev.reason.empty() ? "" : " (" + ev.reason + ")"),
                  engine::format_utc_time(ev.revocation_time, ""));
    }
    return;
  }
}

std::optional<Signer> find_signer(const Crl& crl, const RevocationQuery& q, const IssuerView& issuer,
                                  std::span<const CrlPtr> crls, const SignerPathValidator& validate_signer,
                                  engine::Findings& findings) {
  const std::string label = crl_label(crl);
  if (engine::equivalent_names(crl.issuer(), *issuer.name)) {
    if (issuer.certificate != nullptr && !may_sign_crls(*issuer.certificate)) {
      add_finding(findings, rf::kCrlSignerNotAuthorized, engine::Severity::kWarning,
                  label + ": the issuer's keyUsage lacks cRLSign");
    } else {
      auto ok = issuer.verified(crl);
      if (ok && *ok) {
        Signer s;
        s.by_issuer_key = true;
        // The signer is on the path being validated; keep a handle when one is known.
        for (const auto& c : q.known_certificates) {
          if (issuer.certificate != nullptr && c->sha256_fingerprint() == issuer.certificate->sha256_fingerprint()) s.certificate = c;
        }
        return s;
      }
    }
  }
  bool verified_any = false;
  int tried = 0;
  for (const auto& c : q.known_certificates) {
    if (issuer.certificate != nullptr && c->sha256_fingerprint() == issuer.certificate->sha256_fingerprint()) continue;
    if (!engine::equivalent_names(c->subject(), crl.issuer()) || !may_sign_crls(*c)) continue;
    if (++tried > kMaxSignerCandidates) {
      add_finding(findings, rf::kCrlSignatureInvalid, engine::Severity::kWarning,
                  label + ": more than " + std::to_string(kMaxSignerCandidates) +
                      " certificates carry the CRL issuer's name; the rest are not tried");
      break;
    }
    auto ok = crl.verify_signed_by(*c);
    if (!ok || !*ok) continue;
    verified_any = true;
    // A CRL issuer that signs the CRL covering itself (PKITS 4.14.30): its path is the one being
    // validated by whoever asked about it, so it is not validated again (that would not end).
    if (c->sha256_fingerprint() == q.certificate.sha256_fingerprint()) return Signer{c, false};
    std::string why;
    if (validate_signer && validate_signer(c, q.known_certificates, q.at, q.depth + 1, &why)) {
      return Signer{c, false};
    }
    add_finding(findings, rf::kCrlSignerPathInvalid, engine::Severity::kWarning,
                label + ": signer " + c->subject().rfc4514 + " has no valid path: " + why);
    report_if_signer_revoked(c, q, crls, validate_signer, findings);
  }
  if (!verified_any) {
    add_finding(findings, rf::kCrlSignatureInvalid, engine::Severity::kWarning,
                label + ": no key of an authorised CRL issuer verifies its signature");
  }
  return std::nullopt;
}

bool verify_with(const Crl& crl, const Signer& s, const IssuerView& issuer) {
  engine::Result<bool> ok = s.by_issuer_key ? issuer.verified(crl) : crl.verify_signed_by(*s.certificate);
  return ok && *ok;
}

// Entries of `crl` about `cert` (serial and, for indirect CRLs, certificate issuer; 5.3.3).
const engine::CrlEntry* find_entry(const Crl& crl, const engine::Certificate& cert) {
  const bool indirect = crl.issuing_distribution_point() && crl.issuing_distribution_point()->indirect_crl;
  for (const auto* e : crl.find(serial_contents(cert))) {
    if (!indirect || e->certificate_issuer < 0) {
      if (engine::equivalent_names(crl.issuer(), cert.issuer())) return e;
      continue;
    }
    if (names_contain_directory(crl.certificate_issuers()[static_cast<std::size_t>(e->certificate_issuer)], cert.issuer())) return e;
  }
  return nullptr;
}

bool same_scope(const Crl& delta, const Crl& base) {
  if (!engine::equivalent_names(delta.issuer(), base.issuer())) return false;
  const auto* a = find_extension(delta, kOidIssuingDistributionPoint);
  const auto* b = find_extension(base, kOidIssuingDistributionPoint);
  if ((a == nullptr) != (b == nullptr)) return false;
  if (a != nullptr && a->value != b->value) return false;
  // RFC 5280 5.2.4: the delta's base must not be newer than the complete CRL.
  if (!delta.delta_base() || !base.crl_number()) return false;
  return engine::compare_crl_numbers(*delta.delta_base(), *base.crl_number()) <= 0 &&
         (!delta.crl_number() || engine::compare_crl_numbers(*delta.crl_number(), *base.crl_number()) > 0);
}

// Preference: in force at T, newest first; then issued after T, newest first. Stale CRLs are
// dropped with a finding.
std::vector<const Crl*> usable_in_order(std::span<const CrlPtr> crls, bool deltas, engine::UtcTime at,
                                        const engine::Certificate& cert, engine::Findings& findings) {
  std::vector<const Crl*> out;
  for (const auto& c : crls) {
    if (c->is_delta() != deltas) continue;
    if (timeliness(c->this_update(), c->next_update(), at) == Timeliness::kStale) {
      if (engine::equivalent_names(c->issuer(), cert.issuer())) {
        add_finding(findings, rf::kCrlStale, engine::Severity::kWarning,
                    crl_label(*c) + ": nextUpdate " + engine::format_utc_time(*c->next_update()) +
                        " is before the validation time");
      }
      continue;
    }
    out.push_back(c.get());
  }
  std::stable_sort(out.begin(), out.end(), [&](const Crl* a, const Crl* b) {
    const bool fa = timeliness(a->this_update(), a->next_update(), at) == Timeliness::kInForce;
    const bool fb = timeliness(b->this_update(), b->next_update(), at) == Timeliness::kInForce;
    if (fa != fb) return fa;
    return a->this_update() > b->this_update();
  });
  return out;
}

void fill_from(RevocationEvidence& ev, const Crl& crl, const Crl* delta, const Signer& s) {
  ev.source = delta ? "crl+delta" : "crl";
  ev.sha256 = crl.sha256();
  if (delta) ev.delta_sha256 = delta->sha256();
  ev.this_update = delta ? delta->this_update() : crl.this_update();
  ev.next_update = delta ? delta->next_update() : crl.next_update();
  ev.signer = s.certificate;
}

}  // namespace

RevocationEvidence check_crls(const RevocationQuery& q, const IssuerView& issuer, std::span<const CrlPtr> crls,
                              const SignerPathValidator& validate_signer) {
  RevocationEvidence ev;
  const engine::Certificate& cert = q.certificate;
  std::vector<DistributionPoint> dps;
  // Delta CRLs in the complete CRL's scope are used whether or not freshestCRL points to them
  // (RFC 5280 6.3.3 (c) with use-deltas set).
  for (const auto& e : cert.extensions()) {
    if (e.oid != kOidCrlDistributionPoints) continue;
    if (auto parsed = engine::parse_distribution_points(e.value)) dps = std::move(*parsed);
  }
  // RFC 5280 6.3.3: without cRLDistributionPoints the certificate issuer is the one point.
  if (dps.empty()) dps.emplace_back();

  const auto completes = usable_in_order(crls, false, q.at, cert, ev.findings);
  const auto deltas = usable_in_order(crls, true, q.at, cert, ev.findings);
  engine::ReasonFlags reasons_mask = 0;
  bool any_considered = false;
  bool any_same_issuer = false;
  for (const auto& dp : dps) {
    for (const Crl* crl : completes) {
      if (engine::equivalent_names(crl->issuer(), cert.issuer())) any_same_issuer = true;
      engine::ReasonFlags interim = 0;
      if (!in_scope(*crl, dp, cert, interim)) continue;
      any_considered = true;
      if (crl->unknown_critical_extension() || crl->unknown_critical_entry_extension()) {
        add_finding(ev.findings, rf::kCrlUnknownCriticalExtension, engine::Severity::kWarning,
                    crl_label(*crl) + ": carries a critical extension that is not processed; not used");
        continue;
      }
      if ((interim & ~reasons_mask) == 0) continue;  // (e): adds no reason
      auto signer = find_signer(*crl, q, issuer, crls, validate_signer, ev.findings);
      if (!signer) continue;
      // (c), (g): a delta CRL in the same scope, verified with the same key.
      const Crl* delta = nullptr;
      bool delta_rejected = false;
      for (const Crl* d : deltas) {
        if (!same_scope(*d, *crl)) continue;
        if (d->unknown_critical_extension() || d->unknown_critical_entry_extension() || !verify_with(*d, *signer, issuer)) {
          delta_rejected = true;
          continue;
        }
        delta = d;
        break;
      }
      if (!delta) {
        // A delta that applies but is stale leaves the complete CRL out of date (PKITS 4.15.10).
        for (const auto& d : crls) {
          if (d->is_delta() && same_scope(*d, *crl) &&
              timeliness(d->this_update(), d->next_update(), q.at) == Timeliness::kStale) {
            delta_rejected = true;
          }
        }
      }
      if (!delta && delta_rejected) {
        add_finding(ev.findings, rf::kCrlDeltaUnusable, engine::Severity::kWarning,
                    crl_label(*crl) + ": its delta CRL is stale or does not verify; status not determined from it");
        continue;
      }
      // (h), (i)
      const engine::CrlEntry* entry = delta ? find_entry(*delta, cert) : nullptr;
      const Crl* listed_in = delta;
      if (entry == nullptr) {
        entry = find_entry(*crl, cert);
        listed_in = crl;
      }
      // RFC 5280 3.3: an entry may leave the CRL once the certificate has expired, so a CRL
      // issued after notAfter that does not list it says nothing about it, unless it declares
      // that it keeps expired certificates (ExpiredCertsOnCRL).
      if (entry == nullptr && cert.not_after() < (delta ? delta->this_update() : crl->this_update()) &&
          find_extension(*crl, kOidExpiredCertsOnCrl) == nullptr) {
        add_finding(ev.findings, rf::kCrlExpiredCertificateNotCovered, engine::Severity::kWarning,
                    crl_label(*crl) + ": issued after the certificate expired and does not keep expired "
                                      "certificates (no ExpiredCertsOnCRL); not used");
        continue;
      }
      fill_from(ev, *crl, delta, *signer);
      if (entry != nullptr && entry->reason != engine::CrlReason::kRemoveFromCrl) {
        if (entry->revocation_date > q.at) {
          add_finding(ev.findings, rf::kRevokedAfterTime, engine::Severity::kInfo,
                      "listed on " + crl_label(*listed_in) + " as revoked from " +
                          engine::format_utc_time(entry->revocation_date) + ", after the validation time");
          ev.revocation_time = entry->revocation_date;
        } else {
          ev.status = RevocationState::kRevoked;
          ev.revocation_time = entry->revocation_date;
          ev.reason = std::string(engine::crl_reason_name(entry->reason.value_or(engine::CrlReason::kUnspecified)));
          return ev;
        }
      }
      reasons_mask = static_cast<engine::ReasonFlags>(reasons_mask | interim);
      if (reasons_mask == engine::kAllReasons) {
        ev.status = RevocationState::kGood;
        return ev;
      }
    }
  }
  if (reasons_mask != 0) {
    add_finding(ev.findings, rf::kCrlReasonsIncomplete, engine::Severity::kWarning,
                "the CRLs in scope do not cover every revocation reason");
  } else if (!any_considered && any_same_issuer) {
    add_finding(ev.findings, rf::kCrlOutOfScope, engine::Severity::kWarning,
                "CRLs by " + cert.issuer().rfc4514 + " exist but none covers this certificate's distribution point");
  }
  ev.status = (any_considered || any_same_issuer || !ev.findings.empty()) ? RevocationState::kUnknown
                                                                          : RevocationState::kNotChecked;
  ev.source = any_considered ? "crl" : "";
  return ev;
}

}  // namespace assay::validation::revocation_internal
