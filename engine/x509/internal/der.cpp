#include "engine/x509/internal/der.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace assay::engine::der {

std::optional<std::uint8_t> Reader::peek_tag() const {
  if (!ok_ || data_.empty()) return std::nullopt;
  return static_cast<std::uint8_t>(data_[0]);
}

bool Reader::next(Tlv& out) {
  if (!ok_ || data_.size() < 2) {
    ok_ = false;
    return false;
  }
  const auto* p = reinterpret_cast<const std::uint8_t*>(data_.data());
  const std::uint8_t tag = p[0];
  // High tag numbers (0x1f) never occur in the X.509 structures read here.
  if ((tag & 0x1f) == 0x1f) {
    ok_ = false;
    return false;
  }
  std::size_t pos = 2;
  std::size_t length = p[1];
  if (length & 0x80) {
    const std::size_t n = length & 0x7f;
    // 0x80 is the BER indefinite form, forbidden in DER; more than 4 length octets is absurd.
    if (n == 0 || n > 4 || data_.size() < 2 + n) {
      ok_ = false;
      return false;
    }
    length = 0;
    for (std::size_t i = 0; i < n; ++i) length = (length << 8) | p[2 + i];
    pos += n;
  }
  if (length > data_.size() - pos) {
    ok_ = false;
    return false;
  }
  out.tag = tag;
  out.value = data_.substr(pos, length);
  out.whole = data_.substr(0, pos + length);
  data_.remove_prefix(pos + length);
  return true;
}

bool Reader::read(std::uint8_t tag, Tlv& out) {
  if (!next(out)) return false;
  if (out.tag != tag) ok_ = false;
  return ok_;
}

bool Reader::read_optional(std::uint8_t tag, Tlv& out) {
  const auto t = peek_tag();
  if (!t || *t != tag) return false;
  return next(out);
}

std::optional<Tlv> read_single(std::string_view data, std::uint8_t tag) {
  Reader r(data);
  Tlv t;
  if (!r.read(tag, t) || !r.empty()) return std::nullopt;
  return t;
}

std::optional<std::string> oid_text(std::string_view contents) {
  if (contents.empty()) return std::nullopt;
  // std::to_chars, not snprintf: OIDs are decoded dozens of times per certificate and this is
  // the hot path of certificate parsing.
  char buf[256];
  char* out = buf;
  char* const end = buf + sizeof buf;
  std::uint64_t value = 0;
  bool first = true;
  bool in_arc = false;
  for (const char ch : contents) {
    const auto c = static_cast<std::uint8_t>(ch);
    // A leading 0x80 is a non-minimal encoding (X.690 8.19.2).
    if (!in_arc && c == 0x80) return std::nullopt;
    if (value > (UINT64_MAX >> 7)) return std::nullopt;
    value = (value << 7) | (c & 0x7f);
    in_arc = (c & 0x80) != 0;
    if (in_arc) continue;
    if (end - out < 44) return std::nullopt;  // absurdly long OID
    if (first) {
      const std::uint64_t top = value < 40 ? 0 : (value < 80 ? 1 : 2);
      *out++ = static_cast<char>('0' + top);
      *out++ = '.';
      out = std::to_chars(out, end, value - top * 40).ptr;
      first = false;
    } else {
      *out++ = '.';
      out = std::to_chars(out, end, value).ptr;
    }
    value = 0;
  }
  if (in_arc) return std::nullopt;
  return std::string(buf, out);
}

std::optional<std::string> oid_contents(std::string_view dotted) {
  std::vector<std::uint64_t> arcs;
  std::uint64_t v = 0;
  bool digit = false;
  for (const char c : dotted) {
    if (c >= '0' && c <= '9') {
      if (v > UINT64_MAX / 10 - 9) return std::nullopt;
      v = v * 10 + static_cast<std::uint64_t>(c - '0');
      digit = true;
    } else if (c == '.' && digit) {
      arcs.push_back(v);
      v = 0;
      digit = false;
    } else {
      return std::nullopt;
    }
  }
  if (!digit) return std::nullopt;
  arcs.push_back(v);
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40)) return std::nullopt;
  std::string out;
  auto put = [&](std::uint64_t x) {
    char tmp[10];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>(x & 0x7f);
      x >>= 7;
    } while (x != 0);
    while (n > 1) out.push_back(static_cast<char>(tmp[--n] | 0x80));
    out.push_back(tmp[0]);
  };
  put(arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
  return out;
}

std::optional<std::int64_t> small_integer(std::string_view contents) {
  if (contents.empty() || contents.size() > 8 || (static_cast<std::uint8_t>(contents[0]) & 0x80)) {
    return std::nullopt;
  }
  std::int64_t v = 0;
  for (const char c : contents) v = (v << 8) | static_cast<std::uint8_t>(c);
  return v;
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

}  // namespace

