#include "engine/x509/certificate_builder.h"

#include <openssl/evp.h>

#include "engine/check.h"
#include "engine/digest.h"
#include "engine/x509/distinguished_name.h"
#include "engine/x509/internal/builder_util.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/internal/extensions.h"

namespace assay::engine {
namespace x509_internal {

std::optional<std::string> hex_decode(std::string_view hex) {
  if (hex.empty()) return std::nullopt;
  // An odd count of digits reads as if a leading 0 were written ("1" is one byte 0x01).
  return from_hex(hex.size() % 2 == 1 ? "0" + std::string(hex) : std::string(hex));
}

std::string key_identifier(std::string_view spki_der) {
  std::string_view key_bits = spki_der;
  if (auto seq = der::read_single(spki_der, der::kSequence)) {
    der::Reader r(seq->value);
    der::Tlv alg, bits;
    if (r.read(der::kSequence, alg) && r.read(der::kBitString, bits) && !bits.value.empty()) {
      key_bits = bits.value.substr(1);
    }
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  ASSAY_CHECK(EVP_Digest(key_bits.data(), key_bits.size(), md, &len, EVP_sha1(), nullptr) == 1);
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string authority_key_identifier(const Certificate& issuer) {
  if (issuer.subject_key_id()) return *issuer.subject_key_id();
  return key_identifier(issuer.public_key().der);
}

Result<std::string> sign_structure(std::string_view tbs, const PrivateKey& key, DigestAlgorithm digest) {
  auto sig = key.sign(tbs, digest);
  if (!sig) return std::unexpected(std::move(sig.error()));
  return der::sequence({tbs, sig->algorithm_identifier, der::bit_string(sig->value)});
}

Result<std::string> extension(std::string_view oid, bool critical, std::string_view value) {
  auto id = der::oid(oid);
  if (!id) return fail(Code::kInvalidArgument, "bad extension OID '" + std::string(oid) + "'");
  // DER: a DEFAULT FALSE value is omitted (X.690 11.5).
  return critical ? der::sequence({*id, der::boolean(true), der::octet_string(value)})
                  : der::sequence({*id, der::octet_string(value)});
}

}  // namespace x509_internal

namespace {

using namespace x509_internal;

std::string string_for(std::string_view oid, std::string_view value) {
  // RFC 5280 4.1.2.4 and appendix A: these attributes are PrintableString / IA5String.
  if (oid == "2.5.4.6" || oid == "2.5.4.5" || oid == "2.5.4.46") return der::printable_string(value);
  if (oid == "1.2.840.113549.1.9.1") return der::ia5_string(value);
  return der::utf8_string(value);
}

Result<std::string> oid_list(const std::vector<std::string>& oids) {
  std::vector<std::string> parts;
  for (const auto& o : oids) {
    auto e = der::oid(o);
    if (!e) return fail(Code::kInvalidArgument, "bad OID '" + o + "'");
    parts.push_back(std::move(*e));
  }
  return der::sequence_of(parts);
}

// KeyUsage BIT STRING with trailing zero bits removed (X.690 11.2.2).
std::string key_usage_value(std::uint16_t mask) {
  std::string bytes;
  int highest = -1;
  for (int bit = 0; bit <= 8; ++bit) {
    if (mask & (1u << bit)) highest = bit;
  }
  if (highest < 0) return der::bit_string({}, 0);
  bytes.assign(static_cast<std::size_t>(highest / 8 + 1), '\0');
  for (int bit = 0; bit <= highest; ++bit) {
    if (mask & (1u << bit)) bytes[static_cast<std::size_t>(bit / 8)] |= static_cast<char>(0x80 >> (bit % 8));
  }
  return der::bit_string(bytes, static_cast<unsigned>(7 - highest % 8));
}

Result<std::string> extensions_der(const CertificateSpec& spec, std::string_view subject_spki,
                                   const std::optional<std::string>& aki) {
  std::vector<std::string> list;
  auto add = [&](std::string_view oid, bool critical, std::string_view value) -> Result<void> {
    auto e = extension(oid, critical, value);
    if (!e) return std::unexpected(std::move(e.error()));
    list.push_back(std::move(*e));
    return {};
  };
  Result<void> ok;
  if (spec.ca) {
    std::vector<std::string> bc;
    if (*spec.ca) bc.push_back(der::boolean(true));  // DEFAULT FALSE is omitted
    if (spec.path_length) bc.push_back(der::integer(*spec.path_length));
    if (!(ok = add(x509_internal::kOidBasicConstraints, true, der::sequence_of(bc)))) return std::unexpected(ok.error());
  }
  if (spec.key_usage != 0 && !(ok = add(kOidKeyUsage, true, key_usage_value(spec.key_usage)))) {
    return std::unexpected(ok.error());
  }
  if (!spec.extended_key_usages.empty()) {
    auto v = oid_list(spec.extended_key_usages);
    if (!v) return std::unexpected(v.error());
    if (!(ok = add(kOidExtKeyUsage, false, *v))) return std::unexpected(ok.error());
  }
  if (!spec.policies.empty()) {
    std::vector<std::string> infos;
    for (const auto& p : spec.policies) {
      auto o = der::oid(p);
      if (!o) return fail(Code::kInvalidArgument, "bad policy OID '" + p + "'");
      infos.push_back(der::sequence({*o}));
    }
    if (!(ok = add(kOidCertificatePolicies, false, der::sequence_of(infos)))) return std::unexpected(ok.error());
  }
  if (spec.key_identifiers == KeyIdentifiers::kAuto) {
    if (!(ok = add(kOidSubjectKeyId, false, der::octet_string(key_identifier(subject_spki))))) {
      return std::unexpected(ok.error());
    }
    if (aki && !(ok = add(kOidAuthorityKeyId, false, der::sequence({der::tlv(der::context(0), *aki)})))) {
      return std::unexpected(ok.error());
    }
  }
  if (!spec.crl_urls.empty()) {
    std::vector<std::string> points;
    for (const auto& u : spec.crl_urls) {
      // DistributionPoint {distributionPoint [0] {fullName [0] {uniformResourceIdentifier [6]}}}
      points.push_back(der::sequence({der::explicit_tag(0, der::explicit_tag(0, der::tlv(der::context(6), u)))}));
    }
    if (!(ok = add(kOidCrlDistributionPoints, false, der::sequence_of(points)))) return std::unexpected(ok.error());
  }
  if (!spec.ocsp_urls.empty() || !spec.ca_issuer_urls.empty()) {
    std::vector<std::string> access;
    for (const auto& u : spec.ocsp_urls) access.push_back(der::sequence({*der::oid(kOidOcsp), der::tlv(der::context(6), u)}));
    for (const auto& u : spec.ca_issuer_urls) {
      access.push_back(der::sequence({*der::oid(kOidCaIssuers), der::tlv(der::context(6), u)}));
    }
    if (!(ok = add(kOidAuthorityInfoAccess, false, der::sequence_of(access)))) return std::unexpected(ok.error());
  }
  if (spec.qc_statements) {
    auto qc = encode_qc_statements(*spec.qc_statements);
    if (!qc) return std::unexpected(qc.error());
    if (!(ok = add(qc_oid::kQcStatementsExtension, false, *qc))) return std::unexpected(ok.error());
  }
  for (const auto& raw : spec.raw_extensions) {
    if (!(ok = add(raw.oid, raw.critical, raw.value))) return std::unexpected(ok.error());
  }
  if (list.empty()) return std::string();
  return der::explicit_tag(3, der::sequence_of(list));
}

Result<CertificatePtr> build(const CertificateSpec& spec, std::string_view subject_spki,
                             const std::optional<std::string>& issuer_name_der, const std::optional<std::string>& aki,
                             const PrivateKey& signing_key) {
  auto serial = hex_decode(spec.serial_hex);
  if (!serial) return fail(Code::kInvalidArgument, "bad serial hex '" + spec.serial_hex + "'");
  auto subject = encode_name(spec.subject);
  if (!subject) return std::unexpected(subject.error());
  auto extensions = extensions_der(spec, subject_spki, aki);
  if (!extensions) return std::unexpected(extensions.error());
  // The TBS signature field must equal the outer AlgorithmIdentifier (RFC 5280 4.1.2.3).
  const std::string algorithm = signing_key.signature_algorithm(spec.digest);
  // RFC 5280 4.1.2: TBSCertificate, v3.
  const std::string tbs = der::sequence({der::explicit_tag(0, der::integer(2)), der::unsigned_integer(*serial),
                                         algorithm,
                                         issuer_name_der ? std::string_view(*issuer_name_der) : std::string_view(*subject),
                                         der::sequence({der::x509_time(spec.not_before), der::x509_time(spec.not_after)}),
                                         *subject, subject_spki, *extensions});
  auto signed_der = sign_structure(tbs, signing_key, spec.digest);
  if (!signed_der) return std::unexpected(signed_der.error());
  auto cert = Certificate::parse_der(*signed_der);
  if (!cert) return fail(Code::kInternal, "built certificate does not parse: " + cert.error().message());
  return cert;
}

}  // namespace

Result<std::string> encode_name(const std::vector<NameEntry>& entries) {
  std::vector<std::string> rdns;
  for (const auto& e : entries) {
    auto oid = attribute_oid(e.type);
    if (!oid) return fail(Code::kInvalidArgument, "unknown attribute type '" + e.type + "'");
    auto type = der::oid(*oid);
    ASSAY_CHECK(type.has_value());
    rdns.push_back(der::tlv(der::kSet, der::sequence({*type, string_for(*oid, e.value)})));
  }
  return der::sequence_of(rdns);
}

Result<CertificatePtr> build_self_signed(const CertificateSpec& spec, const PrivateKey& key) {
  const std::string& spki = key.public_key_der();
  return build(spec, spki, std::nullopt, key_identifier(spki), key);
}

Result<CertificatePtr> build_certificate(const CertificateSpec& spec, std::string_view subject_public_key_der,
                                         const Certificate& issuer, const PrivateKey& signing_key) {
  return build(spec, subject_public_key_der, issuer.subject().der, authority_key_identifier(issuer), signing_key);
}

}  // namespace assay::engine
