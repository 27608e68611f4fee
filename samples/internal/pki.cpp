#include "samples/internal/pki.h"

#include "engine/base64.h"
#include "engine/x509/certificate_builder.h"
#include "samples/scenarios.h"

namespace assay::samples {
namespace {

using engine::KeyUsageBit;
using engine::NameEntry;

constexpr const char* kTslSigning = "0.4.0.2231.3.0";  // id-tsl-kp-tslSigning (TS 119 612 5.7.1)
constexpr const char* kOcspSigning = "1.3.6.1.5.5.7.3.9";

std::string organisation(const std::string& territory) {
  if (territory == "EU") return "Sample European Commission (not a real institution)";
  return "Sample Trust Services " + territory + " (not a real provider)";
}

std::string hex_serial(unsigned prefix, std::size_t index) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  unsigned value = prefix * 0x1000u + static_cast<unsigned>(index);
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xfu];
  return out;
}

engine::Result<std::uint16_t> key_usage(const std::vector<std::string>& names) {
  std::uint16_t mask = 0;
  for (const auto& n : names) {
    const auto bit = engine::key_usage_from_name(n);
    if (!bit) return engine::fail(engine::Code::kInternal, "scenario table: unknown key usage " + n);
    mask = static_cast<std::uint16_t>(mask | (1u << static_cast<unsigned>(*bit)));
  }
  return mask;
}

std::string qc_type_oid(const std::string& t) {
  if (t == "esign") return std::string(engine::qc_oid::kTypeESign);
  if (t == "eseal") return std::string(engine::qc_oid::kTypeESeal);
  return std::string(engine::qc_oid::kTypeWeb);
}

engine::Result<KeyAndCertificate> issue(const engine::CertificateSpec& spec, const std::string& issuer_id, const Pki& pki) {
  auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  if (!key) return std::unexpected(key.error());
  engine::Result<engine::CertificatePtr> cert = std::unexpected(engine::Error(engine::Code::kInternal, ""));
  if (issuer_id.empty()) {
    cert = engine::build_self_signed(spec, *key);
  } else {
    const auto it = pki.authorities.find(issuer_id);
    if (it == pki.authorities.end()) return engine::fail(engine::Code::kInternal, "scenario table: unknown issuer " + issuer_id);
    cert = engine::build_certificate(spec, key->public_key_der(), *it->second.certificate, it->second.key);
  }
  if (!cert) return std::unexpected(std::move(cert.error()).with_context("issuing " + spec.subject.front().value));
  return KeyAndCertificate{std::move(*key), std::move(*cert)};
}

}  // namespace

engine::Result<engine::UtcTime> table_time(const std::string& text) {
  auto t = engine::parse_utc_time(text);
  if (!t) return engine::fail(engine::Code::kInternal, "scenario table: bad time '" + text + "'");
  return *t;
}

engine::Result<Pki> build_pki() {
  Pki pki;
  const auto all = authorities();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const AuthoritySpec& a = all[i];
    engine::CertificateSpec spec;
    spec.subject = {NameEntry{"C", a.territory}, NameEntry{"O", organisation(a.territory)}, NameEntry{"CN", a.common_name}};
    spec.serial_hex = hex_serial(0xa, i);
    using Kind = AuthoritySpec::Kind;
    if (a.kind == Kind::kRootCa) {
      spec.not_before = *table_time("2004-01-01T00:00:00Z");
      spec.not_after = *table_time("2040-01-01T00:00:00Z");
      spec.ca = true;
      spec.key_usage = engine::key_usage_bits({KeyUsageBit::kKeyCertSign, KeyUsageBit::kCrlSign});
    } else if (a.kind == Kind::kListSigner) {
      spec.not_before = *table_time("2019-01-01T00:00:00Z");
      spec.not_after = *table_time("2035-12-31T00:00:00Z");
      spec.ca = false;
      spec.key_usage = engine::key_usage_bits({KeyUsageBit::kDigitalSignature, KeyUsageBit::kNonRepudiation});
      spec.extended_key_usages = {kTslSigning};
    } else {
      spec.not_before = *table_time("2016-01-01T00:00:00Z");
      spec.not_after = *table_time("2036-01-01T00:00:00Z");
      spec.ca = false;
      spec.key_usage = engine::key_usage_bits({KeyUsageBit::kDigitalSignature});
      spec.extended_key_usages = {kOcspSigning};
      if (a.kind == Kind::kOcspResponder) {
        // RFC 6960 4.2.2.2.1: id-pkix-ocsp-nocheck (value NULL), so that a response signed by
        // this delegated responder needs no revocation data about the responder itself.
        spec.raw_extensions.push_back({"1.3.6.1.5.5.7.48.1.5", false, std::string("\x05\x00", 2)});
      }
    }
    auto issued = issue(spec, a.issuer, pki);
    if (!issued) return std::unexpected(issued.error());
    pki.authorities.emplace(a.id, std::move(*issued));
  }

  // The pivot-era certificates come last: the serials of the main scenarios stay as they were.
  auto scenarios = certificate_scenarios();
  for (auto& extra : pivot_era_scenarios()) scenarios.push_back(std::move(extra));
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const CertificateScenario& s = scenarios[i];
    const CertificateProfile& p = s.profile;
    const auto issuer = pki.authorities.find(s.issuer);
    if (issuer == pki.authorities.end()) return engine::fail(engine::Code::kInternal, "scenario table: unknown issuer " + s.issuer);
    engine::CertificateSpec spec;
    std::string territory;
    for (const auto& a : all) {
      if (a.id == s.issuer) territory = a.territory;
    }
    spec.subject = {NameEntry{"C", territory}, NameEntry{"O", organisation(territory)},
                    NameEntry{"CN", "Sample " + s.id + " (not a real person or organisation)"}};
    spec.serial_hex = hex_serial(0x1, i + 1);
    auto nb = table_time(p.not_before);
    auto na = table_time(p.not_after);
    if (!nb || !na) return engine::fail(engine::Code::kInternal, "scenario table: bad validity for " + s.id);
    spec.not_before = *nb;
    spec.not_after = *na;
    spec.ca = false;
    auto ku = key_usage(p.key_usage);
    if (!ku) return std::unexpected(ku.error());
    spec.key_usage = *ku;
    spec.extended_key_usages = p.extended_key_usage;
    spec.policies = p.policies;
    spec.crl_urls = {std::string(kBaseUrl) + "revocation/" + s.issuer + ".crl"};
    if (p.qc_compliance || p.qc_sscd || !p.qc_types.empty() || !p.cc_legislation.empty()) {
      engine::QcStatementsSpec qc;
      qc.compliance = p.qc_compliance;
      qc.sscd = p.qc_sscd;
      for (const auto& t : p.qc_types) qc.type_oids.push_back(qc_type_oid(t));
      qc.cc_legislation = p.cc_legislation;
      spec.qc_statements = qc;
    }
    auto issued = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
    if (!issued) return std::unexpected(issued.error());
    auto cert = engine::build_certificate(spec, issued->public_key_der(), *issuer->second.certificate, issuer->second.key);
    if (!cert) return std::unexpected(std::move(cert.error()).with_context("issuing " + s.id));
    pki.end_entities.emplace(s.id, KeyAndCertificate{std::move(*issued), std::move(*cert)});
  }
  return pki;
}

std::string to_pem(const engine::Certificate& certificate) {
  const std::string b64 = engine::base64_encode(certificate.der());
  std::string out = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  out += "-----END CERTIFICATE-----\n";
  return out;
}

}  // namespace assay::samples
