// The providers' certificates: every X509Certificate in a ServiceDigitalIdentity, current and
// history states (TS 119 612 5.5.3), checked against what the list says beside it, against the
// service type, against dated cryptographic rules and against the service status.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/digest.h"
#include "tsl/lint/internal/name_matching.h"
#include "tsl/lint/lint_ids.h"
#include "tsl/lint/rules.h"
#include "tsl/vocabulary.h"

namespace assay::tsl::lint {
namespace {

using engine::Certificate;
using engine::CertificatePtr;
using engine::Severity;
using namespace std::chrono;

constexpr std::string_view kEkuTimeStamping = "1.3.6.1.5.5.7.3.8";  // RFC 5280 4.2.1.12 id-kp-timeStamping
constexpr std::string_view kEkuOcspSigning = "1.3.6.1.5.5.7.3.9";   // RFC 5280 4.2.1.12 id-kp-OCSPSigning

// Dated cryptographic rules: from `unacceptable_from` on, a certificate relying on the mechanism
// is no longer acceptable. Sources:
// - RSA moduli below 2048 bits: ETSI TS 102 176-1 V2.0.0 (predecessor of ETSI TS 119 312) and
//   NIST SP 800-131A rev.1 disallow 1024-bit RSA signatures after 2010-12-31.
// - SHA-1 in certificate signatures: ETSI TS 119 312 V1.1.1 (2014) and the SOG-IS Agreed
//   Cryptographic Mechanisms list SHA-1 as legacy only; CA/Browser Forum BR 7.1.3 stopped SHA-1
//   issuance on 2016-01-01, the date used here.
struct CryptoRule {
  const char* what;
  sys_days unacceptable_from;
};
constexpr CryptoRule kWeakRsa{"RSA keys shorter than 2048 bits", sys_days{year{2011} / January / 1}};
constexpr CryptoRule kSha1Signature{"SHA-1 certificate signatures", sys_days{year{2016} / January / 1}};

std::string type_name(const ServiceState& s) { return std::string(vocabulary::short_name(s.type)); }

// Granted-equivalent for its own regime (TS 119 615): a pre-eIDAS status after eIDAS does not count.
bool granted(const ServiceState& s) {
  if (!s.status_starting_time || !vocabulary::is_granted_equivalent_status(s.status)) return false;
  return (vocabulary::status_regime(s.status) == vocabulary::Regime::kPostEidas) ==
         vocabulary::is_post_eidas(*s.status_starting_time);
}

std::string hex(std::string_view bytes) { return engine::to_hex({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}); }

class CertificateLinter {
 public:
  CertificateLinter(const TrustedList& list, const LintOptions& options, LintFindings& out)
      : list_(list), options_(options), out_(out) {}

  void run() {
    for (std::size_t t = 0; t < list_.tsps.size(); ++t) {
      const auto& services = list_.tsps[t].services;
      for (std::size_t v = 0; v < services.size(); ++v) {
        check_state(t, v, std::nullopt, services[v].current, true);
        for (std::size_t h = 0; h < services[v].history.size(); ++h) check_state(t, v, h, services[v].history[h], false);
      }
    }
  }

 private:
  // Parses each distinct DER once per list.
  const CertificatePtr* parse(const std::string& der) {
    auto [it, inserted] = parsed_.try_emplace(std::string_view(der));
    if (inserted) {
      auto c = Certificate::parse_der(der);
      if (c) it->second = *c;
    }
    return it->second ? &it->second : nullptr;
  }

  // One report per (rule, certificate, service): history states repeat the same certificate.
  void report(const char* finding_id, Severity severity, const char* rule, const std::string& path,
              const std::string& der, std::size_t t, std::size_t v, std::string value, std::string message) {
    const std::string key = std::string(finding_id) + "|" + std::to_string(t) + "/" + std::to_string(v) + "|" +
                            engine::sha256_hex(der);
    if (!reported_.insert(key).second) return;
    add_finding(out_, finding_id, severity, rule, path, std::move(value), std::move(message));
  }

