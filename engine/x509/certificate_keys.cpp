#include "engine/x509/certificate_keys.h"

#include "engine/x509/internal/der.h"

namespace assay::engine {
namespace {

// 2.5.29.14 subjectKeyIdentifier, OID contents octets.
constexpr std::string_view kSkiOid = "\x55\x1d\x0e";

std::optional<std::string_view> find_ski(std::string_view extensions_explicit) {
  der::Reader outer(extensions_explicit);
  der::Tlv list;
  if (!outer.read(der::kSequence, list)) return std::nullopt;
  der::Reader exts(list.value);
  der::Tlv ext;
  while (!exts.empty() && exts.read(der::kSequence, ext)) {
    der::Reader fields(ext.value);
    der::Tlv oid, critical, value;
    if (!fields.read(der::kOid, oid)) return std::nullopt;
    if (oid.value != kSkiOid) continue;
    fields.read_optional(der::kBoolean, critical);
    if (!fields.read(der::kOctetString, value)) return std::nullopt;
    auto key = der::read_single(value.value, der::kOctetString);
    if (!key) return std::nullopt;
    return key->value;
  }
  return std::nullopt;
}

}  // namespace

Result<CertificateKeys> extract_certificate_keys(std::string_view der) {
  auto cert = der::read_single(der, der::kSequence);
  if (!cert) return fail(Code::kMalformed, "not a DER certificate (outer SEQUENCE)");
  der::Reader top(cert->value);
  der::Tlv tbs;
  if (!top.read(der::kSequence, tbs)) return fail(Code::kMalformed, "certificate without TBSCertificate");
  der::Reader r(tbs.value);
  der::Tlv version, serial, algorithm, issuer, validity, subject, spki;
  r.read_optional(der::context_constructed(0), version);
  if (!r.read(der::kInteger, serial) || !r.read(der::kSequence, algorithm) || !r.read(der::kSequence, issuer) ||
      !r.read(der::kSequence, validity) || !r.read(der::kSequence, subject) || !r.read(der::kSequence, spki)) {
    return fail(Code::kMalformed, "TBSCertificate fields up to subjectPublicKeyInfo are malformed");
  }
  CertificateKeys keys{subject.whole, spki.whole, std::nullopt};
  der::Tlv field;
  while (!r.empty() && r.next(field)) {
    if (field.tag == der::context_constructed(3)) keys.ski = find_ski(field.value);
  }
  return keys;
}

}  // namespace assay::engine
