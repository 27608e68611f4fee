#include "engine/base64.h"

#include <array>
#include <cstdint>

namespace assay::engine {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// -1: not base64; -2: XML white space (skipped); -3: padding.
constexpr std::array<std::int8_t, 256> make_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  for (const char c : {' ', '\t', '\n', '\r'}) t[static_cast<unsigned char>(c)] = -2;
  t[static_cast<unsigned char>('=')] = -3;
  return t;
}
constexpr auto kTable = make_table();

}  // namespace

// Certificates make up most of a trusted list's bytes, so this loop is on the parse hot path:
// one table lookup per character and three bytes written per full group.
std::optional<std::string> base64_decode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  char* w = out.data();
  std::uint32_t acc = 0;
  int n = 0;  // symbols in the current group
  std::size_t i = 0;
  const auto* u = reinterpret_cast<const unsigned char*>(text.data());
  for (; i < text.size(); ++i) {
    // Fast path: four alphabet characters at a group boundary decode without branching per byte.
    if (n == 0) {
      while (i + 4 <= text.size()) {
        const std::int32_t a = kTable[u[i]], b = kTable[u[i + 1]], c = kTable[u[i + 2]], d = kTable[u[i + 3]];
        if ((a | b | c | d) < 0) break;
        const std::uint32_t g = (std::uint32_t(a) << 18) | (std::uint32_t(b) << 12) | (std::uint32_t(c) << 6) | std::uint32_t(d);
        w[0] = static_cast<char>(g >> 16);
        w[1] = static_cast<char>(g >> 8);
        w[2] = static_cast<char>(g);
        w += 3;
        i += 4;
      }
      if (i >= text.size()) break;
    }
    const std::int8_t v = kTable[u[i]];
    if (v >= 0) {
      acc = (acc << 6) | static_cast<std::uint32_t>(v);
      if (++n == 4) {
        w[0] = static_cast<char>(acc >> 16);
        w[1] = static_cast<char>(acc >> 8);
        w[2] = static_cast<char>(acc);
        w += 3;
        n = 0;
        acc = 0;
      }
    } else if (v == -2) {
      continue;
    } else if (v == -3) {
      break;
    } else {
      return std::nullopt;
    }
  }
  // Padding: "xx==" or "xxx=" only, then nothing but white space.
  int padding = 0;
  for (; i < text.size(); ++i) {
    const std::int8_t v = kTable[static_cast<unsigned char>(text[i])];
    if (v == -3) {
      ++padding;
    } else if (v != -2) {
      return std::nullopt;
    }
  }
  if (padding > 2 || (padding > 0 && n + padding != 4) || n == 1) return std::nullopt;
  if (n == 2) {
    *w++ = static_cast<char>(acc >> 4);
  } else if (n == 3) {
    *w++ = static_cast<char>(acc >> 10);
    *w++ = static_cast<char>(acc >> 2);
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                            (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) | std::uint8_t(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    std::uint32_t n = std::uint32_t(std::uint8_t(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace assay::engine
