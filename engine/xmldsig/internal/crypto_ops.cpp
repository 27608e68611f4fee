#include "engine/xmldsig/internal/crypto_ops.h"

#include <openssl/rsa.h>

#include <array>

#include "engine/x509/internal/openssl_util.h"

namespace assay::engine::xmldsig::internal {
namespace {

using ossl::BignumPtr;
using ossl::EcdsaSigPtr;
using ossl::EvpMdCtxPtr;
using ossl::drain_errors;
using ossl::fail_openssl;

const EVP_MD* evp_md(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kSha1: return EVP_sha1();
    case DigestAlgorithm::kSha224: return EVP_sha224();
    case DigestAlgorithm::kSha256: return EVP_sha256();
    case DigestAlgorithm::kSha384: return EVP_sha384();
    case DigestAlgorithm::kSha512: return EVP_sha512();
  }
  return nullptr;
}

struct MethodName {
  SignatureMethod method;
  std::string_view uri;
};

constexpr std::string_view kMore = "http://www.w3.org/2001/04/xmldsig-more#";

// RFC 6931 2.3.2-2.3.6 (RSA PKCS#1 v1.5), 2.3.6 (ECDSA), 2.3.10 (RSASSA-PSS with MGF1).
constexpr MethodName kMethods[] = {
    {{KeyFamily::kRsa, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha1}, "http://www.w3.org/2000/09/xmldsig#rsa-sha1"},
    {{KeyFamily::kRsa, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha224}, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha224"},
    {{KeyFamily::kRsa, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha256}, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"},
    {{KeyFamily::kRsa, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha384}, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"},
    {{KeyFamily::kRsa, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha512}, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"},
    {{KeyFamily::kEc, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha1}, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1"},
    {{KeyFamily::kEc, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha224}, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224"},
    {{KeyFamily::kEc, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha256}, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"},
    {{KeyFamily::kEc, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha384}, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"},
    {{KeyFamily::kEc, RsaPadding::kPkcs1v15, DigestAlgorithm::kSha512}, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"},
    {{KeyFamily::kRsa, RsaPadding::kPss, DigestAlgorithm::kSha1}, "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1"},
    {{KeyFamily::kRsa, RsaPadding::kPss, DigestAlgorithm::kSha224}, "http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1"},
    {{KeyFamily::kRsa, RsaPadding::kPss, DigestAlgorithm::kSha256}, "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"},
    {{KeyFamily::kRsa, RsaPadding::kPss, DigestAlgorithm::kSha384}, "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1"},
    {{KeyFamily::kRsa, RsaPadding::kPss, DigestAlgorithm::kSha512}, "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1"},
};

bool same(const SignatureMethod& a, const SignatureMethod& b) {
  return a.key == b.key && a.digest == b.digest && (a.key == KeyFamily::kEc || a.padding == b.padding);
}

// Byte length of the EC group order (r and s are each padded to it).
int ec_order_bytes(EVP_PKEY* key) { return (EVP_PKEY_get_bits(key) + 7) / 8; }

// Sets PSS parameters on a sign/verify context: MGF1 with the same hash, salt = hash length.
bool configure_padding(EVP_PKEY_CTX* pctx, const SignatureMethod& method) {
  if (method.key != KeyFamily::kRsa) return true;
  if (method.padding == RsaPadding::kPkcs1v15) return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) > 0;
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) > 0 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, evp_md(method.digest)) > 0;
}

bool key_matches(EVP_PKEY* key, const SignatureMethod& method) {
  const int id = EVP_PKEY_get_base_id(key);
  if (method.key == KeyFamily::kEc) return id == EVP_PKEY_EC;
  return id == EVP_PKEY_RSA || (id == EVP_PKEY_RSA_PSS && method.padding == RsaPadding::kPss);
}

// XMLDSig r||s to the DER ECDSA-Sig-Value OpenSSL verifies. Empty when malformed.
std::string ecdsa_raw_to_der(std::string_view raw) {
  if (raw.empty() || raw.size() % 2 != 0) return {};
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  const int half = static_cast<int>(raw.size() / 2);
  BignumPtr r(BN_bin2bn(bytes, half, nullptr));
  BignumPtr s(BN_bin2bn(bytes + half, half, nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return {};
  r.release();  // now owned by sig
  s.release();
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace

Hasher::Hasher(DigestAlgorithm algorithm) : ctx_(EVP_MD_CTX_new()) {
  failed_ = ctx_ == nullptr || EVP_DigestInit_ex(ctx_, evp_md(algorithm), nullptr) != 1;
}

Hasher::~Hasher() { EVP_MD_CTX_free(ctx_); }

void Hasher::write(std::string_view bytes) {
  if (!failed_ && EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) != 1) failed_ = true;
}

Result<std::string> Hasher::finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (failed_ || EVP_DigestFinal_ex(ctx_, md.data(), &len) != 1) {
    return fail_openssl(Code::kInternal, "digest computation failed");
  }
  return std::string(reinterpret_cast<const char*>(md.data()), len);
}

Result<std::string> digest_bytes(DigestAlgorithm algorithm, std::string_view bytes) {
  Hasher h(algorithm);
  h.write(bytes);
  return h.finish();
}

std::string_view signature_method_uri(const SignatureMethod& method) {
  for (const auto& m : kMethods) {
    if (same(m.method, method)) return m.uri;
  }
  return {};
}

std::optional<SignatureMethod> signature_method_from_uri(std::string_view uri) {
  for (const auto& m : kMethods) {
    if (m.uri == uri) return m.method;
  }
  return std::nullopt;
}

bool is_hmac_uri(std::string_view uri) {
  return uri.starts_with("http://www.w3.org/2000/09/xmldsig#hmac-") ||
         (uri.starts_with(kMore) && uri.substr(kMore.size()).starts_with("hmac-"));
}

Result<std::string> sign_data(EVP_PKEY* key, const SignatureMethod& method, std::string_view data) {
  if (!key_matches(key, method)) return fail(Code::kInvalidArgument, "key type does not match the signature method");
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, evp_md(method.digest), nullptr, key) != 1 ||
      !configure_padding(pctx, method)) {
    return fail_openssl(Code::kInternal, "cannot initialise signing");
  }
  std::size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, in, data.size()) != 1) return fail_openssl(Code::kInternal, "signing failed");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in, data.size()) != 1) {
    return fail_openssl(Code::kInternal, "signing failed");
  }
  sig.resize(len);
  if (method.key != KeyFamily::kEc) return sig;

  // DER ECDSA-Sig-Value to fixed-width r||s.
  const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
  EcdsaSigPtr ecdsa(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size())));
  if (!ecdsa) return fail_openssl(Code::kInternal, "cannot decode the ECDSA signature");
  const int width = ec_order_bytes(key);
  std::string raw(static_cast<std::size_t>(2 * width), '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa.get()), out, width) != width ||
      BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa.get()), out + width, width) != width) {
    return fail_openssl(Code::kInternal, "cannot encode the ECDSA signature");
  }
  return raw;
}

Result<bool> verify_data(EVP_PKEY* key, const SignatureMethod& method, std::string_view data,
                         std::string_view signature) {
  if (!key_matches(key, method)) return false;
  std::string der;
  if (method.key == KeyFamily::kEc) {
    if (signature.size() != static_cast<std::size_t>(2 * ec_order_bytes(key))) return false;
    der = ecdsa_raw_to_der(signature);
    if (der.empty()) return false;
    signature = der;
  }
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, evp_md(method.digest), nullptr, key) != 1 ||
      !configure_padding(pctx, method)) {
    return fail_openssl(Code::kInternal, "cannot initialise signature verification");
  }
  const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                  reinterpret_cast<const unsigned char*>(data.data()), data.size());
  drain_errors();  // a bad signature leaves errors on the queue; it is an answer, not a failure
  return rc == 1;
}

}  // namespace assay::engine::xmldsig::internal