std::optional<UtcTime> time_value(const Tlv& tlv) {
  using namespace std::chrono;
  const std::string_view s = tlv.value;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  std::size_t p = 0;
  if (tlv.tag == kUtcTime) {
    if (s.size() != 13 || !digits(s, 0, 2, y)) return std::nullopt;
    y += y >= 50 ? 1900 : 2000;
    p = 2;
  } else if (tlv.tag == kGeneralizedTime) {
    if (s.size() < 15 || !digits(s, 0, 4, y)) return std::nullopt;
    p = 4;
  } else {
    return std::nullopt;
  }
  if (!digits(s, p, 2, mo) || !digits(s, p + 2, 2, d) || !digits(s, p + 4, 2, h) || !digits(s, p + 6, 2, mi) ||
      !digits(s, p + 8, 2, se)) {
    return std::nullopt;
  }
  p += 10;
  if (tlv.tag == kGeneralizedTime && p < s.size() && s[p] == '.') {
    ++p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
  }
  if (p + 1 != s.size() || s[p] != 'Z') return std::nullopt;
  const year_month_day ymd{year{y}, month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  return UtcTime{sys_days(ymd).time_since_epoch() + hours{h} + minutes{mi} + seconds{se > 59 ? 59 : se}};
}

std::optional<std::string> string_value(const Tlv& tlv) {
  switch (tlv.tag) {
    case kUtf8String:
    case kPrintableString:
    case kIa5String:
    case kVisibleString:
      return std::string(tlv.value);
    case kT61String: {
      // Treated as Latin-1, as OpenSSL does; real T61 is practically never used in certificates.
      std::string out;
      for (const char c : tlv.value) put_utf8(out, static_cast<std::uint8_t>(c));
      return out;
    }
    case kBmpString: {
      if (tlv.value.size() % 2 != 0) return std::nullopt;
      std::string out;
      for (std::size_t i = 0; i < tlv.value.size(); i += 2) {
        put_utf8(out, (static_cast<std::uint8_t>(tlv.value[i]) << 8) | static_cast<std::uint8_t>(tlv.value[i + 1]));
      }
      return out;
    }
    case kUniversalString: {
      if (tlv.value.size() % 4 != 0) return std::nullopt;
      std::string out;
      for (std::size_t i = 0; i < tlv.value.size(); i += 4) {
        std::uint32_t cp = 0;
        for (std::size_t k = 0; k < 4; ++k) cp = (cp << 8) | static_cast<std::uint8_t>(tlv.value[i + k]);
        if (cp > 0x10ffff) return std::nullopt;
        put_utf8(out, cp);
      }
      return out;
    }
    default:
      return std::nullopt;
  }
}

// ---- Writer ----

std::string tlv(std::uint8_t tag, std::string_view contents) {
  std::string out;
  out.reserve(contents.size() + 6);
  out.push_back(static_cast<char>(tag));
  const std::size_t n = contents.size();
  if (n < 0x80) {
    out.push_back(static_cast<char>(n));
  } else {
    char len[8];
    int k = 0;
    for (std::size_t v = n; v != 0; v >>= 8) len[k++] = static_cast<char>(v & 0xff);
    out.push_back(static_cast<char>(0x80 | k));
    while (k > 0) out.push_back(len[--k]);
  }
  out.append(contents);
  return out;
}

std::string sequence(std::initializer_list<std::string_view> parts) {
  std::string body;
  for (const auto p : parts) body.append(p);
  return tlv(kSequence, body);
}

std::string sequence_of(const std::vector<std::string>& parts) {
  std::string body;
  for (const auto& p : parts) body.append(p);
  return tlv(kSequence, body);
}

std::string explicit_tag(unsigned n, std::string_view inner) { return tlv(context_constructed(n), inner); }

std::string boolean(bool value) { return tlv(kBoolean, value ? std::string_view("\xff", 1) : std::string_view("\x00", 1)); }

std::string null() { return tlv(kNull, {}); }

std::string integer(std::int64_t value) {
  std::string bytes;
  // Two's complement, minimal: drop leading bytes that only repeat the sign.
  for (int i = 7; i >= 0; --i) bytes.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (i * 8)) & 0xff));
  std::size_t start = 0;
  while (start < 7) {
    const auto b0 = static_cast<std::uint8_t>(bytes[start]);
    const auto b1 = static_cast<std::uint8_t>(bytes[start + 1]);
    if ((b0 == 0x00 && !(b1 & 0x80)) || (b0 == 0xff && (b1 & 0x80))) {
      ++start;
    } else {
      break;
    }
  }
  return tlv(kInteger, std::string_view(bytes).substr(start));
}

std::string unsigned_integer(std::string_view big_endian) {
  while (big_endian.size() > 1 && big_endian[0] == '\0') big_endian.remove_prefix(1);
  std::string body;
  if (big_endian.empty() || (static_cast<std::uint8_t>(big_endian[0]) & 0x80)) body.push_back('\0');
  body.append(big_endian);
  return tlv(kInteger, body);
}

std::string bit_string(std::string_view bytes, unsigned unused_bits) {
  std::string body(1, static_cast<char>(unused_bits));
  body.append(bytes);
  return tlv(kBitString, body);
}

std::string octet_string(std::string_view bytes) { return tlv(kOctetString, bytes); }

std::optional<std::string> oid(std::string_view dotted) {
  auto c = oid_contents(dotted);
  if (!c) return std::nullopt;
  return tlv(kOid, *c);
}

std::string utf8_string(std::string_view s) { return tlv(kUtf8String, s); }
std::string printable_string(std::string_view s) { return tlv(kPrintableString, s); }
std::string ia5_string(std::string_view s) { return tlv(kIa5String, s); }

namespace {

std::string time_text(UtcTime t, bool four_digit_year) {
  using namespace std::chrono;
  const auto dp = floor<days>(t);
  const year_month_day ymd{dp};
  const hh_mm_ss hms{t - dp};
  const int y = int(ymd.year());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*d%02u%02u%02d%02d%02dZ", four_digit_year ? 4 : 2, four_digit_year ? y : y % 100,
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()));
  return buf;
}

}  // namespace

std::string x509_time(UtcTime t) {
  using namespace std::chrono;
  const int y = int(year_month_day{floor<days>(t)}.year());
  if (y >= 1950 && y <= 2049) return tlv(kUtcTime, time_text(t, false));
  return generalized_time(t);
}

std::string generalized_time(UtcTime t) { return tlv(kGeneralizedTime, time_text(t, true)); }

}  // namespace assay::engine::der
