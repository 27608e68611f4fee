#include "engine/x509/certificate.h"

#include <algorithm>
#include <unordered_set>

#include "engine/x509/internal/decode_cache.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/internal/extensions.h"
#include "engine/x509/internal/openssl_util.h"
#include "engine/x509/internal/signature_check.h"
#include "engine/x509/internal/verdict_cache.h"
#include "engine/x509/signature_memo.h"
#include "engine/x509/x509_findings.h"

namespace assay::engine {

struct Certificate::OpenSslState {
  ossl::X509Ptr x509;
  ossl::EvpPkeyPtr key;
  SignatureMemo memo;  // verdicts of verify_signed_by* per issuer key (signature_memo.h)
};

namespace {

// A verdict on this certificate's signature under `spki`: the instance's own memo first, then the
// process-wide table (verdict_cache.h), which a fresh parse of the same bytes shares.
template <class State>
std::optional<bool> known_verdict(State& state, const Sha256& fingerprint, std::string_view spki) {
  if (auto known = state.memo.find(spki)) return known;
  auto known = ossl::find_certificate_verdict(fingerprint, spki);
  if (known) state.memo.remember(spki, *known);
  return known;
}

// Keeps a definite verdict in both (a check that could not be made is not a verdict).
template <class State>
void remember_verdict(State& state, const Sha256& fingerprint, std::string_view spki, const Result<bool>& verdict) {
  if (!verdict) return;
  state.memo.remember(spki, *verdict);
  ossl::remember_certificate_verdict(fingerprint, spki, *verdict);
}

using namespace x509_internal;

constexpr std::array<std::string_view, 9> kKeyUsageNames{
    "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
    "keyCertSign",      "cRLSign",        "encipherOnly",    "decipherOnly"};

void finding(Findings& f, std::string_view id, Severity severity, std::string message, std::string_view path) {
  f.push_back(Finding{std::string(id), severity, std::move(message), std::string(path)});
}

// The number of DER elements in `contents`, counting no further than `stop`.
std::size_t count_elements(std::string_view contents, std::size_t stop) {
  der::Reader r(contents);
  std::size_t n = 0;
  der::Tlv t;
  while (n < stop && !r.empty() && r.next(t)) ++n;
  return n;
}

// Entry caps of list-valued extensions (issue 21); 0: not a capped list. Real certificates carry
// a handful of policies, EKUs, CRL and AIA locations; subjectAltName of a web certificate may
// list hundreds of names.
std::size_t list_entry_cap(std::string_view oid) {
  if (oid == "2.5.29.17" || oid == "2.5.29.18") return 1024;  // subjectAltName, issuerAltName
  if (oid == "2.5.29.32" || oid == "2.5.29.37" || oid == "2.5.29.31" || oid == "1.3.6.1.5.5.7.1.1") return 32;
  return 0;
}

}  // namespace

std::string_view key_usage_name(KeyUsageBit bit) noexcept { return kKeyUsageNames[static_cast<std::size_t>(bit)]; }

std::optional<KeyUsageBit> key_usage_from_name(std::string_view name) noexcept {
  if (name == "contentCommitment") return KeyUsageBit::kNonRepudiation;
  for (std::size_t i = 0; i < kKeyUsageNames.size(); ++i) {
    if (kKeyUsageNames[i] == name) return static_cast<KeyUsageBit>(i);
  }
  return std::nullopt;
}

std::vector<std::string_view> KeyUsage::names() const {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < kKeyUsageNames.size(); ++i) {
    if (has(static_cast<KeyUsageBit>(i))) out.push_back(kKeyUsageNames[i]);
  }
  return out;
}

// Builds a Certificate from DER; a friend so it can fill the private fields once.
struct CertificateParser {
  static Result<CertificatePtr> parse(std::string_view der_bytes);
  static void read_extensions(Certificate& c, std::string_view extensions_der);
  static void interpret_extension(Certificate& c, const Extension& e);
};

