#include "engine/digest.h"

#include <openssl/evp.h>

#include "engine/check.h"
#include "engine/x509/internal/openssl_util.h"

namespace assay::engine {
namespace {

// EVP_sha256() makes OpenSSL 3 look the algorithm up in the provider store (locks, string
// compares) and EVP_Digest allocates a context, on every call: most of the cost of hashing a
// 1 KB certificate. Fetch the algorithm once per process and keep one context per thread.
const EVP_MD* sha256_algorithm() {
  static const EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    // Without SHA-256 in the default provider the OpenSSL installation is broken.
    ASSAY_CHECK(fetched != nullptr);
    return fetched;  // kept for the life of the process
  }();
  return md;
}

EVP_MD_CTX* thread_context() {
  thread_local const ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  ASSAY_CHECK(ctx.get() != nullptr);
  return ctx.get();
}

}  // namespace

Sha256 sha256(std::span<const std::uint8_t> bytes) {
  Sha256 out{};
  unsigned int len = 0;
  EVP_MD_CTX* ctx = thread_context();
  // Cannot fail for SHA-256 with a fetched algorithm short of memory exhaustion.
  ASSAY_CHECK(EVP_DigestInit_ex2(ctx, sha256_algorithm(), nullptr) == 1);
  ASSAY_CHECK(EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) == 1);
  ASSAY_CHECK(EVP_DigestFinal_ex(ctx, out.data(), &len) == 1);
  return out;
}

Sha256Stream::Sha256Stream() : ctx_(EVP_MD_CTX_new()) {
  ASSAY_CHECK(ctx_ != nullptr && EVP_DigestInit_ex2(ctx_, sha256_algorithm(), nullptr) == 1);
}

Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(ctx_); }

void Sha256Stream::update(std::string_view bytes) { ASSAY_CHECK(EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) == 1); }

Sha256 Sha256Stream::finish() {
  Sha256 out{};
  unsigned int len = 0;
  ASSAY_CHECK(EVP_DigestFinal_ex(ctx_, out.data(), &len) == 1);
  return out;
}

Sha256 sha256(std::string_view bytes) {
  return sha256(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return out;
}

int hex_digit_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_digit_value(hex[2 * i]), lo = hex_digit_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace assay::engine
