#include "engine/jws/jws.h"

#include <array>

#include "engine/x509/internal/openssl_util.h"
#include "engine/xmldsig/internal/crypto_ops.h"

namespace assay::engine::jws {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

struct AlgorithmInfo {
  Algorithm alg;
  std::string_view name;
  std::string_view description;
  xmldsig::internal::SignatureMethod method;
};

using xmldsig::internal::KeyFamily;
using X = xmldsig::DigestAlgorithm;
using P = xmldsig::RsaPadding;

constexpr std::array<AlgorithmInfo, 9> kAlgorithms{{
    {Algorithm::kRS256, "RS256", "RSA-SHA256", {KeyFamily::kRsa, P::kPkcs1v15, X::kSha256}},
    {Algorithm::kRS384, "RS384", "RSA-SHA384", {KeyFamily::kRsa, P::kPkcs1v15, X::kSha384}},
    {Algorithm::kRS512, "RS512", "RSA-SHA512", {KeyFamily::kRsa, P::kPkcs1v15, X::kSha512}},
    // RFC 7518 3.5: MGF1 with the same hash, salt as long as the hash (as RFC 6931's sha*-rsa-MGF1).
    {Algorithm::kPS256, "PS256", "RSASSA-PSS-SHA256", {KeyFamily::kRsa, P::kPss, X::kSha256}},
    {Algorithm::kPS384, "PS384", "RSASSA-PSS-SHA384", {KeyFamily::kRsa, P::kPss, X::kSha384}},
    {Algorithm::kPS512, "PS512", "RSASSA-PSS-SHA512", {KeyFamily::kRsa, P::kPss, X::kSha512}},
    {Algorithm::kES256, "ES256", "ECDSA-SHA256", {KeyFamily::kEc, P::kPkcs1v15, X::kSha256}},
    {Algorithm::kES384, "ES384", "ECDSA-SHA384", {KeyFamily::kEc, P::kPkcs1v15, X::kSha384}},
    {Algorithm::kES512, "ES512", "ECDSA-SHA512", {KeyFamily::kEc, P::kPkcs1v15, X::kSha512}},
}};

const AlgorithmInfo& info(Algorithm alg) {
  for (const auto& a : kAlgorithms) {
    if (a.alg == alg) return a;
  }
  return kAlgorithms[0];  // unreachable: every enumerator is in the table
}

// RFC 7518 3.4: ES256 goes with P-256, ES384 with P-384, ES512 with P-521.
bool curve_fits(Algorithm alg, const Certificate& certificate) {
  const auto& curve = certificate.public_key().curve;
  switch (alg) {
    case Algorithm::kES256: return curve == "P-256";
    case Algorithm::kES384: return curve == "P-384";
    case Algorithm::kES512: return curve == "P-521";
    default: return true;
  }
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3 + 2);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = sextet(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xffu));
    }
  }
  // RFC 4648 3.5: the pad bits of the final character must be zero (canonical encoding).
  if (bits > 0 && (buffer & ((1u << bits) - 1u)) != 0) return std::nullopt;
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                            static_cast<unsigned char>(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 0x3f]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    out.push_back(kAlphabet[(v >> 18) & 0x3f]);
    out.push_back(kAlphabet[(v >> 12) & 0x3f]);
  } else if (rest == 2) {
    const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out.push_back(kAlphabet[(v >> 18) & 0x3f]);
    out.push_back(kAlphabet[(v >> 12) & 0x3f]);
    out.push_back(kAlphabet[(v >> 6) & 0x3f]);
  }
  return out;
}

std::optional<Algorithm> parse_algorithm(std::string_view alg) {
  for (const auto& a : kAlgorithms) {
    if (a.name == alg) return a.alg;
  }
  return std::nullopt;
}

std::string_view algorithm_name(Algorithm alg) noexcept { return info(alg).name; }

std::string_view digest_name(Algorithm alg) noexcept {
  switch (info(alg).method.digest) {
    case X::kSha384: return "SHA-384";
    case X::kSha512: return "SHA-512";
    default: return "SHA-256";
  }
}

std::string_view description(Algorithm alg) noexcept { return info(alg).description; }

Result<bool> verify(Algorithm alg, const Certificate& certificate, std::string_view signing_input,
                    std::string_view signature) {
  const std::string& spki = certificate.public_key().der;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(spki.data());
  ossl::EvpPkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  if (!key) return ossl::fail_openssl(Code::kUnsupported, "the certificate's public key cannot be decoded");
  if (!curve_fits(alg, certificate)) return false;
  // verify_data checks the key type, and for ECDSA the r||s width against the curve order.
  return xmldsig::internal::verify_data(key.get(), info(alg).method, signing_input, signature);
}

std::optional<std::string> digest(std::string_view digest_name, std::string_view bytes) {
  std::optional<X> algorithm;
  if (digest_name == "SHA-1") algorithm = X::kSha1;
  if (digest_name == "SHA-224") algorithm = X::kSha224;
  if (digest_name == "SHA-256") algorithm = X::kSha256;
  if (digest_name == "SHA-384") algorithm = X::kSha384;
  if (digest_name == "SHA-512") algorithm = X::kSha512;
  if (!algorithm) return std::nullopt;
  auto d = xmldsig::internal::digest_bytes(*algorithm, bytes);
  if (!d) return std::nullopt;
  return std::move(*d);
}

Result<std::string> sign(Algorithm alg, const PrivateKey& key, std::string_view signing_input) {
  return xmldsig::internal::sign_data(key.openssl_key(), info(alg).method, signing_input);
}

}  // namespace assay::engine::jws
