#include "engine/x509/crl.h"

#include <algorithm>
#include <array>

#include "engine/x509/internal/der.h"
#include "engine/x509/internal/extensions.h"
#include "engine/x509/internal/revocation_der.h"
#include "engine/x509/internal/signature_check.h"
#include "engine/x509/x509_findings.h"

namespace assay::engine {
namespace {

using namespace x509_internal;

// CRL and CRL entry extensions (RFC 5280 5.2, 5.3).
constexpr std::string_view kOidIssuerAltName = "2.5.29.18";
constexpr std::string_view kOidCrlNumber = "2.5.29.20";
constexpr std::string_view kOidDeltaCrlIndicator = "2.5.29.27";
constexpr std::string_view kOidIssuingDistributionPoint = "2.5.29.28";
constexpr std::string_view kOidFreshestCrl = "2.5.29.46";
constexpr std::string_view kOidReasonCode = "2.5.29.21";
constexpr std::string_view kOidHoldInstructionCode = "2.5.29.23";
constexpr std::string_view kOidInvalidityDate = "2.5.29.24";
constexpr std::string_view kOidCertificateIssuer = "2.5.29.29";

constexpr std::array<std::string_view, 11> kReasonNames{
    "unspecified",          "keyCompromise",    "cACompromise", "affiliationChanged", "superseded",
    "cessationOfOperation", "certificateHold", "unknown(7)",   "removeFromCRL",      "privilegeWithdrawn",
    "aACompromise"};

Error malformed(std::string what) { return Error(Code::kMalformed, "CRL: " + std::move(what)); }

void add_finding(Findings& f, std::string_view id, std::string message, std::string_view path) {
  f.push_back(Finding{std::string(id), Severity::kWarning, std::move(message), std::string(path)});
}

std::optional<IssuingDistributionPoint> parse_idp(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  IssuingDistributionPoint idp;
  der::Reader r(seq->value);
  der::Tlv t;
  auto flag = [&](unsigned n, bool& out) {
    if (r.read_optional(der::context(n), t)) {
      if (t.value.size() != 1) return false;
      out = t.value[0] != 0;
    }
    return true;
  };
  if (r.read_optional(der::context_constructed(0), t)) {
    auto name = parse_distribution_point_name(t.value);
    if (!name) return std::nullopt;
    idp.name = std::move(*name);
  }
  if (!flag(1, idp.only_user_certs) || !flag(2, idp.only_ca_certs)) return std::nullopt;
  if (r.read_optional(der::context(3), t)) {
    auto reasons = parse_reason_flags(t.value);
    if (!reasons) return std::nullopt;
    idp.only_some_reasons = *reasons;
  }
  if (!flag(4, idp.indirect_crl) || !flag(5, idp.only_attribute_certs)) return std::nullopt;
  if (!r.empty() || !r.ok()) return std::nullopt;
  return idp;
}

}  // namespace

std::string_view crl_reason_name(CrlReason reason) noexcept {
  const auto i = static_cast<std::size_t>(reason);
  return i < kReasonNames.size() ? kReasonNames[i] : "unknown";
}

ReasonFlags reason_flag(CrlReason reason) noexcept {
  switch (reason) {
    case CrlReason::kKeyCompromise: return 1u << 1;
    case CrlReason::kCaCompromise: return 1u << 2;
    case CrlReason::kAffiliationChanged: return 1u << 3;
    case CrlReason::kSuperseded: return 1u << 4;
    case CrlReason::kCessationOfOperation: return 1u << 5;
    case CrlReason::kCertificateHold: return 1u << 6;
    case CrlReason::kPrivilegeWithdrawn: return 1u << 7;
    case CrlReason::kAaCompromise: return 1u << 8;
    default: return 0;
  }
}

bool same_general_name(const GeneralNameValue& a, const GeneralNameValue& b) {
  if (a.tag != b.tag) return false;
  if (a.directory && b.directory) return equivalent_names(*a.directory, *b.directory);
  return a.value == b.value;
}

GeneralNames DistributionPointName::resolve(const DistinguishedName& crl_issuer) const {
  if (!relative_rdn) return full_name;
  // RFC 5280 4.2.1.13: nameRelativeToCRLIssuer is appended to the CRL issuer's name.
  auto seq = der::read_single(crl_issuer.der, der::kSequence);
  if (!seq) return {};
  auto name = parse_distinguished_name(der::tlv(der::kSequence, std::string(seq->value) + *relative_rdn));
  if (!name) return {};
  GeneralNameValue g;
  g.tag = 4;
  g.value = name->der;
  g.directory = std::move(*name);
  return {std::move(g)};
}

Result<std::vector<DistributionPoint>> parse_distribution_points(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return fail(Code::kMalformed, "CRLDistributionPoints is not a SEQUENCE");
  std::vector<DistributionPoint> out;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv dp, t;
    if (!r.read(der::kSequence, dp)) return fail(Code::kMalformed, "DistributionPoint is not a SEQUENCE");
    DistributionPoint point;
    der::Reader dr(dp.value);
    if (dr.read_optional(der::context_constructed(0), t)) {
      auto name = parse_distribution_point_name(t.value);
      if (!name) return fail(Code::kMalformed, "malformed distributionPoint name");
      point.name = std::move(*name);
    }
    if (dr.read_optional(der::context(1), t)) {
      auto reasons = parse_reason_flags(t.value);
      if (!reasons) return fail(Code::kMalformed, "malformed reasons");
      point.reasons = *reasons;
    }
    if (dr.read_optional(der::context_constructed(2), t)) {
      auto issuer = parse_general_name_list(t.value);
      if (!issuer) return fail(Code::kMalformed, "malformed cRLIssuer");
      point.crl_issuer = std::move(*issuer);
    }
    if (!dr.empty() || !dr.ok()) return fail(Code::kMalformed, "trailing data in DistributionPoint");
    out.push_back(std::move(point));
  }
  return out;
}

