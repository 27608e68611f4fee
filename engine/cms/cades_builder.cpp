#include "engine/cms/cades_builder.h"

#include <algorithm>

#include "engine/cms/cades_attributes.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/ocsp_response.h"

namespace assay::engine::cms {
namespace {

std::string oid(std::string_view dotted) { return *der::oid(dotted); }

std::string attribute(std::string_view type, std::string_view value) {
  return der::sequence({oid(type), der::tlv(der::kSet, value)});
}

std::string sorted_set_contents(std::vector<std::string> items) {
  // X.690 11.6: DER SET OF order (shorter encodings padded with zeros).
  std::sort(items.begin(), items.end(), [](std::string a, std::string b) {
    const std::size_t n = std::max(a.size(), b.size());
    a.resize(n, '\0');
    b.resize(n, '\0');
    return a < b;
  });
  std::string out;
  for (const auto& i : items) out += i;
  return out;
}

std::unexpected<Error> bad(std::string what) { return fail(Code::kInvalidArgument, "CAdES builder: " + std::move(what)); }

// The fields of a ContentInfo/SignedData, as encoded, for re-assembly.
struct Parts {
  std::string version, digest_algorithms, encap, certificates, crls;  // certificates/crls: contents
  std::vector<std::string> signer_infos;                               // whole SignerInfo TLVs
};

Result<Parts> split(std::string_view cms) {
  auto ci = der::read_single(cms, der::kSequence);
  if (!ci) return bad("not a DER ContentInfo");
  der::Reader r(ci->value);
  der::Tlv type, content, t;
  if (!r.read(der::kOid, type) || !r.read(der::context_constructed(0), content)) return bad("malformed ContentInfo");
  auto sd = der::read_single(content.value, der::kSequence);
  if (!sd) return bad("malformed SignedData");
  Parts p;
  der::Reader s(sd->value);
  der::Tlv version, digests, encap;
  if (!s.read(der::kInteger, version) || !s.read(der::kSet, digests) || !s.read(der::kSequence, encap)) {
    return bad("malformed SignedData");
  }
  p.version = std::string(version.whole);
  p.digest_algorithms = std::string(digests.whole);
  p.encap = std::string(encap.whole);
  if (s.read_optional(der::context_constructed(0), t)) p.certificates = std::string(t.value);
  if (s.read_optional(der::context_constructed(1), t)) p.crls = std::string(t.value);
  if (!s.read(der::kSet, t)) return bad("no signerInfos");
  der::Reader si(t.value);
  der::Tlv one;
  while (si.read(der::kSequence, one)) p.signer_infos.emplace_back(one.whole);
  return p;
}

std::string join(const Parts& p) {
  std::string sd = p.version + p.digest_algorithms + p.encap;
  if (!p.certificates.empty()) sd += der::tlv(der::context_constructed(0), p.certificates);
  if (!p.crls.empty()) sd += der::tlv(der::context_constructed(1), p.crls);
  std::string signers;
  for (const auto& s : p.signer_infos) signers += s;
  sd += der::tlv(der::kSet, signers);
  return der::sequence({oid(kOidSignedData), der::explicit_tag(0, der::tlv(der::kSequence, sd))});
}

// SignerInfo with signed attributes `attrs` over `signed_value` for `signer`.
Result<std::string> signer_info(const std::vector<std::string>& attrs, const Certificate& signer, const PrivateKey& key,
                                DigestAlgorithm digest, bool corrupt) {
  const std::string contents = sorted_set_contents(attrs);
  auto signature = key.sign(der::tlv(der::kSet, contents), digest);
  if (!signature) return std::unexpected(signature.error());
  std::string value = signature->value;
  if (corrupt && !value.empty()) value[value.size() / 2] = static_cast<char>(value[value.size() / 2] ^ 0x01);
  const std::string digest_alg = der::sequence({oid(digest_oid_for_name(digest_name(digest)))});
  return der::sequence({der::integer(1), der::sequence({signer.issuer().der, signer.serial_der()}), digest_alg,
                        der::tlv(der::context_constructed(0), contents), signature->algorithm_identifier,
                        der::octet_string(value)});
}

std::string signing_certificate_v2(const Certificate& signer, std::string_view hashed_der) {
  auto hash = digest_by_oid("2.16.840.1.101.3.4.2.1", hashed_der);
  const std::string issuer_serial =
      der::sequence({der::sequence({der::explicit_tag(4, signer.issuer().der)}), signer.serial_der()});
  return der::sequence({der::sequence({der::sequence({der::octet_string(*hash), issuer_serial})})});
}

}  // namespace

Result<std::string> build_cades(const CadesSpec& spec, const Certificate& signer, const PrivateKey& key) {
  const std::string digest_oid(digest_oid_for_name(digest_name(spec.digest)));
  auto content_digest = digest_by_oid(digest_oid, spec.content);
  if (!content_digest) return bad("unsupported digest");
  std::vector<std::string> attrs;
  attrs.push_back(attribute(kOidContentType, oid(kOidData)));
  attrs.push_back(attribute(kOidMessageDigest, der::octet_string(*content_digest)));
  if (spec.signing_time_attribute) attrs.push_back(attribute(kOidSigningTime, der::x509_time(spec.signing_time)));
  if (spec.signing_certificate) {
    attrs.push_back(attribute(kOidSigningCertificateV2,
                              signing_certificate_v2(signer, spec.signing_certificate_hashed_der.value_or(signer.der()))));
  }
  if (spec.signature_policy_oid) {
    auto policy = der::oid(*spec.signature_policy_oid);
    if (!policy) return bad("bad policy OID");
    const std::string hash = *digest_by_oid("2.16.840.1.101.3.4.2.1", "");
    attrs.push_back(attribute(kOidSignaturePolicy,
                              der::sequence({*policy, der::sequence({der::sequence({oid("2.16.840.1.101.3.4.2.1")}),
                                                                     der::octet_string(hash)})})));
  }
  for (const auto& c : spec.commitment_type_oids) {
    auto o = der::oid(c);
    if (!o) return bad("bad commitment type OID");
    attrs.push_back(attribute(kOidCommitmentType, der::sequence({*o})));
  }
  if (spec.content_hints) {
    attrs.push_back(attribute(kOidContentHints, der::sequence({der::utf8_string(*spec.content_hints), oid(kOidData)})));
  }
  if (!spec.claimed_roles.empty()) {
    // SignerAttributeV2 { claimedAttributes [0] EXPLICIT SEQUENCE OF Attribute } with role names
    // as id-at-role (2.5.4.72) UTF8 values.
    std::string values;
    for (const auto& role : spec.claimed_roles) values += der::utf8_string(role);
    const std::string claimed = der::sequence({der::sequence({oid("2.5.4.72"), der::tlv(der::kSet, values)})});
    attrs.push_back(attribute(kOidSignerAttributesV2, der::sequence({der::explicit_tag(0, claimed)})));
  }
  if (spec.content_timestamp) attrs.push_back(attribute(kOidContentTimestamp, *spec.content_timestamp));
  auto si = signer_info(attrs, signer, key, spec.digest, spec.corrupt_signature);
  if (!si) return std::unexpected(si.error());
  Parts p;
  p.version = der::integer(1);
  p.digest_algorithms = der::tlv(der::kSet, der::sequence({oid(digest_oid)}));
  p.encap = spec.detached ? der::sequence({oid(kOidData)})
                          : der::sequence({oid(kOidData), der::explicit_tag(0, der::octet_string(spec.content))});
  p.certificates = signer.der();
  for (const auto& c : spec.chain) p.certificates += c->der();
  p.signer_infos.push_back(std::move(*si));
  return join(p);
}

Result<std::string> add_unsigned_attribute(std::string_view cms, std::size_t signer_index, std::string_view type,
                                           std::string_view value_der) {
  auto p = split(cms);
  if (!p) return std::unexpected(p.error());
  if (signer_index >= p->signer_infos.size()) return bad("no such SignerInfo");
  auto seq = der::read_single(p->signer_infos[signer_index], der::kSequence);
  std::string contents(seq->value);
  der::Reader r(seq->value);
  der::Tlv t;
  std::string before, existing;
  while (r.next(t)) {
    if (t.tag == der::context_constructed(1)) {
      existing = std::string(t.value);
    } else {
      before += t.whole;
    }
  }
  const std::string added = existing + attribute(type, value_der);
  p->signer_infos[signer_index] = der::tlv(der::kSequence, before + der::tlv(der::context_constructed(1), added));
  return join(*p);
}

Result<std::string> remove_unsigned_attribute(std::string_view cms, std::size_t signer_index, std::string_view type) {
  auto p = split(cms);
  if (!p) return std::unexpected(p.error());
  if (signer_index >= p->signer_infos.size()) return bad("no such SignerInfo");
  auto seq = der::read_single(p->signer_infos[signer_index], der::kSequence);
  const std::string type_tlv = oid(type);
  der::Reader r(seq->value);
  der::Tlv t;
  std::string before, kept;
  while (r.next(t)) {
    if (t.tag != der::context_constructed(1)) {
      before += t.whole;
      continue;
    }
    der::Reader ar(t.value);
    der::Tlv a;
    while (ar.read(der::kSequence, a)) {
      if (!a.value.starts_with(type_tlv)) kept += a.whole;
    }
  }
  p->signer_infos[signer_index] =
      der::tlv(der::kSequence, kept.empty() ? before : before + der::tlv(der::context_constructed(1), kept));
  return join(*p);
}

Result<std::string> add_validation_data(std::string_view cms, const std::vector<CertificatePtr>& certificates,
                                        const std::vector<std::string>& crls, const std::vector<std::string>& ocsp) {
  auto p = split(cms);
  if (!p) return std::unexpected(p.error());
  for (const auto& c : certificates) {
    if (p->certificates.find(c->der()) == std::string::npos) p->certificates += c->der();
  }
  for (const auto& crl : crls) p->crls += crl;
  for (const auto& response : ocsp) {
    // RFC 5940 2.2.1: OtherRevocationInfoFormat { id-ri-ocsp-response, OCSPResponse }.
    p->crls += der::tlv(der::context_constructed(1), oid("1.3.6.1.5.5.7.16.2") + response);
  }
  return join(*p);
}

Result<std::string> add_signature_timestamp(std::string_view cms, const Tsa& tsa) {
  auto sd = SignedData::parse_der(cms, CmsLimits{64u << 20, 256, 256, 64, 128});
  if (!sd) return std::unexpected(sd.error());
  auto token = tsa((*sd)->signer_infos().at(0).signature);
  if (!token) return std::unexpected(token.error());
  return add_unsigned_attribute(cms, 0, kOidSignatureTimestamp, *token);
}

Result<std::string> add_archive_timestamp_v3(std::string_view cms, const Tsa& tsa,
                                             std::optional<std::string_view> detached_content) {
  auto sd = SignedData::parse_der(cms, CmsLimits{64u << 20, 256, 256, 64, 128});
  if (!sd) return std::unexpected(sd.error());
  const SignerInfo& si = (*sd)->signer_infos().at(0);
  const std::string sha256_oid = "2.16.840.1.101.3.4.2.1";
  // ATSHashIndexV3 (EN 319 122-1 5.5.2): hashIndAlgorithm DEFAULT sha256 omitted, then the
  // hashes of the certificates, the CRLs and each unsigned attribute value (type || value).
  std::string certs, crls, attrs;
  for (const auto& c : (*sd)->certificates()) certs += der::octet_string(*digest_by_oid(sha256_oid, c->der()));
  for (const auto& c : (*sd)->crls()) crls += der::octet_string(*digest_by_oid(sha256_oid, c));
  for (const auto& a : si.unsigned_attributes) {
    for (const auto& v : a.values) attrs += der::octet_string(*digest_by_oid(sha256_oid, oid(a.oid) + v));
  }
  const std::string index = der::sequence({der::tlv(der::kSequence, certs), der::tlv(der::kSequence, crls),
                                           der::tlv(der::kSequence, attrs)});
  const std::string_view content = (*sd)->content() ? std::string_view(*(*sd)->content()) : detached_content.value_or("");
  auto input = archive_timestamp_v3_input(**sd, si, content, sha256_oid, index);
  if (!input) return std::unexpected(input.error());
  auto token = tsa(*input);
  if (!token) return std::unexpected(token.error());
  auto with_index = add_unsigned_attribute(*token, 0, kOidAtsHashIndexV3, index);
  if (!with_index) return std::unexpected(with_index.error());
  return add_unsigned_attribute(cms, 0, kOidArchiveTimestampV3, *with_index);
}

Result<std::string> add_counter_signature(std::string_view cms, const Certificate& signer, const PrivateKey& key,
                                          UtcTime signing_time) {
  auto sd = SignedData::parse_der(cms, CmsLimits{64u << 20, 256, 256, 64, 128});
  if (!sd) return std::unexpected(sd.error());
  const SignerInfo& parent = (*sd)->signer_infos().at(0);
  // RFC 5652 11.4: message-digest over the parent's signature value; no content-type.
  std::vector<std::string> attrs;
  attrs.push_back(attribute(kOidMessageDigest, der::octet_string(*digest_by_oid("2.16.840.1.101.3.4.2.1", parent.signature))));
  attrs.push_back(attribute(kOidSigningTime, der::x509_time(signing_time)));
  attrs.push_back(attribute(kOidSigningCertificateV2, signing_certificate_v2(signer, signer.der())));
  auto si = signer_info(attrs, signer, key, DigestAlgorithm::kSha256, false);
  if (!si) return std::unexpected(si.error());
  auto with = add_unsigned_attribute(cms, 0, kOidCounterSignature, *si);
  if (!with) return std::unexpected(with.error());
  return add_validation_data(*with, {Certificate::parse_der(signer.der()).value()}, {}, {});
}

}  // namespace assay::engine::cms
