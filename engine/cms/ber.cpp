#include "engine/cms/ber.h"

#include <cstdint>

namespace assay::engine::cms {
namespace {

constexpr std::uint8_t kConstructed = 0x20;
constexpr std::uint8_t kConstructedOctetString = 0x24;

// One element read from BER: its header, and where its contents are.
struct Header {
  std::uint8_t tag = 0;
  std::size_t header_length = 0;
  bool indefinite = false;
  std::size_t length = 0;  // contents length (definite form)
};

void append_length(std::string& out, std::size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<char>(length));
    return;
  }
  std::string bytes;
  for (std::size_t l = length; l; l >>= 8) bytes.insert(bytes.begin(), static_cast<char>(l & 0xff));
  out.push_back(static_cast<char>(0x80 | bytes.size()));
  out += bytes;
}

class Normalizer {
 public:
  Normalizer(std::string_view in, int max_depth) : in_(in), max_depth_(max_depth) {}

  using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

  // Reads the element at `pos`, appends its DER form to `out` (recording re-encoded elements in
  // `ranges`, relative to `out`), advances `pos`. `octets_only`: inside a constructed OCTET
  // STRING, where only the contents of the primitive segments are appended (X.690 8.7.3).
  Result<void> element(std::size_t& pos, std::string& out, Ranges& ranges, int depth, bool octets_only) {
    if (depth > max_depth_) return fail(Code::kResourceExhausted, "BER: nesting deeper than the limit");
    Header h;
    if (!header(pos, h)) return fail(Code::kMalformed, "BER: truncated or malformed element header");
    const std::size_t start = pos;
    pos += h.header_length;
    if (octets_only && (h.tag & ~kConstructed) != 0x04) {
      return fail(Code::kMalformed, "BER: a constructed OCTET STRING segment is not an OCTET STRING");
    }
    if (!(h.tag & kConstructed)) {
      if (!octets_only) {
        out.push_back(static_cast<char>(h.tag));
        append_length(out, h.length);
      }
      out.append(in_.substr(pos, h.length));
      pos += h.length;
      return {};
    }
    const bool flatten = octets_only || h.tag == kConstructedOctetString;
    std::string body;
    Ranges body_ranges;
    const std::size_t end = h.indefinite ? in_.size() : pos + h.length;
    bool closed = !h.indefinite;
    while (pos < end) {
      if (h.indefinite && in_.size() - pos >= 2 && in_[pos] == 0 && in_[pos + 1] == 0) {
        pos += 2;
        closed = true;
        break;
      }
      auto inner = element(pos, body, body_ranges, depth + 1, flatten);
      if (!inner) return inner;
      if (pos > end) return fail(Code::kMalformed, "BER: an element overruns its parent");
    }
    if (!closed) return fail(Code::kMalformed, "BER: missing end-of-contents");
    if (octets_only) {
      out += body;
      return {};
    }
    const bool changed = h.indefinite || h.tag == kConstructedOctetString;
    const std::size_t at = out.size();
    if (changed) {
      out.push_back(static_cast<char>(h.tag == kConstructedOctetString ? 0x04 : h.tag));
      append_length(out, body.size());
    } else {
      out.append(in_.substr(start, h.header_length));
    }
    const std::size_t body_at = out.size();
    out += body;
    if (changed) ranges.push_back({at, out.size()});
    for (const auto& r : body_ranges) ranges.push_back({r.first + body_at, r.second + body_at});
    return {};
  }

 private:
  bool header(std::size_t pos, Header& h) const {
    if (in_.size() - pos < 2) return false;
    const auto* p = reinterpret_cast<const std::uint8_t*>(in_.data()) + pos;
    h.tag = p[0];
    if ((h.tag & 0x1f) == 0x1f) return false;  // high tag numbers: not used by CMS
    std::size_t first = p[1];
    h.header_length = 2;
    if (first == 0x80) {
      h.indefinite = true;
      if (!(h.tag & kConstructed)) return false;
      return true;
    }
    if (first & 0x80) {
      const std::size_t n = first & 0x7f;
      if (n > 4 || in_.size() - pos < 2 + n) return false;
      std::size_t length = 0;
      for (std::size_t i = 0; i < n; ++i) length = (length << 8) | p[2 + i];
      h.length = length;
      h.header_length += n;
    } else {
      h.length = first;
    }
    return h.length <= in_.size() - pos - h.header_length;
  }

  std::string_view in_;
  int max_depth_;
};

}  // namespace

Result<BerNormalized> ber_to_der(std::string_view ber, std::size_t max_bytes, int max_depth) {
  if (ber.size() > max_bytes) return fail(Code::kResourceExhausted, "BER: input larger than the limit");
  Normalizer n(ber, max_depth);
  BerNormalized out;
  std::size_t pos = 0;
  auto done = n.element(pos, out.der, out.changed, 0, false);
  if (!done) return std::unexpected(done.error());
  if (pos != ber.size()) return fail(Code::kMalformed, "BER: trailing bytes after the element");
  return out;
}

}  // namespace assay::engine::cms
