#include "validation/crypto_constraints.h"

#include "validation/validation_findings.h"

namespace assay::validation {

namespace {

[[maybe_unused]] const AlgorithmConstraint* find(const std::vector<AlgorithmConstraint>& list, std::string_view name) {
  for (const auto& c : list) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string key_name(const engine::PublicKeyInfo& key) {
  if (key.algorithm == "RSASSA-PSS") return "RSA";
  return key.algorithm;
}

}  // namespace

CryptoCheck check_certificate_crypto(const engine::Certificate& certificate, const engine::PublicKeyInfo& issuer_key,
                                     engine::UtcTime at, const CryptoSettings& settings) {
  return check_algorithm_crypto(certificate.signature_algorithm().digest, issuer_key, at, settings,
                                certificate.fingerprint_hex());
}

CryptoCheck check_algorithm_crypto(const std::string& digest, const engine::PublicKeyInfo& issuer_key, engine::UtcTime at,
                                   const CryptoSettings& settings, const std::string& where) {
  CryptoCheck out;
  const auto severity = settings.apply_expiry ? engine::Severity::kError : engine::Severity::kWarning;
  const auto reject = [&](std::string_view id, std::string message, std::optional<engine::UtcTime> expiry) {
    out.findings.push_back(engine::Finding{std::string(id), severity, std::move(message), where});
    if (!settings.apply_expiry) return;
    out.acceptable = false;
    if (expiry && (!out.expiry || *expiry < *out.expiry)) out.expiry = expiry;
  };
  if (!digest.empty()) {  // EdDSA hashes internally
    const auto* c = find(settings.digests, digest);
    if (c == nullptr) {
      reject(findings::kAlgorithmUnknown, "digest " + digest + " is not an accepted algorithm", std::nullopt);
    } else if (c->expires && at >= *c->expires) {
      reject(findings::kAlgorithmExpired,
             "digest " + digest + " is not accepted after " + engine::format_utc_time(*c->expires), c->expires);
    }
  }
  // A key type may be listed several times with growing minimum sizes and expiry dates
  // (TS 119 312: RSA 1900 bits until a date, 3000 bits after): acceptable when one entry admits it.
  const std::string key = key_name(issuer_key);
  bool listed = false, big_enough = false, accepted = false;
  std::optional<engine::UtcTime> latest_expiry;
  for (const auto& k : settings.keys) {
    if (k.name != key) continue;
    listed = true;
    if (issuer_key.bits > 0 && issuer_key.bits < k.min_bits) continue;
    big_enough = true;
    if (!k.expires || at < *k.expires) {
      accepted = true;
    } else if (!latest_expiry || *k.expires > *latest_expiry) {
      latest_expiry = k.expires;
    }
  }
  if (!listed) {
    reject(findings::kAlgorithmUnknown, "key algorithm " + key + " is not an accepted algorithm", std::nullopt);
  } else if (!big_enough) {
    reject(findings::kKeyTooSmall, key + " key of " + std::to_string(issuer_key.bits) + " bits is below every accepted size",
           std::nullopt);
  } else if (!accepted) {
    reject(findings::kAlgorithmExpired,
           key + " keys of " + std::to_string(issuer_key.bits) + " bits are not accepted after " +
               engine::format_utc_time(*latest_expiry),
           latest_expiry);
  }
  return out;
}

}  // namespace assay::validation
