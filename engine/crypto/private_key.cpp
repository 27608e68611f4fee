#include "engine/crypto/private_key.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <climits>

#include "engine/crypto/internal/ossl_handles.h"

namespace assay::engine::crypto {
namespace {

using internal::BioPtr;
using internal::EvpPkeyCtxPtr;
using internal::EvpPkeyPtr;
using internal::openssl_fail;

BioPtr memory_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

// PEM password callback: the password travels through `userdata`; never prompts.
int password_callback(char* buf, int size, int, void* userdata) noexcept {
  const auto* password = static_cast<const std::string_view*>(userdata);
  if (password == nullptr || password->size() > static_cast<std::size_t>(size)) return -1;
  password->copy(buf, password->size());
  return static_cast<int>(password->size());
}

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

}  // namespace

Result<PrivateKey> PrivateKey::adopt(EVP_PKEY* key) {
  EvpPkeyPtr owned(key);
  KeyAlgorithm algorithm;
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: algorithm = KeyAlgorithm::kRsa; break;
    case EVP_PKEY_EC: algorithm = KeyAlgorithm::kEc; break;
    default: return fail(Code::kUnsupported, "private key is neither RSA nor EC");
  }
  // Ownership moves into the shared_ptr, whose deleter frees the key.
  return PrivateKey(std::shared_ptr<EVP_PKEY>(owned.release(), EVP_PKEY_free), algorithm);
}

Result<PrivateKey> PrivateKey::generate(KeySpec spec) {
  EVP_PKEY* key = nullptr;
  switch (spec) {
    case KeySpec::kRsa2048: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)); break;
    case KeySpec::kRsa3072: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(3072)); break;
    case KeySpec::kEcP256: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
    case KeySpec::kEcP384: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"); break;
  }
  if (key == nullptr) return openssl_fail(Code::kInternal, "key generation failed");
  return adopt(key);
}

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem, std::string_view password) {
  if (pem.size() > INT_MAX) return fail(Code::kResourceExhausted, "PEM key too large");
  BioPtr bio = memory_bio(pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, password_callback, &password);
  if (key == nullptr) return openssl_fail(Code::kMalformed, "not a readable PEM private key");
  return adopt(key);
}

Result<PrivateKey> PrivateKey::from_der(std::string_view der) {
  if (der.size() > INT_MAX) return fail(Code::kResourceExhausted, "DER key too large");
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  EVP_PKEY* key = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size()));
  if (key == nullptr) return openssl_fail(Code::kMalformed, "not a readable DER private key");
  return adopt(key);
}

int PrivateKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

std::string PrivateKey::curve_name() const {
  if (algorithm_ != KeyAlgorithm::kEc) return {};
  char name[64] = {};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key_.get(), OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len) != 1) {
    internal::drain_openssl_errors();
    return {};
  }
  const std::string_view group(name, len);
  if (group == "prime256v1" || group == "P-256") return "P-256";
  if (group == "secp384r1" || group == "P-384") return "P-384";
  if (group == "secp521r1" || group == "P-521") return "P-521";
  return std::string(group);
}

std::string PrivateKey::public_key_der() const {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(key_.get(), &der);
  if (len <= 0) {
    internal::drain_openssl_errors();
    return {};
  }
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string PrivateKey::to_pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    internal::drain_openssl_errors();
    return {};
  }
  return bio_contents(bio.get());
}

}  // namespace assay::engine::crypto
