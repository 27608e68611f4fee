#include "engine/time.h"

#include <cctype>
#include <cstdio>

namespace assay::engine {
namespace {

// Reads exactly `n` digits at `pos`; false when they are not there.
bool read_digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<UtcTime> parse_utc_time(std::string_view text, bool* assumed_utc) {
  using namespace std::chrono;
  const std::string_view s = trim(text);
  auto bad = [&] { return fail(Code::kMalformed, "not a date-time: '" + std::string(s.substr(0, 64)) + "'"); };
  size_t p = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!read_digits(s, p, 4, y) || !expect(s, p, '-') || !read_digits(s, p, 2, mo) ||
      !expect(s, p, '-') || !read_digits(s, p, 2, d)) {
    return bad();
  }
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    ++p;
    if (!read_digits(s, p, 2, h) || !expect(s, p, ':') || !read_digits(s, p, 2, mi) ||
        !expect(s, p, ':') || !read_digits(s, p, 2, se)) {
      return bad();
    }
    if (p < s.size() && s[p] == '.') {
      ++p;
      const size_t start = p;
      while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
      if (p == start) return bad();
    }
  } else if (p != s.size() && s[p] != 'Z' && s[p] != '+' && s[p] != '-') {
    return bad();
  }
  int offset_minutes = 0;
  bool zone = false;
  if (p < s.size()) {
    if (s[p] == 'Z' || s[p] == 'z') {
      ++p;
      zone = true;
    } else if (s[p] == '+' || s[p] == '-') {
      const int sign = s[p] == '-' ? -1 : 1;
      ++p;
      int oh = 0, om = 0;
      if (!read_digits(s, p, 2, oh) || !expect(s, p, ':') || !read_digits(s, p, 2, om) || oh > 14 ||
          om > 59) {
        return bad();
      }
      offset_minutes = sign * (oh * 60 + om);
      zone = true;
    }
  }
  if (p != s.size()) return bad();
  if (h == 24 && mi == 0 && se == 0) {
    h = 0;  // xsd allows 24:00:00 as the end of the day
    const auto next = sys_days(year{y} / month(static_cast<unsigned>(mo)) / day(static_cast<unsigned>(d))) + days{1};
    const year_month_day ymd{next};
    y = int(ymd.year());
    mo = int(unsigned(ymd.month()));
    d = int(unsigned(ymd.day()));
  }
  const year_month_day ymd{year{y}, month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return bad();
  if (se == 60) se = 59;  // leap second: clamp, never reject a real list for it
  const UtcTime t{sys_days(ymd).time_since_epoch() + hours{h} + minutes{mi} + seconds{se} - minutes{offset_minutes}};
  // An offset can move an instant out of years 0000-9999, which RFC 3339 cannot write back.
  static constexpr UtcTime kFirst{sys_days(year{0} / 1 / 1).time_since_epoch()};
  static constexpr UtcTime kLast{sys_days(year{9999} / 12 / 31).time_since_epoch() + hours{23} + minutes{59} + seconds{59}};
  if (t < kFirst || t > kLast) return fail(Code::kMalformed, "date-time outside years 0000-9999 in UTC: '" + std::string(s.substr(0, 64)) + "'");
  if (assumed_utc != nullptr) *assumed_utc = !zone;
  return t;
}

std::string format_utc_time(UtcTime t) {
  using namespace std::chrono;
  const auto day_point = floor<days>(t);
  const year_month_day ymd{day_point};
  const hh_mm_ss hms{t - day_point};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()));
  return buf;
}

std::string format_utc_time(const std::optional<UtcTime>& t, std::string_view if_absent) {
  return t ? format_utc_time(*t) : std::string(if_absent);
}

UtcTime system_now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

}  // namespace assay::engine
