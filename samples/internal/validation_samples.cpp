#include "samples/internal/validation_samples.h"

#include <map>

#include "engine/base64.h"
#include "engine/x509/certificate_builder.h"
#include "engine/x509/revocation_builder.h"
#include "samples/scenarios.h"

namespace assay::samples {
namespace {

using engine::UtcTime;
using std::chrono::days;
using std::chrono::hours;
using Rev = ValidationCertificateSpec::Revocation;

std::string crl_file(const std::string& ca) { return "revocation/" + ca + ".crl"; }
std::string ca_file(const std::string& ca) { return "pki/" + ca + ".cer"; }

std::string tsv_row(std::initializer_list<std::string> cells) {
  std::string out;
  for (const auto& c : cells) {
    if (!out.empty()) out.push_back('\t');
    out += c;
  }
  return out + "\n";
}

}  // namespace

std::vector<ValidationCertificateSpec> validation_certificates() {
  return {
      {"valid-good", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", Rev::kNone, "",
       "never revoked, valid 2025-2027"},
      {"valid-revoked", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", Rev::kRevoked,
       "2025-10-01T00:00:00Z", "revoked 2025-10-01 (keyCompromise)"},
      {"valid-on-hold", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", Rev::kOnHold,
       "2025-12-01T00:00:00Z", "suspended since 2025-12-01 (certificateHold)"},
      {"valid-expired", "xa-qc-esig-ca", "2023-01-01T00:00:00Z", "2025-01-01T00:00:00Z", Rev::kNone, "",
       "expired 2025-01-01, never revoked"},
      {"valid-withdrawn-ca", "xa-qc-withdrawn-ca", "2024-01-01T00:00:00Z", "2027-01-01T00:00:00Z", Rev::kNone, "",
       "issued by a CA whose CA/QC service was withdrawn 2025-03-01"},
  };
}

// Written by hand from EN 319 102-1 5.2.6 and docs/certificate-validation.md, never computed.
// The default policy requires revocation data for the end entity; the CAs are trust anchors.
std::vector<ValidationExpectation> validation_expectations() {
  const std::string now = "2026-01-15T00:00:00Z";
  return {
      {"valid-good", now, "crl", "PASSED", "-", "good-crl"},
      {"valid-good", now, "ocsp", "PASSED", "-", "good-ocsp"},
      {"valid-good", now, "none", "INDETERMINATE", "CERTIFICATE_CHAIN_GENERAL_FAILURE", "revocation-required"},
      {"valid-revoked", now, "crl", "INDETERMINATE", "REVOKED_NO_POE", "revoked-crl"},
      {"valid-revoked", now, "ocsp", "INDETERMINATE", "REVOKED_NO_POE", "revoked-ocsp"},
      {"valid-revoked", "2025-06-01T00:00:00Z", "crl", "PASSED", "-", "revoked-after-validation-time"},
      {"valid-on-hold", now, "crl", "INDETERMINATE", "TRY_LATER", "on-hold-crl"},
      {"valid-on-hold", now, "ocsp", "INDETERMINATE", "TRY_LATER", "on-hold-ocsp"},
      {"valid-expired", now, "ocsp", "INDETERMINATE", "OUT_OF_BOUNDS_NOT_REVOKED", "expired-known-good"},
      {"valid-expired", now, "none", "INDETERMINATE", "OUT_OF_BOUNDS_NO_POE", "expired-status-unknown"},
      {"valid-expired", "2024-06-01T00:00:00Z", "ocsp", "PASSED", "-", "before-expiry"},
      {"valid-withdrawn-ca", now, "crl", "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE", "anchor-sunset"},
      {"valid-withdrawn-ca", "2024-06-01T00:00:00Z", "crl", "PASSED", "-", "anchor-before-sunset"},
  };
}

engine::Result<void> add_validation_samples(const Pki& pki, UtcTime now, const AddFile& add,
                                           const std::map<std::string, std::vector<engine::RevokedCertificate>>& other_revocations) {
  std::map<std::string, std::vector<engine::RevokedCertificate>> revoked_by_ca = other_revocations;
  std::map<std::string, engine::CertificatePtr> issued;
  std::string urls =
      "# url\tfile relative to this folder (CRL distribution points, AIA caIssuers and, as folders of pre-produced "
      "responses, AIA OCSP responders of validation/)\n";
  std::map<std::string, bool> cas;
  const auto specs = validation_certificates();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& s = specs[i];
    const auto ca = pki.authorities.find(s.issuer);
    if (ca == pki.authorities.end()) return engine::fail(engine::Code::kInternal, "validation table: unknown issuer " + s.issuer);
    auto nb = table_time(s.not_before);
    auto na = table_time(s.not_after);
    if (!nb || !na) return engine::fail(engine::Code::kInternal, "validation table: bad validity for " + s.id);
    engine::CertificateSpec spec;
    spec.subject = {{"C", "XA"}, {"O", "Sample Trust Services XA (not a real provider)"},
                    {"CN", "Sample " + s.id + " (not a real person or organisation)"}};
    static constexpr char kHex[] = "0123456789abcdef";
    spec.serial_hex = std::string("7") + kHex[(i >> 4) & 0xf] + kHex[i & 0xf];
    spec.not_before = *nb;
    spec.not_after = *na;
    spec.ca = false;
    spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature, engine::KeyUsageBit::kNonRepudiation});
    // RFC 5280 4.2.1.13 and 4.2.2.1: where the CRL, the OCSP responder and the issuer are.
    spec.crl_urls = {std::string(kBaseUrl) + crl_file(s.issuer)};
    spec.ocsp_urls = {std::string(kBaseUrl) + "ocsp/" + s.issuer};
    spec.ca_issuer_urls = {std::string(kBaseUrl) + ca_file(s.issuer)};
    auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
    if (!key) return std::unexpected(key.error());
    auto cert = engine::build_certificate(spec, key->public_key_der(), *ca->second.certificate, ca->second.key);
    if (!cert) return std::unexpected(std::move(cert.error()).with_context("issuing " + s.id));
    if (s.revocation != Rev::kNone) {
      auto at = table_time(s.revoked_at);
      if (!at) return std::unexpected(at.error());
      revoked_by_ca[s.issuer].push_back(
          {(*cert)->serial_hex(), *at,
           s.revocation == Rev::kOnHold ? engine::CrlReason::kCertificateHold : engine::CrlReason::kKeyCompromise});
    }
    add("validation/" + s.id + ".pem", to_pem(**cert) + to_pem(*ca->second.certificate),
        "end entity + issuing CA for certificate validation: " + s.summary);
    issued[s.id] = *cert;
    cas[s.issuer] = true;
  }

  for (const auto& [ca_id, unused] : cas) {
    (void)unused;
    const auto& ca = pki.authorities.at(ca_id);
    add(ca_file(ca_id), ca.certificate->der(), "DER certificate of " + ca_id + " (AIA caIssuers of validation/)");
    urls += tsv_row({std::string(kBaseUrl) + ca_file(ca_id), ca_file(ca_id)});
    urls += tsv_row({std::string(kBaseUrl) + crl_file(ca_id), crl_file(ca_id)});
    // The AIA OCSP responder: a folder of pre-produced responses, answered by CertID
    // (validation/online/mirror_online_source.h; an OCSP URL carries the request, so no file can
    // be named by it).
    urls += tsv_row({std::string(kBaseUrl) + "ocsp/" + ca_id, "revocation/"});
  }
  // The other CAs with a CRL (the signers' CAs): their distribution points too, so that a
  // validator fetching online through this map finds every CRL the federation publishes.
  for (const auto& [ca_id, unused] : other_revocations) {
    if (cas.emplace(ca_id, true).second) urls += tsv_row({std::string(kBaseUrl) + crl_file(ca_id), crl_file(ca_id)});
  }
  for (const auto& [ca_id, unused] : cas) {
    (void)unused;
    const auto& ca = pki.authorities.at(ca_id);
    engine::CrlSpec crl;
    crl.this_update = now - days(1);
    crl.next_update = now + days(7);
    crl.revoked = revoked_by_ca[ca_id];
    crl.crl_number = 42;
    auto der = engine::build_crl(crl, *ca.certificate, ca.key);
    if (!der) return std::unexpected(der.error());
    std::string what;
    for (const auto& r : crl.revoked) {
      what += (what.empty() ? "" : ", ") + r.serial_hex +
              (r.reason == engine::CrlReason::kCertificateHold ? " on hold" : " revoked") + " " +
              engine::format_utc_time(r.revocation_time).substr(0, 10);
    }
    add(crl_file(ca_id), std::move(*der), "CRL (DER) of " + ca_id + (what.empty() ? ": nothing revoked" : ": serials " + what));
  }

  // OCSP: xa-qc-esig-ca's certificates are answered by its delegated responder, the others by
  // their CA itself (RFC 6960 4.2.2.2).
  for (const auto& s : specs) {
    const auto& ca = pki.authorities.at(s.issuer);
    const bool delegated = s.issuer == "xa-qc-esig-ca";
    const auto& signer = delegated ? pki.authorities.at("xa-ocsp-responder") : ca;
    engine::OcspResponseSpec spec;
    spec.produced_at = now - hours(1);
    engine::OcspSingleResponse r;
    r.subject = issued.at(s.id).get();
    r.issuer = ca.certificate.get();
    r.this_update = now - hours(1);
    r.next_update = now + days(1);
    if (s.revocation != Rev::kNone) {
      r.status = engine::OcspCertStatus::kRevoked;
      r.revocation_time = *table_time(s.revoked_at);
      r.reason = s.revocation == Rev::kOnHold ? engine::CrlReason::kCertificateHold : engine::CrlReason::kKeyCompromise;
    }
    spec.responses = {r};
    auto der = engine::build_ocsp_response(spec, *signer.certificate, signer.key);
    if (!der) return std::unexpected(der.error());
    add("revocation/" + s.id + ".ocsp", std::move(*der),
        "OCSP response (DER) for validation/" + s.id + (delegated ? " from xa-ocsp-responder" : " from its CA"));
  }

  add("revocation-urls.tsv", urls,
      "URL -> file map of the CRL distribution points, caIssuers and OCSP responders (folders) of validation/");
  std::string expected = "certificate\tat\trevocation_data\tindication\tsubindication\trule\n";
  for (const auto& e : validation_expectations()) {
    expected += tsv_row({e.certificate, e.at, e.revocation_data, e.indication, e.subindication, e.rule});
  }
  add("expected-validation.tsv", expected,
      "expected certificate validation (EN 319 102-1) per certificate, instant and revocation data (literal table)");
  return {};
}

}  // namespace assay::samples
