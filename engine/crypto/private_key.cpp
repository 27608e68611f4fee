#include "engine/crypto/private_key.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include "engine/check.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/internal/openssl_util.h"

namespace assay::engine {
namespace {

const EVP_MD* md_of(DigestAlgorithm d) {
  switch (d) {
    case DigestAlgorithm::kSha1: return EVP_sha1();
    case DigestAlgorithm::kSha256: return EVP_sha256();
    case DigestAlgorithm::kSha384: return EVP_sha384();
    case DigestAlgorithm::kSha512: return EVP_sha512();
  }
  return EVP_sha256();
}

// AlgorithmIdentifier for the signature: RFC 4055 5 (RSA, NULL parameters) and RFC 5758 3.2
// (ECDSA, parameters absent).
std::string algorithm_identifier(bool rsa, DigestAlgorithm d) {
  std::string_view oid;
  switch (d) {
    case DigestAlgorithm::kSha1: oid = rsa ? "1.2.840.113549.1.1.5" : "1.2.840.10045.4.1"; break;
    case DigestAlgorithm::kSha256: oid = rsa ? "1.2.840.113549.1.1.11" : "1.2.840.10045.4.3.2"; break;
    case DigestAlgorithm::kSha384: oid = rsa ? "1.2.840.113549.1.1.12" : "1.2.840.10045.4.3.3"; break;
    case DigestAlgorithm::kSha512: oid = rsa ? "1.2.840.113549.1.1.13" : "1.2.840.10045.4.3.4"; break;
  }
  auto id = der::oid(oid);
  ASSAY_CHECK(id.has_value());
  return rsa ? der::sequence({*id, der::null()}) : der::sequence({*id});
}

}  // namespace

std::string_view digest_name(DigestAlgorithm digest) noexcept {
  switch (digest) {
    case DigestAlgorithm::kSha1: return "SHA-1";
    case DigestAlgorithm::kSha256: return "SHA-256";
    case DigestAlgorithm::kSha384: return "SHA-384";
    case DigestAlgorithm::kSha512: return "SHA-512";
  }
  return "SHA-256";
}

void PrivateKey::Free::operator()(evp_pkey_st* key) const noexcept { EVP_PKEY_free(key); }

PrivateKey::PrivateKey(evp_pkey_st* adopted) : key_(adopted) {
  unsigned char* out = nullptr;
  const int n = i2d_PUBKEY(key_.get(), &out);
  ASSAY_CHECK(n > 0);  // a key OpenSSL just created or loaded always has a public encoding
  public_key_der_.assign(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
}

PrivateKey::PrivateKey(const PrivateKey& other) : public_key_der_(other.public_key_der_) {
  EVP_PKEY_up_ref(other.key_.get());
  key_.reset(other.key_.get());
}

PrivateKey& PrivateKey::operator=(const PrivateKey& other) {
  if (this != &other) {
    EVP_PKEY_up_ref(other.key_.get());
    key_.reset(other.key_.get());
    public_key_der_ = other.public_key_der_;
  }
  return *this;
}

PrivateKey::~PrivateKey() = default;

Result<PrivateKey> PrivateKey::generate(KeyAlgorithm algorithm) {
  EVP_PKEY* key = nullptr;
  switch (algorithm) {
    case KeyAlgorithm::kRsa2048: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}); break;
    case KeyAlgorithm::kRsa3072: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{3072}); break;
    case KeyAlgorithm::kRsa4096: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{4096}); break;
    case KeyAlgorithm::kEcP256: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
    case KeyAlgorithm::kEcP384: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"); break;
  }
  if (key == nullptr) return ossl::fail_openssl(Code::kInternal, "key generation failed");
  return PrivateKey(key);  // adopts `key`
}

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem) {
  ossl::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return ossl::fail_openssl(Code::kInternal, "BIO_new_mem_buf");
  // No password callback: encrypted keys fail instead of prompting on a terminal.
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, [](char*, int, int, void*) noexcept { return 0; },
                                          nullptr);
  if (key == nullptr) return ossl::fail_openssl(Code::kMalformed, "not an unencrypted PEM private key");
  PrivateKey out(key);  // adopts `key`
  const int id = EVP_PKEY_get_base_id(key);
  if (id != EVP_PKEY_RSA && id != EVP_PKEY_EC) return fail(Code::kUnsupported, "only RSA and EC keys are supported");
  return out;
}

Result<std::string> PrivateKey::to_pem() const {
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return ossl::fail_openssl(Code::kInternal, "PEM export failed");
  }
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string_view PrivateKey::algorithm() const { return EVP_PKEY_get_base_id(key_.get()) == EVP_PKEY_RSA ? "RSA" : "EC"; }

int PrivateKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

std::string PrivateKey::signature_algorithm(DigestAlgorithm digest) const {
  return algorithm_identifier(algorithm() == "RSA", digest);
}

Result<SignatureValue> PrivateKey::sign(std::string_view data, DigestAlgorithm digest) const {
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md_of(digest), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, ossl::bytes(data), data.size()) != 1) {
    return ossl::fail_openssl(Code::kInternal, "signing failed");
  }
  SignatureValue out;
  out.value.resize(len);
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.value.data()), &len, ossl::bytes(data),
                     data.size()) != 1) {
    return ossl::fail_openssl(Code::kInternal, "signing failed");
  }
  out.value.resize(len);
  out.algorithm_identifier = algorithm_identifier(algorithm() == "RSA", digest);
  return out;
}

}  // namespace assay::engine
