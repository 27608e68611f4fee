#include "engine/x509/internal/signature_check.h"

#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "engine/x509/internal/decode_cache.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/internal/openssl_util.h"

namespace assay::engine::x509_internal {
namespace {

const EVP_MD* digest_by_name(std::string_view name) {
  if (name == "SHA-1") return EVP_sha1();
  if (name == "SHA-224") return EVP_sha224();
  if (name == "SHA-256") return EVP_sha256();
  if (name == "SHA-384") return EVP_sha384();
  if (name == "SHA-512") return EVP_sha512();
  if (name == "SHA3-256") return EVP_sha3_256();
  if (name == "MD5") return EVP_md5();
  return nullptr;
}

const EVP_MD* digest_by_oid(std::string_view oid) {
  if (oid == "1.3.14.3.2.26") return EVP_sha1();
  if (oid == "2.16.840.1.101.3.4.2.4") return EVP_sha224();
  if (oid == "2.16.840.1.101.3.4.2.1") return EVP_sha256();
  if (oid == "2.16.840.1.101.3.4.2.2") return EVP_sha384();
  if (oid == "2.16.840.1.101.3.4.2.3") return EVP_sha512();
  return nullptr;
}

int required_key_type(std::string_view name) {
  if (name.find("RSAEncryption") != std::string_view::npos || name.starts_with("id-rsassa-pkcs1")) return EVP_PKEY_RSA;
  if (name.starts_with("ecdsa-")) return EVP_PKEY_EC;
  if (name == "Ed25519") return EVP_PKEY_ED25519;
  if (name == "Ed448") return EVP_PKEY_ED448;
  if (name.starts_with("dsa-")) return EVP_PKEY_DSA;
  return EVP_PKEY_NONE;
}

// The OID inside an AlgorithmIdentifier TLV; nullptr digest when absent or unknown.
const EVP_MD* algorithm_digest(std::string_view algorithm_identifier) {
  auto seq = der::read_single(algorithm_identifier, der::kSequence);
  if (!seq) return nullptr;
  der::Reader r(seq->value);
  der::Tlv oid;
  if (!r.read(der::kOid, oid)) return nullptr;
  auto text = der::oid_text(oid.value);
  return text ? digest_by_oid(*text) : nullptr;
}

struct PssParams {
  const EVP_MD* hash = EVP_sha1();
  const EVP_MD* mgf1_hash = EVP_sha1();
  int salt_length = 20;
};

// RFC 4055 3.1 RSASSA-PSS-params; every field has a DEFAULT. nullopt when malformed or when
// the mask generation function is not MGF1 or the trailer field is not 1.
std::optional<PssParams> pss_params(std::string_view algorithm_identifier) {
  PssParams p;
  auto seq = der::read_single(algorithm_identifier, der::kSequence);
  if (!seq) return std::nullopt;
  der::Reader r(seq->value);
  der::Tlv oid, params;
  if (!r.read(der::kOid, oid)) return std::nullopt;
  if (!r.read_optional(der::kSequence, params)) return r.empty() ? std::optional(p) : std::nullopt;
  der::Reader pr(params.value);
  der::Tlv field;
  if (pr.read_optional(der::context_constructed(0), field)) {
    p.hash = algorithm_digest(field.value);
    if (p.hash == nullptr) return std::nullopt;
  }
  if (pr.read_optional(der::context_constructed(1), field)) {
    auto mgf = der::read_single(field.value, der::kSequence);
    if (!mgf) return std::nullopt;
    der::Reader mr(mgf->value);
    der::Tlv mgf_oid, mgf_hash;
    if (!mr.read(der::kOid, mgf_oid) || der::oid_text(mgf_oid.value) != "1.2.840.113549.1.1.8") return std::nullopt;
    if (!mr.read(der::kSequence, mgf_hash)) return std::nullopt;
    p.mgf1_hash = algorithm_digest(mgf_hash.whole);
    if (p.mgf1_hash == nullptr) return std::nullopt;
  }
  if (pr.read_optional(der::context_constructed(2), field)) {
    auto salt = der::read_single(field.value, der::kInteger);
    auto n = salt ? der::small_integer(salt->value) : std::nullopt;
    if (!n || *n > 1024) return std::nullopt;
    p.salt_length = static_cast<int>(*n);
  }
  if (pr.read_optional(der::context_constructed(3), field)) {
    auto trailer = der::read_single(field.value, der::kInteger);
    if (!trailer || der::small_integer(trailer->value) != 1) return std::nullopt;
  }
  if (!pr.empty() || !pr.ok()) return std::nullopt;
  return p;
}

}  // namespace

Result<bool> verify_signature(EVP_PKEY* key, const SignatureAlgorithm& algorithm, std::string_view signature,
                              std::string_view data) {
  if (key == nullptr) return fail(Code::kUnsupported, "the signer's public key cannot be decoded");
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) return ossl::fail_openssl(Code::kInternal, "EVP_MD_CTX_new");
  if (algorithm.name == "RSASSA-PSS") {
    const int type = EVP_PKEY_get_base_id(key);
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_RSA_PSS) return false;
    auto p = pss_params(algorithm.der);
    if (!p) return fail(Code::kUnsupported, "RSASSA-PSS parameters are malformed or unsupported");
    EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
    if (EVP_DigestVerifyInit(ctx.get(), &pctx, p->hash, nullptr, key) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, p->salt_length) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, p->mgf1_hash) != 1) {
      return ossl::fail_openssl(Code::kUnsupported, "cannot set up RSASSA-PSS verification");
    }
  } else {
    const int key_type = required_key_type(algorithm.name);
    if (key_type == EVP_PKEY_NONE) return fail(Code::kUnsupported, "signature algorithm " + algorithm.name + " is not supported");
    if (EVP_PKEY_get_base_id(key) != key_type) return false;  // a key of another type cannot have signed it
    const EVP_MD* md = digest_by_name(algorithm.digest);
    if (md == nullptr && !algorithm.digest.empty()) {
      return fail(Code::kUnsupported, "digest " + algorithm.digest + " is not available");
    }
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) != 1) {
      return ossl::fail_openssl(Code::kUnsupported, "cannot verify " + algorithm.name);
    }
  }
  const int rc = EVP_DigestVerify(ctx.get(), ossl::bytes(signature), signature.size(), ossl::bytes(data), data.size());
  ossl::drain_errors();
  return rc == 1;  // 0: wrong signature; <0: undecodable signature value, equally not a valid one
}