Result<CertificatePtr> CertificateParser::parse(std::string_view der_bytes) {
  auto bad = [](std::string_view what) { return fail(Code::kMalformed, "not a DER certificate: " + std::string(what)); };
  if (der_bytes.empty()) return bad("empty input");
  if (der_bytes.size() > kMaxCertificateBytes) {
    return fail(Code::kResourceExhausted, "certificate not accepted: " + std::to_string(der_bytes.size()) +
                                              " bytes, above the limit of " + std::to_string(kMaxCertificateBytes) + " bytes");
  }
  // RFC 5280 4.1: Certificate ::= SEQUENCE {tbsCertificate, signatureAlgorithm, signatureValue}
  auto outer = der::read_single(der_bytes, der::kSequence);
  if (!outer) return bad("outer SEQUENCE missing, truncated or followed by extra bytes");
  der::Reader cr(outer->value);
  der::Tlv tbs, sig_alg, sig;
  if (!cr.read(der::kSequence, tbs)) return bad("tbsCertificate");
  if (!cr.read(der::kSequence, sig_alg)) return bad("signatureAlgorithm");
  if (!cr.read(der::kBitString, sig) || sig.value.empty() || !cr.empty()) return bad("signatureValue");

  std::shared_ptr<Certificate> c(new Certificate());
  c->openssl_ = std::make_unique<Certificate::OpenSslState>();
  c->der_ = std::string(der_bytes);
  c->fingerprint_ = sha256(c->der_);
  c->signature_ = std::string(sig.value.substr(1));
  // Re-point views into the owned copy so nothing refers to the caller's buffer.
  const auto offset = [&](std::string_view part) { return static_cast<std::size_t>(part.data() - der_bytes.data()); };
  c->tbs_ = c->der_.substr(offset(tbs.whole), tbs.whole.size());

  auto alg = parse_signature_algorithm(sig_alg.whole);
  if (!alg) return bad("signatureAlgorithm");
  c->signature_algorithm_ = std::move(*alg);

  // RFC 5280 4.1.2: TBSCertificate
  der::Reader tr(tbs.value);
  der::Tlv version, serial, inner_alg, issuer, validity, subject, spki, t;
  if (tr.read_optional(der::context_constructed(0), version)) {
    auto v = der::read_single(version.value, der::kInteger);
    auto n = v ? der::small_integer(v->value) : std::nullopt;
    if (!n || *n < 0 || *n > 2) return bad("version");
    c->version_ = static_cast<int>(*n) + 1;
  }
  if (!tr.read(der::kInteger, serial) || serial.value.empty()) return bad("serialNumber");
  std::string_view serial_bytes = serial.value;
  if (serial_bytes.size() > 1 && serial_bytes[0] == '\0' && (static_cast<std::uint8_t>(serial_bytes[1]) & 0x80)) {
    serial_bytes.remove_prefix(1);
  }
  c->serial_hex_ = to_hex(serial_bytes);
  c->serial_der_ = std::string(serial.whole);
  if (!tr.read(der::kSequence, inner_alg)) return bad("signature");
  if (inner_alg.whole != sig_alg.whole) {
    finding(c->findings_, x509_findings::kSignatureAlgorithmMismatch, Severity::kError,
            "tbsCertificate.signature differs from signatureAlgorithm", "signatureAlgorithm");
  }
  if (!tr.read(der::kSequence, issuer)) return bad("issuer");
  auto issuer_name = parse_distinguished_name(issuer.whole);
  if (!issuer_name) return bad("issuer: " + issuer_name.error().message());
  c->issuer_ = std::move(*issuer_name);
  if (!tr.read(der::kSequence, validity)) return bad("validity");
  der::Reader vr(validity.value);
  der::Tlv nb, na;
  if (!vr.next(nb) || !vr.next(na) || !vr.empty()) return bad("validity");
  auto not_before = der::time_value(nb);
  auto not_after = der::time_value(na);
  if (!not_before || !not_after) return bad("validity times");
  c->not_before_ = *not_before;
  c->not_after_ = *not_after;
  if (!tr.read(der::kSequence, subject)) return bad("subject");
  auto subject_name = parse_distinguished_name(subject.whole);
  if (!subject_name) return bad("subject: " + subject_name.error().message());
  c->subject_ = std::move(*subject_name);
  if (!tr.read(der::kSequence, spki)) return bad("subjectPublicKeyInfo");
  auto key = parse_public_key_info(spki.whole);
  if (!key) return bad("subjectPublicKeyInfo");
  c->public_key_ = std::move(*key);
  tr.read_optional(der::context(1), t);  // issuerUniqueID
  tr.read_optional(der::context(2), t);  // subjectUniqueID
  der::Tlv extensions;
  if (tr.read_optional(der::context_constructed(3), extensions)) {
    if (c->version_ != 3) {
      finding(c->findings_, x509_findings::kVersionMismatch, Severity::kError,
              "extensions present in a v" + std::to_string(c->version_) + " certificate", "version");
    }
    auto seq = der::read_single(extensions.value, der::kSequence);
    if (!seq) return bad("extensions");
    if (count_elements(seq->value, kMaxCertificateExtensions + 1) > kMaxCertificateExtensions) {
      return fail(Code::kResourceExhausted, "certificate not accepted: more than " +
                                                std::to_string(kMaxCertificateExtensions) + " extensions");
    }
    read_extensions(*c, seq->value);
    if (c->extensions_.empty() && !seq->value.empty()) return bad("extensions");
  }
  if (!tr.ok() || !tr.empty()) return bad("tbsCertificate has trailing or malformed fields");
  limit_findings(c->findings_, kMaxCertificateFindings, x509_findings::kFindingsTruncated);
  return c;
}

