// SHA-256 of byte strings, and hex encoding. Thread-safe (one hashing context per thread).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace assay::engine {

using Sha256 = std::array<std::uint8_t, 32>;

Sha256 sha256(std::span<const std::uint8_t> bytes);
Sha256 sha256(std::string_view bytes);

// Lower-case hex, two characters a byte.
std::string to_hex(std::span<const std::uint8_t> bytes);
// The value of one hex digit (either case), or -1.
int hex_digit_value(char c) noexcept;
// The bytes an even-length hex string (either case) spells; nullopt for an odd length or a
// character that is not a hex digit. "" gives "".
std::optional<std::string> from_hex(std::string_view hex);
inline std::string sha256_hex(std::string_view bytes) { return to_hex(sha256(bytes)); }

}  // namespace assay::engine
