// Engine-private: digests, base64 and raw signature operations in XML-DSig formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/xmldsig/algorithms.h"
#include "engine/xmldsig/internal/c14n.h"

struct evp_pkey_st;
struct evp_md_ctx_st;

namespace assay::engine::xmldsig::internal {

// Key families the XML signature algorithms distinguish.
enum class KeyFamily { kRsa, kEc };


// Streams bytes into a message digest.
class Hasher final : public ByteSink {
 public:
  explicit Hasher(DigestAlgorithm algorithm);
  ~Hasher() override;
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void write(std::string_view bytes) override;
  // The digest bytes; fails with kInternal on a library failure (also from earlier writes).
  Result<std::string> finish();

 private:
  evp_md_ctx_st* ctx_;
  bool failed_ = false;
};

Result<std::string> digest_bytes(DigestAlgorithm algorithm, std::string_view bytes);

// A SignatureMethod: key family, padding and digest.
struct SignatureMethod {
  KeyFamily key = KeyFamily::kRsa;
  RsaPadding padding = RsaPadding::kPkcs1v15;
  DigestAlgorithm digest = DigestAlgorithm::kSha256;
};

// RFC 6931 URIs (rsa-shaN, ecdsa-shaN, shaN-rsa-MGF1).
std::string_view signature_method_uri(const SignatureMethod& method);
std::optional<SignatureMethod> signature_method_from_uri(std::string_view uri);
// HMAC SignatureMethods (XMLDSig 6.3.1, RFC 6931 2.2): symmetric, never acceptable here.
bool is_hmac_uri(std::string_view uri);

// Signs `data` and returns the SignatureValue bytes (ECDSA as r||s, XMLDSig 1.1 6.4.3).
Result<std::string> sign_data(evp_pkey_st* key, const SignatureMethod& method, std::string_view data);
// True when `signature` (SignatureValue bytes) verifies over `data` with the public key `key`.
// A wrong key type or malformed value is "false"; Error only for library failures.
Result<bool> verify_data(evp_pkey_st* key, const SignatureMethod& method, std::string_view data,
                         std::string_view signature);

}  // namespace assay::engine::xmldsig::internal
