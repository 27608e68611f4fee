// Private keys for the builders (sample federation, tests): generation, PEM load/save, signing.
// Not meant for production key custody: keys live in process memory, PEM is unencrypted.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/error.h"

struct evp_pkey_st;

namespace assay::engine {

enum class KeyAlgorithm { kRsa2048, kRsa3072, kRsa4096, kEcP256, kEcP384 };

enum class DigestAlgorithm { kSha1, kSha256, kSha384, kSha512 };

// "SHA-1", "SHA-256", ...
std::string_view digest_name(DigestAlgorithm digest) noexcept;

// A signature with the AlgorithmIdentifier that names it (RFC 4055 / RFC 5758).
struct SignatureValue {
  std::string algorithm_identifier;  // DER, e.g. sha256WithRSAEncryption + NULL
  std::string value;                 // RSA: the raw signature; ECDSA: DER Ecdsa-Sig-Value
};

// An RSA or EC private key. Copies share the OpenSSL object (its own reference count); the key
// is never modified after creation, so copies may be used from several threads.
class PrivateKey {
 public:
  // Generates a fresh key (random: the only non-deterministic input of the builders).
  // kInternal when OpenSSL fails.
  static Result<PrivateKey> generate(KeyAlgorithm algorithm);
  // Loads an unencrypted PEM private key (PKCS#8 "PRIVATE KEY" or traditional RSA/EC).
  // kMalformed when it does not decode, kUnsupported for key types other than RSA and EC.
  static Result<PrivateKey> from_pem(std::string_view pem);

  PrivateKey(const PrivateKey& other);
  PrivateKey& operator=(const PrivateKey& other);
  PrivateKey(PrivateKey&&) noexcept = default;
  PrivateKey& operator=(PrivateKey&&) noexcept = default;
  ~PrivateKey();

  // Unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").
  Result<std::string> to_pem() const;
  // DER SubjectPublicKeyInfo of the public half.
  const std::string& public_key_der() const { return public_key_der_; }
  // "RSA" or "EC".
  std::string_view algorithm() const;
  int bits() const;
  // The AlgorithmIdentifier DER that sign() reports for `digest` with this key.
  std::string signature_algorithm(DigestAlgorithm digest) const;
  // Signs `data` (RSA: PKCS#1 v1.5; EC: ECDSA) hashing with `digest`. kInternal on failure.
  Result<SignatureValue> sign(std::string_view data, DigestAlgorithm digest) const;
  // The OpenSSL key, owned by this object (engine code only).
  evp_pkey_st* openssl_key() const { return key_.get(); }

 private:
  struct Free {
    void operator()(evp_pkey_st* key) const noexcept;
  };
  explicit PrivateKey(evp_pkey_st* adopted);

  std::unique_ptr<evp_pkey_st, Free> key_;
  std::string public_key_der_;
};

}  // namespace assay::engine