namespace {

// RFC 3279 2.3.1: SubjectPublicKeyInfo {rsaEncryption (NULL parameters), BIT STRING holding
// RSAPublicKey}. Null for anything else (other key types, RSASSA-PSS keys, odd encodings), which
// the general decoder then reads.
ossl::EvpPkeyPtr decode_rsa_public_key(std::string_view spki_der) {
  static constexpr std::string_view kRsaEncryption("\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", 9);
  auto spki = der::read_single(spki_der, der::kSequence);
  if (!spki) return {};
  der::Reader r(spki->value);
  der::Tlv alg, bits, oid, params;
  if (!r.read(der::kSequence, alg) || !r.read(der::kBitString, bits) || !r.empty()) return {};
  der::Reader ar(alg.value);
  if (!ar.read(der::kOid, oid) || oid.value != kRsaEncryption) return {};
  if (!ar.empty() && (!ar.read(der::kNull, params) || !params.value.empty() || !ar.empty())) return {};
  if (bits.value.size() < 2 || bits.value[0] != '\0') return {};
  const std::string_view key = bits.value.substr(1);
  ERR_set_mark();
  const unsigned char* p = ossl::bytes(key);
  ossl::EvpPkeyPtr out(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, static_cast<long>(key.size())));
  if (!out || p != ossl::bytes(key) + key.size()) {
    ERR_pop_to_mark();  // the general decoder reports its own errors
    return {};
  }
  ERR_clear_last_mark();
  return out;
}

}  // namespace

ossl::EvpPkeyPtr decode_public_key(std::string_view spki_der) {
  if (auto rsa = decode_rsa_public_key(spki_der)) return rsa;
  const unsigned char* p = ossl::bytes(spki_der);
  ossl::EvpPkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki_der.size())));
  if (key && p != ossl::bytes(spki_der) + spki_der.size()) {
    ERR_raise_data(ERR_LIB_X509, ERR_R_PASSED_INVALID_ARGUMENT, "trailing bytes after the SubjectPublicKeyInfo");
    return {};
  }
  return key;
}

Result<bool> verify_signature_spki(std::string_view spki_der, const SignatureAlgorithm& algorithm,
                                   std::string_view signature, std::string_view data) {
  const ossl::EvpPkeyPtr key = ossl::decode_public_key(spki_der);
  if (!key) return fail(Code::kUnsupported, "the signer's public key cannot be decoded");
  return verify_signature(key.get(), algorithm, signature, data);
}

}  // namespace assay::engine::x509_internal
