// A small, strict DER reader and writer (X.690) for the parts of X.509 the engine reads and
// builds itself. Private to engine/x509, engine/cms and engine/crypto.
//
// Why not OpenSSL's ASN1 templates: certificate parsing sits on the qualification hot path, and
// d2i_X509 also formats names and caches every extension; reading the few structures we need
// straight from the bytes is several times cheaper and lets a malformed extension become a
// finding instead of a rejected certificate. The writer exists so the builders produce exactly
// the DER they are asked for (EN 319 412-5 QcStatements, forged signatures, fixed producedAt).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/time.h"

namespace assay::engine::der {

// Universal tags (single-byte identifier octets, as used by X.509).
inline constexpr std::uint8_t kBoolean = 0x01;
inline constexpr std::uint8_t kInteger = 0x02;
inline constexpr std::uint8_t kBitString = 0x03;
inline constexpr std::uint8_t kOctetString = 0x04;
inline constexpr std::uint8_t kNull = 0x05;
inline constexpr std::uint8_t kOid = 0x06;
inline constexpr std::uint8_t kEnumerated = 0x0a;
inline constexpr std::uint8_t kUtf8String = 0x0c;
inline constexpr std::uint8_t kPrintableString = 0x13;
inline constexpr std::uint8_t kT61String = 0x14;
inline constexpr std::uint8_t kIa5String = 0x16;
inline constexpr std::uint8_t kUtcTime = 0x17;
inline constexpr std::uint8_t kGeneralizedTime = 0x18;
inline constexpr std::uint8_t kVisibleString = 0x1a;
inline constexpr std::uint8_t kUniversalString = 0x1c;
inline constexpr std::uint8_t kBmpString = 0x1e;
inline constexpr std::uint8_t kSequence = 0x30;
inline constexpr std::uint8_t kSet = 0x31;

// [n] context-specific tags.
constexpr std::uint8_t context(unsigned n) { return static_cast<std::uint8_t>(0x80 | n); }
constexpr std::uint8_t context_constructed(unsigned n) { return static_cast<std::uint8_t>(0xa0 | n); }

// One element: its tag, its contents, and the whole encoding (tag + length + contents).
struct Tlv {
  std::uint8_t tag = 0;
  std::string_view value;
  std::string_view whole;
};

// Reads consecutive elements from a byte range (views into caller-owned bytes; no copies).
// Definite lengths only, low tag numbers only. A reader that hit malformed input stays failed.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool empty() const { return data_.empty(); }
  bool ok() const { return ok_; }
  // Tag of the next element, if there is one.
  std::optional<std::uint8_t> peek_tag() const;
  // Reads the next element; false (and failed) when malformed or at the end.
  bool next(Tlv& out);
  // Reads the next element and requires its tag.
  bool read(std::uint8_t tag, Tlv& out);
  // Reads the next element when its tag is `tag`; false without failing otherwise.
  bool read_optional(std::uint8_t tag, Tlv& out);

 private:
  std::string_view data_;
  bool ok_ = true;
};

// Reads exactly one element filling all of `data`; nullopt otherwise.
std::optional<Tlv> read_single(std::string_view data, std::uint8_t tag);

// Dotted-decimal text of OID contents ("2.5.29.15"); nullopt when malformed.
std::optional<std::string> oid_text(std::string_view contents);
// OID contents (not the TLV) for dotted text; nullopt when the text is not a valid OID.
std::optional<std::string> oid_contents(std::string_view dotted);

// Non-negative INTEGER contents as int64; nullopt when negative, empty or too large.
std::optional<std::int64_t> small_integer(std::string_view contents);

// Time per RFC 5280 4.1.2.5: UTCTime (YYMMDDHHMMSSZ, 50..99 = 19xx) or GeneralizedTime
// (YYYYMMDDHHMMSS[.f]Z); nullopt for anything else.
std::optional<UtcTime> time_value(const Tlv& tlv);

// Decodes a directory-string-like value (UTF8, Printable, IA5, Visible, T61 as Latin-1, BMP,
// Universal) to UTF-8; nullopt for other tags or invalid encodings.
std::optional<std::string> string_value(const Tlv& tlv);

// ---- Writer: each function returns one complete TLV. ----
std::string tlv(std::uint8_t tag, std::string_view contents);
std::string sequence(std::initializer_list<std::string_view> parts);
std::string sequence_of(const std::vector<std::string>& parts);
std::string explicit_tag(unsigned n, std::string_view inner);  // [n] EXPLICIT, constructed
std::string boolean(bool value);
std::string null();
std::string integer(std::int64_t value);
// INTEGER from unsigned big-endian bytes (leading zeros stripped, 0x00 added when needed).
std::string unsigned_integer(std::string_view big_endian);
std::string bit_string(std::string_view bytes, unsigned unused_bits = 0);
std::string octet_string(std::string_view bytes);
// OID TLV; nullopt when `dotted` is not a valid OID.
std::optional<std::string> oid(std::string_view dotted);
std::string utf8_string(std::string_view s);
std::string printable_string(std::string_view s);
std::string ia5_string(std::string_view s);
// UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5).
std::string x509_time(UtcTime t);
std::string generalized_time(UtcTime t);

}  // namespace assay::engine::der
