#include "engine/x509/ocsp_response.h"

#include <openssl/evp.h>

#include "engine/x509/internal/der.h"
#include "engine/x509/internal/extensions.h"
#include "engine/x509/internal/revocation_der.h"
#include "engine/x509/internal/signature_check.h"

namespace assay::engine {
namespace {

using namespace x509_internal;

constexpr std::string_view kOidOcspBasic = "1.3.6.1.5.5.7.48.1.1";
constexpr std::string_view kOidOcspNonce = "1.3.6.1.5.5.7.48.1.2";
constexpr std::string_view kOidOcspCrlId = "1.3.6.1.5.5.7.48.1.3";
constexpr std::string_view kOidOcspArchiveCutoff = "1.3.6.1.5.5.7.48.1.6";
constexpr std::string_view kOidOcspExtendedRevoke = "1.3.6.1.5.5.7.48.1.9";
constexpr std::string_view kOidCrlReason = "2.5.29.21";
constexpr std::string_view kOidInvalidityDate = "2.5.29.24";

constexpr std::string_view kSha1 = "1.3.14.3.2.26";

std::unexpected<Error> malformed(std::string what) { return fail(Code::kMalformed, "OCSP response: " + std::move(what)); }

bool known_extension(std::string_view oid) {
  return oid == kOidOcspNonce || oid == kOidOcspCrlId || oid == kOidOcspArchiveCutoff ||
         oid == kOidOcspExtendedRevoke || oid == kOidCrlReason || oid == kOidInvalidityDate;
}

std::string digest_oid(DigestAlgorithm d) {
  switch (d) {
    case DigestAlgorithm::kSha1: return std::string(kSha1);
    case DigestAlgorithm::kSha256: return "2.16.840.1.101.3.4.2.1";
    case DigestAlgorithm::kSha384: return "2.16.840.1.101.3.4.2.2";
    case DigestAlgorithm::kSha512: return "2.16.840.1.101.3.4.2.3";
  }
  return std::string(kSha1);
}

}  // namespace

std::string_view ocsp_response_status_name(OcspResponseStatus status) noexcept {
  switch (status) {
    case OcspResponseStatus::kSuccessful: return "successful";
    case OcspResponseStatus::kMalformedRequest: return "malformedRequest";
    case OcspResponseStatus::kInternalError: return "internalError";
    case OcspResponseStatus::kTryLater: return "tryLater";
    case OcspResponseStatus::kSigRequired: return "sigRequired";
    case OcspResponseStatus::kUnauthorized: return "unauthorized";
  }
  return "unknown";
}

std::optional<std::string> digest_by_oid(std::string_view oid, std::string_view data) {
  const EVP_MD* md = oid == kSha1                       ? EVP_sha1()
                     : oid == "2.16.840.1.101.3.4.2.4" ? EVP_sha224()
                     : oid == "2.16.840.1.101.3.4.2.1" ? EVP_sha256()
                     : oid == "2.16.840.1.101.3.4.2.2" ? EVP_sha384()
                     : oid == "2.16.840.1.101.3.4.2.3" ? EVP_sha512()
                                                       : nullptr;
  if (md == nullptr) return std::nullopt;
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::optional<std::string> subject_public_key_bits(std::string_view spki_der) {
  auto seq = der::read_single(spki_der, der::kSequence);
  if (!seq) return std::nullopt;
  der::Reader r(seq->value);
  der::Tlv alg, bits;
  if (!r.read(der::kSequence, alg) || !r.read(der::kBitString, bits) || bits.value.empty()) return std::nullopt;
  return std::string(bits.value.substr(1));
}

CertIdMatch OcspCertId::match(std::string_view serial_contents, std::string_view issuer_name_der,
                              std::string_view issuer_spki_der) const {
  if (serial != serial_contents) return CertIdMatch::kSerialDiffers;
  auto name_hash = digest_by_oid(hash_algorithm_oid, issuer_name_der);
  auto bits = subject_public_key_bits(issuer_spki_der);
  if (!name_hash || !bits) return CertIdMatch::kUnsupportedHash;
  if (*name_hash != issuer_name_hash) return CertIdMatch::kIssuerNameHashDiffers;
  if (digest_by_oid(hash_algorithm_oid, *bits) != issuer_key_hash) return CertIdMatch::kIssuerKeyHashDiffers;
  return CertIdMatch::kMatch;
}

struct OcspParser {
  static Result<OcspResponsePtr> parse(std::string_view bytes, const OcspLimits& limits);
  static Result<void> parse_basic(OcspResponse& o, std::string_view basic, const OcspLimits& limits);
  static Result<OcspSingle> parse_single(std::string_view contents);
};

namespace {

// CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber } (RFC 6960 4.1.1),
// from its contents.
Result<OcspCertId> parse_cert_id(std::string_view contents) {
  der::Reader cr(contents);
  der::Tlv alg, name_hash, key_hash, serial, oid;
  if (!cr.read(der::kSequence, alg) || !cr.read(der::kOctetString, name_hash) ||
      !cr.read(der::kOctetString, key_hash) || !cr.read(der::kInteger, serial) || !cr.empty() || serial.value.empty()) {
    return malformed("malformed CertID");
  }
  der::Reader ar(alg.value);
  if (!ar.read(der::kOid, oid)) return malformed("malformed CertID hashAlgorithm");
  auto text = der::oid_text(oid.value);
  if (!text) return malformed("malformed CertID hashAlgorithm");
  return OcspCertId{*text, std::string(name_hash.value), std::string(key_hash.value), std::string(serial.value)};
}

}  // namespace

Result<OcspSingle> OcspParser::parse_single(std::string_view contents) {
  OcspSingle s;
  der::Reader r(contents);
  der::Tlv cert_id, status, this_update, t;
  if (!r.read(der::kSequence, cert_id)) return malformed("SingleResponse without CertID");
  auto id = parse_cert_id(cert_id.value);
  if (!id) return std::unexpected(id.error());
  s.cert_id = std::move(*id);
  if (!r.next(status)) return malformed("SingleResponse without certStatus");
  if (status.tag == der::context(0)) {
    if (!status.value.empty()) return malformed("certStatus good is not NULL");
    s.status = OcspCertStatus::kGood;
  } else if (status.tag == der::context_constructed(1)) {
    s.status = OcspCertStatus::kRevoked;
    der::Reader rr(status.value);
    der::Tlv when, reason;
    if (!rr.read(der::kGeneralizedTime, when)) return malformed("RevokedInfo without revocationTime");
    s.revocation_time = der::time_value(when);
    if (!s.revocation_time) return malformed("RevokedInfo revocationTime is not a valid time");
    if (rr.read_optional(der::context_constructed(0), reason)) {
      auto e = der::read_single(reason.value, der::kEnumerated);
      s.reason = e ? parse_crl_reason(e->value) : std::nullopt;
      if (!s.reason) return malformed("malformed revocationReason");
    }
    if (!rr.empty() || !rr.ok()) return malformed("trailing data in RevokedInfo");
  } else if (status.tag == der::context(2)) {
    s.status = OcspCertStatus::kUnknown;
  } else {
    return malformed("unknown certStatus choice");
  }
  if (!r.read(der::kGeneralizedTime, this_update)) return malformed("SingleResponse without thisUpdate");
  auto tu = der::time_value(this_update);
  if (!tu) return malformed("thisUpdate is not a valid time");
  s.this_update = *tu;
  if (r.read_optional(der::context_constructed(0), t)) {
    auto nu = der::read_single(t.value, der::kGeneralizedTime);
    auto when = nu ? der::time_value(*nu) : std::nullopt;
    if (!when) return malformed("nextUpdate is not a valid time");
    s.next_update = *when;
  }
  if (r.read_optional(der::context_constructed(1), t)) {
    auto list = der::read_single(t.value, der::kSequence);
    auto exts = list ? parse_extension_list(list->value) : std::nullopt;
    if (!exts) return malformed("malformed singleExtensions");
    for (const auto& x : *exts) {
      if (x.critical && !known_extension(x.oid)) s.unknown_critical_extension = true;
    }
  }
  if (!r.empty() || !r.ok()) return malformed("trailing data in SingleResponse");
  return s;
}

Result<void> OcspParser::parse_basic(OcspResponse& o, std::string_view basic, const OcspLimits& limits) {
  auto seq = der::read_single(basic, der::kSequence);
  if (!seq) return malformed("BasicOCSPResponse is not a single SEQUENCE");
  der::Reader r(seq->value);
  der::Tlv tbs, alg, sig, certs;
  if (!r.read(der::kSequence, tbs) || !r.read(der::kSequence, alg) || !r.read(der::kBitString, sig)) {
    return malformed("BasicOCSPResponse is not {tbsResponseData, signatureAlgorithm, signature, ...}");
  }
  o.tbs_ = std::string(tbs.whole);
  auto algorithm = parse_signature_algorithm(alg.whole);
  if (!algorithm) return malformed("malformed signatureAlgorithm");
  o.signature_algorithm_ = std::move(*algorithm);
  if (sig.value.empty() || sig.value[0] != 0) return malformed("signature has unused bits");
  o.signature_ = std::string(sig.value.substr(1));
  if (r.read_optional(der::context_constructed(0), certs)) {
    auto list = der::read_single(certs.value, der::kSequence);
    if (!list) return malformed("malformed certs");
    der::Reader cr(list->value);
    while (!cr.empty()) {
      der::Tlv c;
      if (!cr.read(der::kSequence, c)) return malformed("malformed certificate in certs");
      if (o.certificates_.size() >= limits.max_certificates) {
        return fail(Code::kResourceExhausted, "OCSP response carries more than " +
                                                  std::to_string(limits.max_certificates) + " certificates (limit)");
      }
      auto cert = Certificate::parse_der(c.whole);
      if (!cert) return malformed("certificate in certs: " + cert.error().message());
      o.certificates_.push_back(std::move(*cert));
    }
  }
  if (!r.empty() || !r.ok()) return malformed("trailing data in BasicOCSPResponse");

  // RFC 6960 4.2.1 ResponseData.
  der::Reader tr(tbs.value);
  der::Tlv version, rid, produced, responses, t;
  if (tr.read_optional(der::context_constructed(0), version)) {
    auto v = der::read_single(version.value, der::kInteger);
    if (!v || der::small_integer(v->value) != 0) return malformed("ResponseData version is not v1");
  }
  if (!tr.next(rid)) return malformed("ResponseData without responderID");
  if (rid.tag == der::context_constructed(1)) {
    auto name = parse_distinguished_name(rid.value);
    if (!name) return malformed("malformed responderID byName");
    o.responder_name_ = std::move(*name);
  } else if (rid.tag == der::context_constructed(2)) {
    auto hash = der::read_single(rid.value, der::kOctetString);
    if (!hash || hash->value.size() != 20) return malformed("responderID byKey is not a SHA-1 hash");
    o.responder_key_hash_ = std::string(hash->value);
  } else {
    return malformed("unknown responderID choice");
  }
  if (!tr.read(der::kGeneralizedTime, produced)) return malformed("ResponseData without producedAt");
  auto when = der::time_value(produced);
  if (!when) return malformed("producedAt is not a valid time");
  o.produced_at_ = *when;
  if (!tr.read(der::kSequence, responses)) return malformed("ResponseData without responses");
  der::Reader rr(responses.value);
  while (!rr.empty()) {
    der::Tlv single;
    if (!rr.read(der::kSequence, single)) return malformed("SingleResponse is not a SEQUENCE");
    if (o.responses_.size() >= limits.max_responses) {
      return fail(Code::kResourceExhausted,
                  "OCSP response has more than " + std::to_string(limits.max_responses) + " single responses (limit)");
    }
    auto s = parse_single(single.value);
    if (!s) return std::unexpected(s.error());
    o.responses_.push_back(std::move(*s));
  }
  if (tr.read_optional(der::context_constructed(1), t)) {
    auto list = der::read_single(t.value, der::kSequence);
    auto exts = list ? parse_extension_list(list->value) : std::nullopt;
    if (!exts) return malformed("malformed responseExtensions");
    for (const auto& x : *exts) {
      if (x.oid == kOidOcspNonce) {
        // RFC 8954 2.1: the value is an OCTET STRING; older responders put the raw bytes.
        auto inner = der::read_single(x.value, der::kOctetString);
        o.nonce_ = inner ? std::string(inner->value) : x.value;
      } else if (x.critical && !known_extension(x.oid)) {
        o.unknown_critical_ = true;
      }
    }
  }
  if (!tr.empty() || !tr.ok()) return malformed("trailing data in ResponseData");
  return {};
}

Result<OcspResponsePtr> OcspParser::parse(std::string_view bytes, const OcspLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return fail(Code::kResourceExhausted, "OCSP response of " + std::to_string(bytes.size()) +
                                              " bytes is over the limit of " + std::to_string(limits.max_bytes) + " bytes");
  }
  if (bytes.empty()) return malformed("empty input");
  auto outer = der::read_single(bytes, der::kSequence);
  if (!outer) return malformed("not a single DER SEQUENCE (truncated, or trailing bytes)");
  if (!strict_der_lengths(bytes)) return malformed("not DER (non-minimal or inconsistent lengths)");
  std::shared_ptr<OcspResponse> o(new OcspResponse());
  o->der_ = std::string(bytes);
  o->sha256_ = engine::sha256(bytes);
  der::Reader r(outer->value);
  der::Tlv status, response_bytes;
  if (!r.read(der::kEnumerated, status)) return malformed("missing responseStatus");
  auto code = der::small_integer(status.value);
  if (!code || *code > 6 || *code == 4) return malformed("unknown responseStatus");
  o->status_ = static_cast<OcspResponseStatus>(*code);
  const bool has_bytes = r.read_optional(der::context_constructed(0), response_bytes);
  if (!r.empty() || !r.ok()) return malformed("trailing data in OCSPResponse");
  if (o->status_ != OcspResponseStatus::kSuccessful) return OcspResponsePtr(std::move(o));
  if (!has_bytes) return malformed("successful response without responseBytes");
  auto rb = der::read_single(response_bytes.value, der::kSequence);
  if (!rb) return malformed("malformed responseBytes");
  der::Reader br(rb->value);
  der::Tlv type, body;
  if (!br.read(der::kOid, type) || !br.read(der::kOctetString, body) || !br.empty()) {
    return malformed("malformed responseBytes");
  }
  if (der::oid_text(type.value) != kOidOcspBasic) return fail(Code::kUnsupported, "OCSP response type is not id-pkix-ocsp-basic");
  if (!strict_der_lengths(body.value)) return malformed("BasicOCSPResponse is not DER");
  if (auto ok = parse_basic(*o, body.value, limits); !ok) return std::unexpected(ok.error());
  return OcspResponsePtr(std::move(o));
}

Result<OcspResponsePtr> OcspResponse::parse_der(std::string_view der, const OcspLimits& limits) {
  return OcspParser::parse(der, limits);
}

bool OcspResponse::responder_matches(const DistinguishedName& subject, std::string_view spki_der) const {
  if (responder_name_) return equivalent_names(*responder_name_, subject);
  if (!responder_key_hash_) return false;
  auto bits = subject_public_key_bits(spki_der);
  return bits && digest_by_oid(kSha1, *bits) == *responder_key_hash_;
}

Result<bool> OcspResponse::verify_signed_by(const Certificate& signer) const {
  if (auto known = memo_.find(signer.public_key().der)) return *known;
  auto ok = verify_signature(signer.openssl_public_key(), signature_algorithm_, signature_, tbs_);
  if (ok) memo_.remember(signer.public_key().der, *ok);
  return ok;
}

Result<bool> OcspResponse::verify_signed_by_key(std::string_view spki_der) const {
  if (auto known = memo_.find(spki_der)) return *known;
  auto ok = verify_signature_spki(spki_der, signature_algorithm_, signature_, tbs_);
  if (ok) memo_.remember(spki_der, *ok);
  return ok;
}

Result<std::string> build_ocsp_request(const Certificate& certificate, std::string_view issuer_name_der,
                                       std::string_view issuer_spki_der, DigestAlgorithm cert_id_digest,
                                       const std::optional<std::string>& nonce) {
  const std::string oid = digest_oid(cert_id_digest);
  auto bits = subject_public_key_bits(issuer_spki_der);
  if (!bits) return fail(Code::kInvalidArgument, "issuer key is not a SubjectPublicKeyInfo");
  auto name_hash = digest_by_oid(oid, issuer_name_der);
  auto key_hash = digest_by_oid(oid, *bits);
  if (!name_hash || !key_hash) return fail(Code::kInternal, "cannot hash the CertID");
  const std::string cert_id = der::sequence({der::sequence({*der::oid(oid), der::null()}), der::octet_string(*name_hash),
                                             der::octet_string(*key_hash), certificate.serial_der()});
  std::string tbs_request = der::sequence({der::sequence({der::sequence({cert_id})})});
  if (nonce) {
    const std::string ext = der::sequence({*der::oid(kOidOcspNonce), der::octet_string(der::octet_string(*nonce))});
    auto body = der::read_single(tbs_request, der::kSequence);
    tbs_request = der::tlv(der::kSequence, std::string(body->value) + der::explicit_tag(2, der::sequence({ext})));
  }
  return der::sequence({tbs_request});
}

Result<std::vector<OcspCertId>> parse_ocsp_request_cert_ids(std::string_view der, std::size_t max_requests) {
  // OCSPRequest ::= SEQUENCE { tbsRequest, optionalSignature [0] EXPLICIT OPTIONAL }
  // TBSRequest ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, requestorName [1] EXPLICIT OPTIONAL,
  //                           requestList SEQUENCE OF Request, requestExtensions [2] EXPLICIT OPTIONAL }
  // Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT OPTIONAL }
  auto outer = der::read_single(der, der::kSequence);
  if (!outer) return fail(Code::kMalformed, "not a DER OCSPRequest");
  der::Reader r(outer->value);
  der::Tlv tbs, t, list;
  if (!r.read(der::kSequence, tbs)) return fail(Code::kMalformed, "OCSPRequest without tbsRequest");
  der::Reader tr(tbs.value);
  tr.read_optional(der::context_constructed(0), t);
  tr.read_optional(der::context_constructed(1), t);
  if (!tr.read(der::kSequence, list)) return fail(Code::kMalformed, "OCSPRequest without requestList");
  std::vector<OcspCertId> out;
  der::Reader lr(list.value);
  while (!lr.empty()) {
    der::Tlv request, cert_id;
    if (!lr.read(der::kSequence, request)) return fail(Code::kMalformed, "malformed Request in requestList");
    der::Reader qr(request.value);
    if (!qr.read(der::kSequence, cert_id)) return fail(Code::kMalformed, "Request without reqCert");
    if (out.size() == max_requests) {
      return fail(Code::kResourceExhausted, "more than " + std::to_string(max_requests) + " requests in one OCSPRequest");
    }
    auto id = parse_cert_id(cert_id.value);
    if (!id) return fail(Code::kMalformed, "OCSPRequest with a malformed CertID");
    out.push_back(std::move(*id));
  }
  if (out.empty()) return fail(Code::kMalformed, "OCSPRequest with an empty requestList");
  return out;
}

}  // namespace assay::engine