void CertificateParser::read_extensions(Certificate& c, std::string_view list) {
  der::Reader r(list);
  std::vector<Extension> all;
  while (!r.empty()) {
    // Extension ::= SEQUENCE {extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING}
    der::Tlv ext, id, crit, value;
    if (!r.read(der::kSequence, ext)) {
      c.extensions_.clear();
      return;
    }
    der::Reader er(ext.value);
    Extension e;
    if (!er.read(der::kOid, id)) {
      c.extensions_.clear();
      return;
    }
    if (er.read_optional(der::kBoolean, crit)) e.critical = crit.value.size() == 1 && crit.value[0] != '\0';
    auto oid = der::oid_text(id.value);
    if (!er.read(der::kOctetString, value) || !er.empty() || !oid) {
      c.extensions_.clear();
      return;
    }
    e.oid = std::move(*oid);
    e.value = std::string(value.value);
    c.extensions_.push_back(std::move(e));
  }
  std::unordered_set<std::string_view> seen;  // linear duplicate check (issue 21)
  for (const Extension& e : c.extensions_) {
    if (!seen.insert(e.oid).second) {
      finding(c.findings_, x509_findings::kExtensionDuplicate, Severity::kError,
              "extension " + e.oid + " appears more than once", e.oid);
      continue;
    }
    interpret_extension(c, e);
  }
}

