// SHA-256 of byte strings, and hex encoding. Thread-safe (one hashing context per thread).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

// OpenSSL's EVP_MD_CTX, named here so that this header needs no OpenSSL include.
struct evp_md_ctx_st;

namespace assay::engine {

using Sha256 = std::array<std::uint8_t, 32>;

Sha256 sha256(std::span<const std::uint8_t> bytes);
Sha256 sha256(std::string_view bytes);

// SHA-256 of bytes given piece by piece (a file read in chunks, without holding it whole).
// Not copyable; one object per digest, on one thread.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void update(std::string_view bytes);
  Sha256 finish();  // the digest of everything given; the object is spent afterwards

 private:
  ::evp_md_ctx_st* ctx_;
};

// Lower-case hex, two characters a byte.
std::string to_hex(std::span<const std::uint8_t> bytes);
inline std::string to_hex(std::string_view bytes) {
  return to_hex(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}
// The value of one hex digit (either case), or -1.
int hex_digit_value(char c) noexcept;
// The bytes an even-length hex string (either case) spells; nullopt for an odd length or a
// character that is not a hex digit. "" gives "".
std::optional<std::string> from_hex(std::string_view hex);
inline std::string sha256_hex(std::string_view bytes) { return to_hex(sha256(bytes)); }

}  // namespace assay::engine
