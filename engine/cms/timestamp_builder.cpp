#include "engine/cms/timestamp_builder.h"

#include <algorithm>

#include "engine/cms/signed_data.h"
#include "engine/x509/internal/builder_util.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/ocsp_response.h"

namespace assay::engine::cms {
namespace {

std::string digest_oid_of(DigestAlgorithm d) { return std::string(digest_oid_for_name(digest_name(d))); }

std::string algorithm_identifier(std::string_view oid_der) { return der::sequence({oid_der}); }

std::string attribute(std::string_view oid_der, std::string_view value) {
  return der::sequence({oid_der, der::tlv(der::kSet, value)});
}

std::string issuer_serial(const Certificate& c) {
  // IssuerSerial: GeneralNames { directoryName [4] EXPLICIT Name }, serialNumber.
  return der::sequence({der::sequence({der::explicit_tag(4, c.issuer().der)}), c.serial_der()});
}

}  // namespace

Result<std::string> build_timestamp_token(const TimestampTokenSpec& spec, const Certificate& tsa,
                                          const PrivateKey& tsa_key) {
  auto policy = der::oid(spec.policy_oid);
  auto serial = x509_internal::hex_decode(spec.serial_hex);
  if (!policy || !serial) return fail(Code::kInvalidArgument, "time-stamp builder: bad policy OID or serial");
  const std::string imprint_oid = digest_oid_of(spec.imprint_digest);
  std::string hashed;
  if (spec.hashed_message) {
    hashed = *spec.hashed_message;
  } else {
    auto d = digest_by_oid(imprint_oid, spec.covered_bytes);
    if (!d) return fail(Code::kInvalidArgument, "time-stamp builder: unsupported imprint digest");
    hashed = *d;
  }
  // TSTInfo (RFC 3161 2.4.2), fields in order.
  std::string tst = der::integer(1) + *policy +
                    der::sequence({algorithm_identifier(*der::oid(imprint_oid)), der::octet_string(hashed)}) +
                    der::unsigned_integer(*serial) + der::generalized_time(spec.gen_time);
  if (spec.accuracy) {
    std::string a;
    if (spec.accuracy->seconds != 0) a += der::integer(spec.accuracy->seconds);
    if (spec.accuracy->millis != 0) a += der::tlv(der::context(0), der::integer(spec.accuracy->millis).substr(2));
    if (spec.accuracy->micros != 0) a += der::tlv(der::context(1), der::integer(spec.accuracy->micros).substr(2));
    tst += der::tlv(der::kSequence, a);
  }
  if (spec.ordering) tst += der::boolean(true);
  if (spec.nonce_hex) {
    auto nonce = x509_internal::hex_decode(*spec.nonce_hex);
    if (!nonce) return fail(Code::kInvalidArgument, "time-stamp builder: bad nonce hex");
    tst += der::unsigned_integer(*nonce);
  }
  if (spec.include_tsa_name) tst += der::explicit_tag(0, der::explicit_tag(4, tsa.subject().der));
  const std::string tst_info = der::tlv(der::kSequence, tst);

  const std::string digest_oid = digest_oid_of(spec.digest);
  auto content_digest = digest_by_oid(digest_oid, tst_info);
  if (!content_digest) return fail(Code::kInvalidArgument, "time-stamp builder: unsupported digest");
  std::vector<std::string> attrs;
  attrs.push_back(attribute(*der::oid(kOidContentType), *der::oid(kOidTstInfo)));
  attrs.push_back(attribute(*der::oid(kOidMessageDigest), der::octet_string(*content_digest)));
  if (spec.ess != TimestampTokenSpec::EssVersion::kNone) {
    const bool v1 = spec.ess == TimestampTokenSpec::EssVersion::kV1;
    const std::string& hashed_cert = spec.ess_hashed_certificate_der ? *spec.ess_hashed_certificate_der : tsa.der();
    auto cert_hash = digest_by_oid(v1 ? "1.3.14.3.2.26" : "2.16.840.1.101.3.4.2.1", hashed_cert);
    std::string id = der::octet_string(*cert_hash);  // ESSCertIDv2 hashAlgorithm DEFAULT sha256: omitted
    if (spec.ess_issuer_serial) id += issuer_serial(tsa);
    const std::string signing_certificate = der::sequence({der::sequence({der::tlv(der::kSequence, id)})});
    attrs.push_back(attribute(*der::oid(v1 ? kOidSigningCertificate : kOidSigningCertificateV2), signing_certificate));
  }
  std::sort(attrs.begin(), attrs.end());  // X.690 11.6 (equal-length prefixes cannot occur here)
  if (spec.unsorted_signed_attributes) std::reverse(attrs.begin(), attrs.end());
  std::string attrs_contents;
  for (const auto& a : attrs) attrs_contents += a;
  auto signature = tsa_key.sign(der::tlv(der::kSet, attrs_contents), spec.digest);
  if (!signature) return std::unexpected(signature.error());
  std::string value = signature->value;
  if (spec.corrupt_signature && !value.empty()) value[value.size() / 2] = static_cast<char>(value[value.size() / 2] ^ 0x01);

  std::string sid;
  int version = 1;
  if (spec.signer_id == TimestampTokenSpec::SignerId::kSubjectKeyIdentifier) {
    if (!tsa.subject_key_id()) return fail(Code::kInvalidArgument, "time-stamp builder: the TSA certificate has no SKI");
    sid = der::tlv(der::context(0), *tsa.subject_key_id());
    version = 3;
  } else {
    sid = der::sequence({tsa.issuer().der, tsa.serial_der()});
  }
  const std::string digest_alg = algorithm_identifier(*der::oid(digest_oid));
  const std::string signer_info =
      der::sequence({der::integer(version), sid, digest_alg, der::tlv(der::context_constructed(0), attrs_contents),
                     signature->algorithm_identifier, der::octet_string(value)});
  std::string certificates;
  if (spec.include_tsa_certificate) certificates += tsa.der();
  for (const auto& c : spec.extra_certificates) certificates += c->der();
  // RFC 5652 5.1: version 3 because eContentType is not id-data.
  std::string signed_data = der::integer(3) + der::tlv(der::kSet, digest_alg) +
                            der::sequence({*der::oid(kOidTstInfo), der::explicit_tag(0, der::octet_string(tst_info))});
  if (!certificates.empty()) signed_data += der::tlv(der::context_constructed(0), certificates);
  signed_data += der::tlv(der::kSet, signer_info);
  return der::sequence({*der::oid(kOidSignedData), der::explicit_tag(0, der::tlv(der::kSequence, signed_data))});
}

}  // namespace assay::engine::cms