void CertificateParser::interpret_extension(Certificate& c, const Extension& e) {
  bool ok = true;
  const std::string_view v = e.value;
  if (const auto cap = list_entry_cap(e.oid); cap != 0) {
    auto seq = der::read_single(v, der::kSequence);
    if (seq && count_elements(seq->value, cap + 1) > cap) {
      finding(c.findings_, x509_findings::kExtensionTooManyEntries, Severity::kError,
              "extension " + e.oid + " holds more than " + std::to_string(cap) + " entries; not used", e.oid);
      return;
    }
  }
  if (e.oid == kOidKeyUsage) {
    auto bits = parse_key_usage(v);
    ok = bits.has_value();
    if (ok) c.key_usage_ = KeyUsage{true, e.critical, *bits};
  } else if (e.oid == kOidBasicConstraints) {
    auto bc = parse_basic_constraints(v);
    ok = bc.has_value();
    if (ok) {
      c.basic_constraints_ = *bc;
      c.basic_constraints_.critical = e.critical;
    }
  } else if (e.oid == kOidExtKeyUsage) {
    auto list = parse_ext_key_usage(v);
    ok = list.has_value();
    if (ok) c.eku_ = std::move(*list);
  } else if (e.oid == kOidCertificatePolicies) {
    auto list = parse_policy_information(v);
    ok = list.has_value();
    if (ok) {
      for (const auto& p : *list) c.policies_.push_back(p.oid);
      c.policy_info_ = std::move(*list);
    }
  } else if (e.oid == kOidSubjectAltName) {
    auto names = parse_general_names(v);
    // An empty SEQUENCE breaks RFC 5280's SIZE (1..MAX) but says nothing false; real delegated
    // OCSP responder certificates carry one (CAcert's ocsp.cacert.org, the OCSP cases), and
    // OpenSSL and DSS accept it. It is read as "no alternative names".
    ok = names.has_value();
    if (ok) c.subject_alt_names_ = std::move(*names);
  } else if (e.oid == kOidNameConstraints) {
    auto nc = parse_name_constraints(v);
    ok = nc.has_value();
    if (ok) {
      c.name_constraints_ = std::move(*nc);
      c.name_constraints_.critical = e.critical;
    }
  } else if (e.oid == kOidPolicyMappings) {
    auto m = parse_policy_mappings(v);
    ok = m.has_value();
    if (ok) c.policy_mappings_ = std::move(*m);
  } else if (e.oid == kOidPolicyConstraints) {
    auto pc = parse_policy_constraints(v);
    ok = pc.has_value();
    if (ok) c.policy_constraints_ = *pc;
  } else if (e.oid == kOidInhibitAnyPolicy) {
    c.inhibit_any_policy_ = parse_inhibit_any_policy(v);
    ok = c.inhibit_any_policy_.has_value();
  } else if (e.oid == kOidSubjectKeyId) {
    c.ski_ = parse_subject_key_id(v);
    ok = c.ski_.has_value();
  } else if (e.oid == kOidAuthorityKeyId) {
    bool has_key_id = false;
    auto id = parse_authority_key_id(v, has_key_id);
    ok = id.has_value();
    if (ok && has_key_id) c.aki_ = std::move(*id);
  } else if (e.oid == kOidCrlDistributionPoints) {
    auto urls = parse_crl_distribution_points(v);
    ok = urls.has_value();
    if (ok) c.crl_urls_ = std::move(*urls);
  } else if (e.oid == kOidAuthorityInfoAccess) {
    ok = parse_authority_info_access(v, c.ocsp_urls_, c.ca_issuer_urls_);
    if (!ok) {
      c.ocsp_urls_.clear();
      c.ca_issuer_urls_.clear();
    }
  } else if (e.oid == qc_oid::kQcStatementsExtension) {
    c.qc_ = parse_qc_statements(v, c.findings_);  // reports its own findings
  } else if (e.critical) {
    // Not interpreted here: path validation decides (RFC 5280 6.1.4 (o)); this layer only
    // reports it.
    static constexpr std::array<std::string_view, 1> kKnownElsewhere{"1.3.6.1.5.5.7.1.24"};
    if (std::find(kKnownElsewhere.begin(), kKnownElsewhere.end(), e.oid) == kKnownElsewhere.end()) {
      finding(c.findings_, x509_findings::kExtensionUnknownCritical, Severity::kWarning,
              "critical extension " + e.oid + " is not interpreted", e.oid);
    }
  }
  if (!ok) {
    finding(c.findings_, x509_findings::kExtensionMalformed, Severity::kError,
            "extension " + e.oid + " does not match its RFC 5280 syntax", e.oid);
  }
}

Result<CertificatePtr> Certificate::parse_der(std::string_view der) { return CertificateParser::parse(der); }

Certificate::~Certificate() = default;

const Extension* Certificate::find_extension(std::string_view oid) const {
  for (const auto& e : extensions_) {
    if (e.oid == oid) return &e;
  }
  return nullptr;
}

bool Certificate::has_policy(std::string_view oid) const {
  return std::find(policies_.begin(), policies_.end(), oid) != policies_.end();
}

