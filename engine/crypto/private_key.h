// A private key (RSA or EC) for signing, held behind an engine type so that public headers stay
// free of OpenSSL includes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/error.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace assay::engine::crypto {

// Key families the engine signs with.
enum class KeyAlgorithm { kRsa, kEc };

// Parameters for `PrivateKey::generate` (test keys, samples).
enum class KeySpec { kRsa2048, kRsa3072, kEcP256, kEcP384 };

// An immutable private key. Copies share the same OpenSSL key (reference counted), which is
// safe to use from several threads at once for signing.
class PrivateKey {
 public:
  // Generates a fresh key. Fails with kInternal when OpenSSL cannot (message carries its error).
  static Result<PrivateKey> generate(KeySpec spec);
  // Reads a PEM private key (PKCS#8, or traditional RSA/EC). Encrypted PEM takes `password`.
  // Fails with kMalformed on anything that is not an RSA or EC private key.
  static Result<PrivateKey> from_pem(std::string_view pem, std::string_view password = {});
  // Reads a DER private key (PKCS#8 or traditional). Fails with kMalformed.
  static Result<PrivateKey> from_der(std::string_view der);

  KeyAlgorithm algorithm() const { return algorithm_; }
  // RSA modulus size or EC field size in bits.
  int bits() const;
  // "P-256", "P-384", "P-521" for EC keys; empty for RSA.
  std::string curve_name() const;
  // The public key as DER SubjectPublicKeyInfo.
  std::string public_key_der() const;
  // Unencrypted PKCS#8 PEM (for writing test fixtures and samples).
  std::string to_pem() const;

  // For engine code only: the OpenSSL key, owned by this object (do not free).
  evp_pkey_st* raw() const { return key_.get(); }

 private:
  PrivateKey(std::shared_ptr<evp_pkey_st> key, KeyAlgorithm algorithm)
      : key_(std::move(key)), algorithm_(algorithm) {}
  static Result<PrivateKey> adopt(evp_pkey_st* key);

  std::shared_ptr<evp_pkey_st> key_;
  KeyAlgorithm algorithm_;
};

}  // namespace assay::engine::crypto
