#include "engine/x509/revocation_builder.h"

#include <openssl/evp.h>

#include "engine/check.h"
#include "engine/x509/internal/builder_util.h"
#include "engine/x509/internal/der.h"

namespace assay::engine {
namespace {

using namespace x509_internal;

constexpr std::string_view kOidCrlReason = "2.5.29.21";
constexpr std::string_view kOidCrlNumber = "2.5.29.20";
constexpr std::string_view kOidAuthorityKeyId = "2.5.29.35";
constexpr std::string_view kOidOcspBasic = "1.3.6.1.5.5.7.48.1.1";

std::string enumerated(std::int64_t v) {
  std::string e = der::integer(v);
  e[0] = static_cast<char>(der::kEnumerated);
  return e;
}

// SHA-x of bytes, for OCSP CertID and ResponderID.
std::string digest(std::string_view data, DigestAlgorithm d) {
  const EVP_MD* md = d == DigestAlgorithm::kSha1     ? EVP_sha1()
                     : d == DigestAlgorithm::kSha256 ? EVP_sha256()
                     : d == DigestAlgorithm::kSha384 ? EVP_sha384()
                                                     : EVP_sha512();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  ASSAY_CHECK(EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) == 1);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string digest_algorithm_identifier(DigestAlgorithm d) {
  std::string_view oid = "1.3.14.3.2.26";
  if (d == DigestAlgorithm::kSha256) oid = "2.16.840.1.101.3.4.2.1";
  if (d == DigestAlgorithm::kSha384) oid = "2.16.840.1.101.3.4.2.2";
  if (d == DigestAlgorithm::kSha512) oid = "2.16.840.1.101.3.4.2.3";
  return der::sequence({*der::oid(oid), der::null()});
}

// The subjectPublicKey BIT STRING contents (without the unused-bits octet).
std::string_view public_key_bits(const Certificate& c) {
  auto seq = der::read_single(c.public_key().der, der::kSequence);
  ASSAY_CHECK(seq.has_value());  // the Certificate parser already validated it
  der::Reader r(seq->value);
  der::Tlv alg, bits;
  ASSAY_CHECK(r.read(der::kSequence, alg) && r.read(der::kBitString, bits) && !bits.value.empty());
  return bits.value.substr(1);
}

}  // namespace

Result<std::string> build_crl(const CrlSpec& spec, const Certificate& issuer, const PrivateKey& signing_key) {
  std::vector<std::string> entries;
  for (const auto& r : spec.revoked) {
    auto serial = hex_decode(r.serial_hex);
    if (!serial) return fail(Code::kInvalidArgument, "bad serial hex '" + r.serial_hex + "'");
    std::string entry = der::unsigned_integer(*serial) + der::x509_time(r.revocation_time);
    std::vector<std::string> entry_extensions;
    if (r.reason) {
      auto ext = extension(kOidCrlReason, false, enumerated(static_cast<int>(*r.reason)));
      if (!ext) return std::unexpected(ext.error());
      entry_extensions.push_back(std::move(*ext));
    }
    if (!r.certificate_issuer_der.empty()) {
      auto ext = extension("2.5.29.29", true, r.certificate_issuer_der);
      if (!ext) return std::unexpected(ext.error());
      entry_extensions.push_back(std::move(*ext));
    }
    for (const auto& raw : r.extensions) {
      auto ext = extension(raw.oid, raw.critical, raw.value);
      if (!ext) return std::unexpected(ext.error());
      entry_extensions.push_back(std::move(*ext));
    }
    if (!entry_extensions.empty()) entry += der::sequence_of(entry_extensions);
    entries.push_back(der::tlv(der::kSequence, entry));
  }
  // RFC 5280 5.1.2: TBSCertList v2
  std::string tbs_body = der::integer(1) + signing_key.signature_algorithm(spec.digest) + issuer.subject().der +
                         der::x509_time(spec.this_update);
  if (spec.next_update) tbs_body += der::x509_time(*spec.next_update);
  if (!entries.empty()) tbs_body += der::sequence_of(entries);
  std::vector<std::string> extensions;
  auto aki = extension(kOidAuthorityKeyId, false,
                       der::sequence({der::tlv(der::context(0), authority_key_identifier(issuer))}));
  if (!aki) return std::unexpected(aki.error());
  extensions.push_back(std::move(*aki));
  if (spec.crl_number) {
    auto number = extension(kOidCrlNumber, false, der::integer(*spec.crl_number));
    if (!number) return std::unexpected(number.error());
    extensions.push_back(std::move(*number));
  }
  if (spec.delta_base) {
    auto base = extension("2.5.29.27", true, der::integer(*spec.delta_base));
    if (!base) return std::unexpected(base.error());
    extensions.push_back(std::move(*base));
  }
  if (!spec.issuing_distribution_point_der.empty()) {
    auto idp = extension("2.5.29.28", true, spec.issuing_distribution_point_der);
    if (!idp) return std::unexpected(idp.error());
    extensions.push_back(std::move(*idp));
  }
  for (const auto& raw : spec.extensions) {
    auto ext = extension(raw.oid, raw.critical, raw.value);
    if (!ext) return std::unexpected(ext.error());
    extensions.push_back(std::move(*ext));
  }
  tbs_body += der::explicit_tag(0, der::sequence_of(extensions));
  return sign_structure(der::tlv(der::kSequence, tbs_body), signing_key, spec.digest);
}

Result<std::string> build_ocsp_response(const OcspResponseSpec& spec, const Certificate& responder,
                                        const PrivateKey& responder_key) {
  std::vector<std::string> singles;
  for (const auto& s : spec.responses) {
    if (s.subject == nullptr || s.issuer == nullptr) {
      return fail(Code::kInvalidArgument, "OCSP single response without subject or issuer");
    }
    // RFC 6960 4.1.1 CertID: hashes of the issuer's Name and of its public key bits.
    const std::string cert_id = der::sequence({digest_algorithm_identifier(spec.cert_id_digest),
                                               der::octet_string(digest(s.issuer->subject().der, spec.cert_id_digest)),
                                               der::octet_string(digest(public_key_bits(*s.issuer), spec.cert_id_digest)),
                                               s.subject->serial_der()});
    std::string status;
    switch (s.status) {
      case OcspCertStatus::kGood: status = der::tlv(der::context(0), {}); break;
      case OcspCertStatus::kUnknown: status = der::tlv(der::context(2), {}); break;
      case OcspCertStatus::kRevoked: {
        std::string info = der::generalized_time(s.revocation_time);
        if (s.reason) info += der::explicit_tag(0, enumerated(static_cast<int>(*s.reason)));
        status = der::tlv(der::context_constructed(1), info);
        break;
      }
    }
    std::string single = cert_id + status + der::generalized_time(s.this_update);
    if (s.next_update) single += der::explicit_tag(0, der::generalized_time(*s.next_update));
    singles.push_back(der::tlv(der::kSequence, single));
  }
  // RFC 6960 4.2.1 ResponseData (version v1 is the DEFAULT and therefore omitted).
  const std::string responder_id =
      spec.responder_id == OcspResponderId::kByName
          ? der::explicit_tag(1, responder.subject().der)
          : der::explicit_tag(2, der::octet_string(digest(public_key_bits(responder), DigestAlgorithm::kSha1)));
  std::string tbs_body = responder_id + der::generalized_time(spec.produced_at) + der::sequence_of(singles);
  if (spec.nonce) {
    auto nonce = extension("1.3.6.1.5.5.7.48.1.2", false, der::octet_string(*spec.nonce));
    if (!nonce) return std::unexpected(nonce.error());
    tbs_body += der::explicit_tag(1, der::sequence({*nonce}));
  }
  const std::string tbs = der::tlv(der::kSequence, tbs_body);
  auto sig = responder_key.sign(tbs, spec.digest);
  if (!sig) return std::unexpected(sig.error());
  std::string basic_body = tbs + sig->algorithm_identifier + der::bit_string(sig->value);
  if (spec.include_responder_certificate) basic_body += der::explicit_tag(0, der::sequence({responder.der()}));
  const std::string basic = der::tlv(der::kSequence, basic_body);
  return der::sequence(
      {enumerated(0), der::explicit_tag(0, der::sequence({*der::oid(kOidOcspBasic), der::octet_string(basic)}))});
}

}  // namespace assay::engine