  void check_state(std::size_t t, std::size_t v, std::optional<std::size_t> h, const ServiceState& s, bool current) {
    const auto& ids = s.identity.ids;
    std::vector<std::string> skis;
    std::vector<std::string> subjects;
    std::size_t certificates = 0;
    for (const auto& id : ids) {
      if (id.kind == DigitalId::Kind::kX509Ski) skis.push_back(id.ski);
      if (id.kind == DigitalId::Kind::kX509SubjectName) subjects.push_back(id.subject_name);
      if (id.kind == DigitalId::Kind::kX509Certificate) ++certificates;
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i].kind != DigitalId::Kind::kX509Certificate) continue;
      std::string path = state_path(list_, t, v, h) + "/ServiceDigitalIdentity/DigitalId";
      if (ids.size() > 1) path += "[" + std::to_string(i + 1) + "]";
      path += "/X509Certificate";
      const std::string& der = ids[i].certificate_der;
      const CertificatePtr* c = parse(der);
      if (!c) {
        auto error = Certificate::parse_der(der);
        report(id::kCertUnparsable, Severity::kError, "TS 119 612 5.5.3", path, der, t, v, hex(der.substr(0, 16)) + "...",
               "X509Certificate does not parse: " + (error ? std::string("?") : error.error().message()));
        continue;
      }
      const Context ctx{t, v, s, current, path, der};
      check_identity(ctx, **c, skis, subjects, certificates);
      check_type(ctx, **c);
      check_crypto(ctx, **c);
      check_validity(ctx, **c);
      check_organisation(ctx, **c);
      if (current) check_shared(ctx, **c);
    }
  }

  struct Context {
    std::size_t t, v;
    const ServiceState& state;
    bool current;
    const std::string& path;
    const std::string& der;
  };

  // TS 119 612 5.5.3: several DigitalIds of one identity describe the same key and name.
  void check_identity(const Context& x, const Certificate& c, const std::vector<std::string>& skis,
                      const std::vector<std::string>& subjects, std::size_t certificates) {
    if (!skis.empty() && c.subject_key_id() &&
        std::find(skis.begin(), skis.end(), *c.subject_key_id()) == skis.end()) {
      report(id::kCertSkiMismatch, Severity::kError, "TS 119 612 5.5.3", x.path, x.der, x.t, x.v, hex(skis.front()),
             "X509SKI " + hex(skis.front()) + " differs from the certificate's subject key identifier " +
                 hex(*c.subject_key_id()));
    }
    // With several certificates in one identity the subject name describes all of them; require
    // only that it matches when it is the single certificate's companion.
    if (!subjects.empty() && certificates == 1 &&
        std::none_of(subjects.begin(), subjects.end(),
                     [&](const std::string& s) { return internal::subject_names_match(s, c.subject()); })) {
      report(id::kCertSubjectMismatch, Severity::kError, "TS 119 612 5.5.3", x.path, x.der, x.t, x.v, subjects.front(),
             "X509SubjectName differs from the certificate's subject " + c.subject().rfc4514);
    }
  }

  // TS 119 612 5.5.3 / 5.5.1: the identity is the certificate that does the service's job.
  void check_type(const Context& x, const Certificate& c) {
    const std::string type = type_name(x.state);
    if (type == "CA/QC" || type == "NationalRootCA-QC") {
      // RFC 5280 4.2.1.3: without a keyUsage extension the key is not restricted.
      if (!c.is_ca() || (c.key_usage().present && !c.key_usage().has(engine::KeyUsageBit::kKeyCertSign))) {
        report(id::kCertNotCa, Severity::kError, "TS 119 612 5.5.3", x.path, x.der, x.t, x.v, c.subject().rfc4514,
               type + " service identified by a certificate that is not a CA certificate with keyCertSign (cA=" +
                   (c.is_ca() ? "true" : "false") + ")");
      }
      return;
    }
    // A CA certificate may identify a TSA or OCSP service (the CA issuing its units); only an
    // end-entity identity must be the unit itself.
    if (c.is_ca()) return;
    const auto& ekus = c.extended_key_usages();
    if ((type == "TSA/QTST" || type == "TSA") && std::find(ekus.begin(), ekus.end(), kEkuTimeStamping) == ekus.end()) {
      report(id::kCertNoTimeStampingEku, Severity::kError, "RFC 3161 2.3", x.path, x.der, x.t, x.v, c.subject().rfc4514,
             type + " service certificate lacks the timeStamping extended key usage (1.3.6.1.5.5.7.3.8)");
    }
    if (type.starts_with("Certstatus/OCSP") && std::find(ekus.begin(), ekus.end(), kEkuOcspSigning) == ekus.end()) {
      report(id::kCertNoOcspSigningEku, Severity::kError, "RFC 6960 4.2.2.2", x.path, x.der, x.t, x.v,
             c.subject().rfc4514, type + " service certificate lacks the OCSPSigning extended key usage (1.3.6.1.5.5.7.3.9)");
    }
  }

