#include "engine/cms/timestamp_token.h"

#include <chrono>

#include "engine/cms/internal/message_imprint.h"
#include "engine/digest.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/ocsp_response.h"

namespace assay::engine::cms {
namespace {

constexpr std::string_view kOidSha1 = "1.3.14.3.2.26";
constexpr std::string_view kOidSha256 = "2.16.840.1.101.3.4.2.1";

std::unexpected<Error> malformed(std::string what) { return fail(Code::kMalformed, "TSTInfo: " + std::move(what)); }

bool digits(std::string_view s, int& out) {
  out = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// RFC 3161 2.4.2 genTime: YYYYMMDDhhmmss[.s...]Z, no trailing zeros in the fraction, no bare dot.
std::optional<UtcTime> gen_time(std::string_view text, std::string& fraction) {
  if (text.size() < 15 || text.back() != 'Z') return std::nullopt;
  int y, mo, d, h, mi, s;
  if (!digits(text.substr(0, 4), y) || !digits(text.substr(4, 2), mo) || !digits(text.substr(6, 2), d) ||
      !digits(text.substr(8, 2), h) || !digits(text.substr(10, 2), mi) || !digits(text.substr(12, 2), s)) {
    return std::nullopt;
  }
  const std::string_view rest = text.substr(14, text.size() - 15);
  if (!rest.empty()) {
    if (rest.size() < 2 || rest[0] != '.' || rest.back() == '0') return std::nullopt;
    int ignored;
    if (rest.size() > 10 || !digits(rest.substr(1), ignored)) return std::nullopt;
    fraction = std::string(rest.substr(1));
  }
  using namespace std::chrono;
  const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return UtcTime(sys_days(ymd)) + hours(h) + minutes(mi) + seconds(s);
}

std::optional<int> accuracy_part(std::string_view contents) {
  auto v = der::small_integer(contents);
  if (!v || *v < 1 || *v > 999) return std::nullopt;
  return static_cast<int>(*v);
}

Result<EssCertId> parse_ess_cert_id(std::string_view contents, int version) {
  EssCertId id;
  der::Reader r(contents);
  der::Tlv t;
  id.hash_algorithm_oid = std::string(version == 1 ? kOidSha1 : kOidSha256);
  if (version == 2 && r.read_optional(der::kSequence, t)) {
    der::Reader ar(t.value);
    der::Tlv oid;
    if (!ar.read(der::kOid, oid)) return fail(Code::kMalformed, "ESSCertIDv2: malformed hashAlgorithm");
    auto text = der::oid_text(oid.value);
    if (!text) return fail(Code::kMalformed, "ESSCertIDv2: malformed hashAlgorithm");
    id.hash_algorithm_oid = *text;
  }
  if (!r.read(der::kOctetString, t)) return fail(Code::kMalformed, "ESSCertID: no certHash");
  id.hash = std::string(t.value);
  if (r.read_optional(der::kSequence, t)) {
    // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
    der::Reader ir(t.value);
    der::Tlv names, serial, name;
    if (!ir.read(der::kSequence, names) || !ir.read(der::kInteger, serial) || !ir.empty()) {
      return fail(Code::kMalformed, "ESSCertID: malformed IssuerSerial");
    }
    der::Reader nr(names.value);
    while (!nr.empty()) {
      if (!nr.next(name)) return fail(Code::kMalformed, "ESSCertID: malformed GeneralNames");
      if (name.tag == der::context_constructed(4)) id.issuer_names_der.emplace_back(name.value);  // directoryName
    }
    id.has_issuer_serial = true;
    id.serial = std::string(serial.value);
  }
  if (!r.empty() || !r.ok()) return fail(Code::kMalformed, "ESSCertID: trailing data");
  return id;
}

}  // namespace

Result<TstInfo> parse_tst_info(std::string_view der) {
  if (!is_strict_der(der)) return malformed("not strict DER (truncated, trailing bytes, BER lengths)");
  auto seq = der::read_single(der, der::kSequence);
  if (!seq) return malformed("not a SEQUENCE");
  TstInfo info;
  der::Reader r(seq->value);
  der::Tlv version, policy, imprint, serial, time, t;
  if (!r.read(der::kInteger, version) || der::small_integer(version.value) != 1) return malformed("version is not v1");
  if (!r.read(der::kOid, policy)) return malformed("no policy");
  auto policy_text = der::oid_text(policy.value);
  if (!policy_text) return malformed("malformed policy");
  info.policy_oid = *policy_text;
  if (!r.read(der::kSequence, imprint)) return malformed("no messageImprint");
  const auto message_imprint = internal::read_message_imprint(imprint.value);
  if (!message_imprint) return malformed("malformed messageImprint");
  info.imprint_algorithm_oid = message_imprint->algorithm_oid;
  info.imprint_algorithm = std::string(digest_name_for_oid(info.imprint_algorithm_oid));
  info.hashed_message = message_imprint->hashed_message;
  if (!r.read(der::kInteger, serial)) return malformed("no serialNumber");
  info.serial = std::string(serial.value);
  info.serial_hex = to_hex(serial.value);
  if (!r.read(der::kGeneralizedTime, time)) return malformed("genTime is not a GeneralizedTime");
  auto when = gen_time(time.value, info.gen_time_fraction);
  if (!when) return malformed("genTime '" + std::string(time.value) + "' is not YYYYMMDDhhmmss[.f]Z (RFC 3161 2.4.2)");
  info.gen_time = *when;
  if (r.read_optional(der::kSequence, t)) {
    Accuracy a;
    der::Reader ar(t.value);
    der::Tlv part;
    if (ar.read_optional(der::kInteger, part)) {
      auto s = der::small_integer(part.value);
      if (!s) return malformed("accuracy seconds is negative or too large");
      a.seconds = *s;
    }
    if (ar.read_optional(der::context(0), part)) {
      auto v = accuracy_part(part.value);
      if (!v) return malformed("accuracy millis outside 1..999");
      a.millis = *v;
    }
    if (ar.read_optional(der::context(1), part)) {
      auto v = accuracy_part(part.value);
      if (!v) return malformed("accuracy micros outside 1..999");
      a.micros = *v;
    }
    if (!ar.empty() || !ar.ok()) return malformed("malformed accuracy");
    info.accuracy = a;
  }
  if (r.read_optional(der::kBoolean, t)) {
    // X.690 11.5: a DEFAULT value is not encoded in DER.
    if (t.value != std::string_view("\xff", 1)) return malformed("ordering FALSE written out (DER omits DEFAULT values)");
    info.ordering = true;
  }
  if (r.read_optional(der::kInteger, t)) info.nonce = std::string(t.value);
  if (r.read_optional(der::context_constructed(0), t)) info.tsa_der = std::string(t.value);
  if (r.read_optional(der::context_constructed(1), t)) {
    der::Reader er(t.value);
    der::Tlv ext;
    while (!er.empty()) {
      if (!er.read(der::kSequence, ext)) return malformed("malformed extensions");
      der::Reader xr(ext.value);
      der::Tlv oid, critical;
      if (!xr.read(der::kOid, oid)) return malformed("malformed extension");
      auto text = der::oid_text(oid.value);
      if (!text) return malformed("malformed extension");
      info.extension_oids.push_back(*text);
      if (xr.read_optional(der::kBoolean, critical) && critical.value == std::string_view("\xff", 1)) {
        info.unknown_critical_extension = true;  // no TSTInfo extension is understood here
      }
    }
  }
  if (!r.empty() || !r.ok()) return malformed("trailing or misplaced fields");
  return info;
}

EssCertId::Match EssCertId::match(const Certificate& certificate) const {
  auto digest = digest_by_oid(hash_algorithm_oid, certificate.der());
  if (!digest) return Match::kUnsupportedHash;
  if (*digest != hash) return Match::kHashDiffers;
  if (has_issuer_serial) {
    auto cert_serial = der::read_single(certificate.serial_der(), der::kInteger);
    bool name_ok = false;
    for (const auto& name_der : issuer_names_der) {
      auto name = parse_distinguished_name(name_der);
      if (name && equivalent_names(*name, certificate.issuer())) name_ok = true;
    }
    if (!cert_serial || cert_serial->value != serial || !name_ok) return Match::kIssuerSerialDiffers;
  }
  return Match::kMatch;
}

Result<SigningCertificateRef> parse_signing_certificate(std::string_view value, int version) {
  auto seq = der::read_single(value, der::kSequence);
  if (!seq) return fail(Code::kMalformed, "SigningCertificate is not a SEQUENCE");
  der::Reader r(seq->value);
  der::Tlv certs, c;
  if (!r.read(der::kSequence, certs)) return fail(Code::kMalformed, "SigningCertificate without certs");
  SigningCertificateRef ref;
  ref.version = version;
  der::Reader cr(certs.value);
  while (!cr.empty()) {
    if (!cr.read(der::kSequence, c)) return fail(Code::kMalformed, "malformed ESSCertID");
    if (ref.certs.size() >= 64) return fail(Code::kResourceExhausted, "too many ESSCertIDs");
    auto id = parse_ess_cert_id(c.value, version);
    if (!id) return std::unexpected(id.error());
    ref.certs.push_back(std::move(*id));
  }
  if (ref.certs.empty()) return fail(Code::kMalformed, "SigningCertificate with no ESSCertID");
  // policies (SEQUENCE OF PolicyInformation) may follow; not used for time-stamps.
  if (r.read_optional(der::kSequence, c) && !r.empty()) return fail(Code::kMalformed, "trailing data in SigningCertificate");
  if (!r.empty() || !r.ok()) return fail(Code::kMalformed, "trailing data in SigningCertificate");
  return ref;
}

Result<TimestampTokenPtr> TimestampToken::parse_der(std::string_view der, const CmsLimits& limits) {
  auto sd = SignedData::parse_der(der, limits);
  if (!sd) return std::unexpected(sd.error());
  if ((*sd)->content_type() != kOidTstInfo) {
    return fail(Code::kMalformed, "time-stamp token: eContentType is " + (*sd)->content_type() + ", not id-ct-TSTInfo");
  }
  if (!(*sd)->content()) return fail(Code::kMalformed, "time-stamp token: the TSTInfo is not encapsulated");
  if ((*sd)->signer_infos().size() != 1) {
    return fail(Code::kMalformed, "time-stamp token: " + std::to_string((*sd)->signer_infos().size()) +
                                      " SignerInfos, RFC 3161 2.4.1 requires exactly one");
  }
  if (!(*sd)->signer_infos().front().has_signed_attributes) {
    return fail(Code::kMalformed, "time-stamp token: no signed attributes (RFC 3161 2.4.1)");
  }
  auto info = parse_tst_info(*(*sd)->content());
  if (!info) return std::unexpected(info.error());
  std::shared_ptr<TimestampToken> token(new TimestampToken());
  token->signed_data_ = std::move(*sd);
  token->tst_info_ = std::move(*info);
  const SignerInfo& si = token->signer();
  const Attribute* v2 = si.find_signed(kOidSigningCertificateV2);
  const Attribute* v1 = si.find_signed(kOidSigningCertificate);
  const Attribute* chosen = v2 != nullptr ? v2 : v1;
  if (chosen == nullptr) {
    token->signing_certificate_error_ = "neither signing-certificate nor signing-certificate-v2 is a signed attribute";
  } else if (chosen->values.size() != 1) {
    token->signing_certificate_error_ = "the signing certificate attribute has more than one value";
  } else {
    auto ref = parse_signing_certificate(chosen->values[0], chosen == v2 ? 2 : 1);
    if (ref) {
      token->signing_certificate_ = std::move(*ref);
    } else {
      token->signing_certificate_error_ = ref.error().message();
    }
  }
  return TimestampTokenPtr(std::move(token));
}

}  // namespace assay::engine::cms