x509_st* Certificate::openssl_x509() const {
  std::call_once(x509_once_, [this] {
    const unsigned char* p = ossl::bytes(der_);
    openssl_->x509.reset(d2i_X509(nullptr, &p, static_cast<long>(der_.size())));
    ERR_clear_error();
  });
  return openssl_->x509.get();
}

evp_pkey_st* Certificate::openssl_public_key() const {
  std::call_once(key_once_, [this] {
    openssl_->key = ossl::decode_public_key(public_key_.der);  // cached: decode_cache.h
  });
  return openssl_->key.get();
}

Result<bool> Certificate::verify_signed_by(const Certificate& issuer) const {
  const std::string& spki = issuer.public_key_.der;
  if (auto known = known_verdict(*openssl_, fingerprint_, spki)) return *known;
  EVP_PKEY* key = issuer.openssl_public_key();
  if (key == nullptr) {
    return fail(Code::kUnsupported, "issuer public key (" + issuer.public_key_.algorithm + ") cannot be decoded");
  }
  auto ok = verify_with(key);
  remember_verdict(*openssl_, fingerprint_, spki, ok);
  return ok;
}

Result<bool> Certificate::verify_signed_by_key(std::string_view spki_der) const {
  if (auto known = known_verdict(*openssl_, fingerprint_, spki_der)) return *known;
  // Path validation hands the working public key as SPKI DER for every certificate it checks:
  // decoded once per distinct key (decode_cache.h), not once per check.
  const ossl::EvpPkeyPtr key = ossl::decode_public_key(spki_der);
  if (!key) return fail(Code::kUnsupported, "issuer public key cannot be decoded");
  auto ok = verify_with(key.get());
  remember_verdict(*openssl_, fingerprint_, spki_der, ok);
  return ok;
}

Result<bool> Certificate::verify_with(evp_pkey_st* key) const {
  // RFC 5280 4.1.1.2: the outer algorithm must equal the one inside the signed TBS.
  for (const auto& f : findings_) {
    if (f.id == x509_findings::kSignatureAlgorithmMismatch) return false;
  }
  // Direct EVP verification over the tbsCertificate bytes (the same check CRLs and OCSP responses
  // get): building an OpenSSL X509 (d2i_X509) costs ~200 us in OpenSSL 3.0, far more than the
  // public-key operation itself.
  auto direct = x509_internal::verify_signature(key, signature_algorithm_, signature_, tbs_);
  if (direct || direct.error().code() != Code::kUnsupported) return direct;
  // Algorithms (or parameters) the direct check does not know: let OpenSSL interpret them.
  X509* self = openssl_x509();
  if (self == nullptr) return fail(Code::kMalformed, "OpenSSL rejects the certificate DER");
  const int rc = X509_verify(self, key);
  const std::string detail = ossl::drain_errors();
  if (rc == 1) return true;
  if (rc == 0) return false;
  return fail(Code::kUnsupported, "signature algorithm " + signature_algorithm_.name + " cannot be checked: " + detail);
}

std::vector<std::string> Certificate::subject_emails() const {
  std::vector<std::string> out;
  for (const auto& a : subject_.attributes) {
    if (a.oid == kOidEmailAddress) out.push_back(a.value);
  }
  return out;
}

std::optional<std::string> spki_with_parameters(std::string_view spki_der, std::string_view parameters_der) {
  auto seq = der::read_single(spki_der, der::kSequence);
  if (!seq) return std::nullopt;
  der::Reader r(seq->value);
  der::Tlv alg, key, id;
  if (!r.read(der::kSequence, alg) || !r.read(der::kBitString, key) || !r.empty()) return std::nullopt;
  der::Reader ar(alg.value);
  if (!ar.read(der::kOid, id)) return std::nullopt;
  return der::sequence({der::sequence({id.whole, parameters_der}), key.whole});
}

bool Certificate::issued_by_name(const Certificate& issuer) const { return equivalent_names(issuer_, issuer.subject_); }

bool Certificate::matches_subject_and_key(const Certificate& other) const {
  return public_key_.der == other.public_key_.der && equivalent_names(subject_, other.subject_);
}

}  // namespace assay::engine