  // Error when the certificate is relied on now (current granted state, valid at trust time).
  Severity crypto_severity(const Context& x, const Certificate& c) const {
    return x.current && granted(x.state) && c.is_valid_at(options_.trust_time) ? Severity::kError : Severity::kWarning;
  }

  void check_crypto(const Context& x, const Certificate& c) {
    const auto& key = c.public_key();
    // Judged only when the certificate was still relied on after the rule's date.
    auto relied_on_after = [&](const CryptoRule& r) {
      return options_.trust_time >= r.unacceptable_from && c.not_after() >= r.unacceptable_from;
    };
    if (key.algorithm == "RSA" && key.bits > 0 && key.bits < 2048 && relied_on_after(kWeakRsa)) {
      report(id::kCertWeakRsaKey, crypto_severity(x, c), "ETSI TS 119 312", x.path, x.der, x.t, x.v,
             "RSA-" + std::to_string(key.bits),
             std::string(kWeakRsa.what) + " are unacceptable since " +
                 engine::format_utc_time(kWeakRsa.unacceptable_from) + "; certificate valid until " +
                 engine::format_utc_time(c.not_after()));
    }
    // A self-signed certificate's own signature protects nothing (trust comes from the list).
    const bool self_signed = c.subject().der == c.issuer().der;
    if (!self_signed && c.signature_algorithm().digest == "SHA-1" && relied_on_after(kSha1Signature)) {
      report(id::kCertSha1Signature, crypto_severity(x, c), "ETSI TS 119 312", x.path, x.der, x.t, x.v,
             c.signature_algorithm().name,
             std::string(kSha1Signature.what) + " are unacceptable since " +
                 engine::format_utc_time(kSha1Signature.unacceptable_from) + "; certificate valid until " +
                 engine::format_utc_time(c.not_after()));
    }
  }

  void check_validity(const Context& x, const Certificate& c) {
    if (!granted(x.state)) return;
    const UtcTime start = *x.state.status_starting_time;
    if (!c.is_valid_at(start)) {
      report(id::kCertNotValidAtStatusStart, Severity::kWarning, "TS 119 612 5.5.5", x.path, x.der, x.t, x.v,
             engine::format_utc_time(c.not_before()) + " .. " + engine::format_utc_time(c.not_after()),
             "certificate is not valid at the granted status' starting time " + engine::format_utc_time(start));
    }
    if (x.current && c.not_after() < options_.trust_time) {
      report(id::kCertExpiredWhileGranted, Severity::kWarning, "TS 119 612 5.5.4", x.path, x.der, x.t, x.v,
             engine::format_utc_time(c.not_after()),
             "certificate expired " + engine::format_utc_time(c.not_after()) + " while the service is still " +
                 std::string(vocabulary::short_name(x.state.status)) + " at the trust time");
    }
  }

  void check_organisation(const Context& x, const Certificate& c) {
    const auto o = c.subject().find("O");
    if (!o || internal::organisation_matches_provider(*o, list_.tsps[x.t])) return;
    report(id::kCertOrganisationMismatch, Severity::kWarning, "TS 119 612 5.4.1", x.path, x.der, x.t, x.v,
           std::string(*o), "certificate organisation '" + std::string(*o) + "' shares no word with the TSP name '" +
                                preferred(list_.tsps[x.t].names) + "'");
  }

  // One certificate, one job: the same certificate in services of different types or providers.
  void check_shared(const Context& x, const Certificate& c) {
    const std::string fingerprint = c.fingerprint_hex();
    const std::string type = type_name(x.state);
    auto [it, inserted] = first_use_.try_emplace(fingerprint, Use{x.t, x.v, type});
    if (inserted) return;
    const Use& first = it->second;
    if (first.t == x.t && first.type == type) return;  // same provider, same type: the parser's duplicate rule
    report(id::kCertSharedBetweenServices, Severity::kWarning, "TS 119 612 5.5.3", x.path, x.der, x.t, x.v, fingerprint,
           "certificate also identifies the " + first.type + " service " + service_path(list_, first.t, first.v) +
               (first.t == x.t ? "" : " of another provider"));
  }

  struct Use {
    std::size_t t, v;
    std::string type;
  };

  const TrustedList& list_;
  const LintOptions& options_;
  LintFindings& out_;
  std::unordered_map<std::string_view, CertificatePtr> parsed_;
  std::set<std::string> reported_;
  std::map<std::string, Use> first_use_;
};

}  // namespace

void check_certificates(const TrustedList& list, const LintOptions& options, LintFindings& out) {
  CertificateLinter(list, options, out).run();
}

}  // namespace assay::tsl::lint