int compare_crl_numbers(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

struct CrlParser {
  static Result<CrlPtr> parse(std::string_view bytes, const CrlLimits& limits);
  static std::optional<Error> read_entries(Crl& crl, std::string_view contents, const CrlLimits& limits);
  static void read_extensions(Crl& crl);
};

std::optional<Error> CrlParser::read_entries(Crl& crl, std::string_view contents, const CrlLimits& limits) {
  der::Reader r(contents);
  int current_issuer = -1;
  while (!r.empty()) {
    der::Tlv entry, serial, ext_seq;
    if (!r.read(der::kSequence, entry)) return malformed("revokedCertificates entry is not a SEQUENCE");
    if (crl.entries_.size() >= limits.max_entries) {
      return Error(Code::kResourceExhausted,
                   "CRL has more than " + std::to_string(limits.max_entries) + " entries (limit)");
    }
    der::Reader er(entry.value);
    der::Tlv date;
    if (!er.read(der::kInteger, serial) || serial.value.empty()) return malformed("entry without userCertificate");
    if (!er.next(date)) return malformed("entry without revocationDate");
    CrlEntry e;
    e.serial = std::string(serial.value);
    auto when = der::time_value(date);
    if (!when) return malformed("entry revocationDate is not a valid time");
    e.revocation_date = *when;
    if (er.read_optional(der::kSequence, ext_seq)) {
      auto exts = parse_extension_list(ext_seq.value);
      if (!exts) return malformed("malformed crlEntryExtensions");
      for (const auto& x : *exts) {
        if (x.oid == kOidReasonCode) {
          auto v = der::read_single(x.value, der::kEnumerated);
          auto reason = v ? parse_crl_reason(v->value) : std::nullopt;
          if (!reason) return malformed("malformed reasonCode entry extension");
          e.reason = *reason;
        } else if (x.oid == kOidInvalidityDate) {
          auto v = der::read_single(x.value, der::kGeneralizedTime);
          auto t = v ? der::time_value(*v) : std::nullopt;
          if (!t) return malformed("malformed invalidityDate entry extension");
          e.invalidity_date = *t;
        } else if (x.oid == kOidCertificateIssuer) {
          auto v = der::read_single(x.value, der::kSequence);
          auto names = v ? parse_general_name_list(v->value) : std::nullopt;
          if (!names) return malformed("malformed certificateIssuer entry extension");
          crl.certificate_issuers_.push_back(std::move(*names));
          current_issuer = static_cast<int>(crl.certificate_issuers_.size()) - 1;
        } else if (x.oid == kOidHoldInstructionCode) {
          // RFC 5280 5.3.2 (historical): informational only.
        } else if (x.critical) {
          e.unknown_critical_extension = true;
          crl.unknown_critical_entry_ = true;
          add_finding(crl.findings_, x509_findings::kExtensionUnknownCritical,
                      "unknown critical CRL entry extension " + x.oid, x.oid);
        }
      }
    }
    if (!er.empty() || !er.ok()) return malformed("trailing data in a revokedCertificates entry");
    // RFC 5280 5.3.3: without its own certificateIssuer an entry belongs to the issuer of the
    // preceding entry (the CRL issuer for the first ones). Only indirect CRLs may carry them;
    // read_extensions() checks that once the IDP is known.
    e.certificate_issuer = current_issuer;
    crl.entries_.push_back(std::move(e));
  }
  return std::nullopt;
}

void CrlParser::read_extensions(Crl& crl) {
  for (const auto& x : crl.extensions_) {
    const auto bad = [&](std::string_view what) {
      add_finding(crl.findings_, x509_findings::kExtensionMalformed, "CRL extension " + std::string(what) + " is malformed", x.oid);
      // A malformed critical extension cannot be processed, so the CRL cannot be used.
      if (x.critical) crl.unknown_critical_ = true;
    };
    if (x.oid == kOidAuthorityKeyId) {
      bool has_key_id = false;
      auto aki = parse_authority_key_id(x.value, has_key_id);
      if (!aki) bad("authorityKeyIdentifier");
      else if (has_key_id) crl.aki_ = *aki;
    } else if (x.oid == kOidCrlNumber || x.oid == kOidDeltaCrlIndicator) {
      auto v = der::read_single(x.value, der::kInteger);
      auto n = v ? unsigned_number(v->value) : std::nullopt;
      if (!n) {
        bad(x.oid == kOidCrlNumber ? "cRLNumber" : "deltaCRLIndicator");
        continue;
      }
      (x.oid == kOidCrlNumber ? crl.crl_number_ : crl.delta_base_) = *n;
    } else if (x.oid == kOidIssuingDistributionPoint) {
      auto idp = parse_idp(x.value);
      if (!idp) bad("issuingDistributionPoint");
      else crl.idp_ = std::move(*idp);
    } else if (x.oid == kOidFreshestCrl) {
      auto dps = parse_distribution_points(x.value);
      if (!dps) bad("freshestCRL");
      else crl.freshest_ = std::move(*dps);
    } else if (x.oid == kOidIssuerAltName || x.oid == kOidAuthorityInfoAccess) {
      // Known and informational.
    } else if (x.critical) {
      crl.unknown_critical_ = true;
      add_finding(crl.findings_, x509_findings::kExtensionUnknownCritical, "unknown critical CRL extension " + x.oid, x.oid);
    }
  }
  if (!crl.certificate_issuers_.empty() && !(crl.idp_ && crl.idp_->indirect_crl)) {
    add_finding(crl.findings_, x509_findings::kExtensionMalformed,
                "certificateIssuer entry extensions in a CRL that is not indirect (RFC 5280 5.3.3)",
                kOidCertificateIssuer);
  }
}

Result<CrlPtr> CrlParser::parse(std::string_view bytes, const CrlLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return fail(Code::kResourceExhausted, "CRL of " + std::to_string(bytes.size()) + " bytes is over the limit of " +
                                              std::to_string(limits.max_bytes) + " bytes");
  }
  if (bytes.empty()) return fail(Code::kMalformed, "CRL: empty input");
  auto outer = der::read_single(bytes, der::kSequence);
  if (!outer) return fail(Code::kMalformed, "CRL: not a single DER SEQUENCE (truncated, or trailing bytes)");
  if (!strict_der_lengths(bytes)) return fail(Code::kMalformed, "CRL: not DER (non-minimal or inconsistent lengths)");
  std::shared_ptr<Crl> crl(new Crl());
  crl->der_ = std::string(bytes);
  crl->sha256_ = engine::sha256(bytes);
  der::Reader r(outer->value);
  der::Tlv tbs, alg, sig;
  if (!r.read(der::kSequence, tbs) || !r.read(der::kSequence, alg) || !r.read(der::kBitString, sig) || !r.empty()) {
    return fail(Code::kMalformed, "CRL: CertificateList is not {tbsCertList, signatureAlgorithm, signatureValue}");
  }
  crl->tbs_ = std::string(tbs.whole);
  auto algorithm = parse_signature_algorithm(alg.whole);
  if (!algorithm) return fail(Code::kMalformed, "CRL: malformed signatureAlgorithm");
  crl->signature_algorithm_ = std::move(*algorithm);
  if (sig.value.empty() || sig.value[0] != 0) return fail(Code::kMalformed, "CRL: signatureValue has unused bits");
  crl->signature_ = std::string(sig.value.substr(1));

  der::Reader tr(tbs.value);
  der::Tlv version, inner_alg, issuer, this_update, t;
  if (tr.read_optional(der::kInteger, version)) {
    if (version.value != std::string_view("\x01", 1)) return fail(Code::kMalformed, "CRL: version is not v2");
    crl->version_ = 2;
  }
  if (!tr.read(der::kSequence, inner_alg)) return fail(Code::kMalformed, "CRL: tbsCertList without signature algorithm");
  // RFC 5280 5.1.2.2: must equal signatureAlgorithm.
  if (inner_alg.whole != alg.whole) return fail(Code::kMalformed, "CRL: tbsCertList.signature differs from signatureAlgorithm");
  if (!tr.read(der::kSequence, issuer)) return fail(Code::kMalformed, "CRL: missing issuer");
  auto name = parse_distinguished_name(issuer.whole);
  if (!name) return fail(Code::kMalformed, "CRL: malformed issuer name");
  crl->issuer_ = std::move(*name);
  if (!tr.next(this_update)) return fail(Code::kMalformed, "CRL: missing thisUpdate");
  auto tu = der::time_value(this_update);
  if (!tu) return fail(Code::kMalformed, "CRL: thisUpdate is not a valid time");
  crl->this_update_ = *tu;
  auto tag = tr.peek_tag();
  if (tag == der::kUtcTime || tag == der::kGeneralizedTime) {
    tr.next(t);
    auto nu = der::time_value(t);
    if (!nu) return fail(Code::kMalformed, "CRL: nextUpdate is not a valid time");
    crl->next_update_ = *nu;
  }
  if (tr.read_optional(der::kSequence, t)) {
    if (auto e = read_entries(*crl, t.value, limits)) return std::unexpected(std::move(*e));
  }
  if (tr.read_optional(der::context_constructed(0), t)) {
    auto list = der::read_single(t.value, der::kSequence);
    auto exts = list ? parse_extension_list(list->value) : std::nullopt;
    if (!exts) return fail(Code::kMalformed, "CRL: malformed crlExtensions");
    if (crl->version_ != 2) return fail(Code::kMalformed, "CRL: extensions in a v1 CRL");
    crl->extensions_ = std::move(*exts);
  }
  if (!tr.empty() || !tr.ok()) return fail(Code::kMalformed, "CRL: unexpected data in tbsCertList");
  read_extensions(*crl);
  return crl;
}

Result<CrlPtr> Crl::parse_der(std::string_view der, const CrlLimits& limits) { return CrlParser::parse(der, limits); }

std::vector<const CrlEntry*> Crl::find(std::string_view serial) const {
  std::vector<const CrlEntry*> out;
  for (const auto& e : entries_) {
    if (e.serial == serial) out.push_back(&e);
  }
  return out;
}

Result<bool> Crl::verify_signed_by(const Certificate& signer) const {
  if (auto known = memo_.find(signer.public_key().der)) return *known;
  auto ok = verify_signature(signer.openssl_public_key(), signature_algorithm_, signature_, tbs_);
  if (ok) memo_.remember(signer.public_key().der, *ok);
  return ok;
}

Result<bool> Crl::verify_signed_by_key(std::string_view spki_der) const {
  if (auto known = memo_.find(spki_der)) return *known;
  auto ok = verify_signature_spki(spki_der, signature_algorithm_, signature_, tbs_);
  if (ok) memo_.remember(spki_der, *ok);
  return ok;
}

}  // namespace assay::engine
