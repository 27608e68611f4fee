#include "engine/pdf/internal/xref_bound.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace assay::engine::pdf::internal {
namespace {

// ISO 32000-1 7.2.2: white-space and delimiter characters.
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delimiter(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '/' || c == '%';
}

// A direct value of a dictionary, as far as this scan needs it.
struct Value {
  enum Kind { kName, kInteger, kReference, kArray, kOther } kind = kOther;
  std::string name;           // kName: without '/', #xx decoded (ISO 32000-1 7.3.5)
  long long integer = 0;      // kInteger
  std::vector<Value> items;   // kArray
};
using Dictionary = std::map<std::string, Value>;

// Just enough of ISO 32000-1 7.2 / 7.3 to read a dictionary: comments, names, numbers,
// references, strings (literal, hex), arrays and nested dictionaries. Fails (nullopt) on
// anything else; every loop advances, nesting is bounded.
class Lexer {
 public:
  Lexer(std::string_view bytes, std::size_t at) : b_(bytes), p_(at) {}
  std::size_t position() const { return p_; }

  void skip_space() {
    while (p_ < b_.size()) {
      if (is_space(b_[p_])) {
        ++p_;
      } else if (b_[p_] == '%') {
        while (p_ < b_.size() && b_[p_] != '\n' && b_[p_] != '\r') ++p_;
      } else {
        break;
      }
    }
  }

  // A regular-character word ("obj", "stream", "R", "123", "-4.5").
  std::string_view word() {
    skip_space();
    const std::size_t start = p_;
    while (p_ < b_.size() && !is_delimiter(b_[p_])) ++p_;
    return b_.substr(start, p_ - start);
  }

  static std::optional<long long> integer(std::string_view w) {
    std::size_t i = (!w.empty() && (w[0] == '+' || w[0] == '-')) ? 1 : 0;
    if (i == w.size() || w.size() - i > 18) return std::nullopt;
    long long v = 0;
    for (std::size_t k = i; k < w.size(); ++k) {
      if (w[k] < '0' || w[k] > '9') return std::nullopt;
      v = v * 10 + (w[k] - '0');
    }
    return w[0] == '-' ? -v : v;
  }

  // The elements up to ">>", paired the way qpdf's parser pairs them (QPDFParser, qpdf 11): a
  // name where a key is expected is the key; anything else there becomes the value of a made-up
  // key; a last key without a value gets null; the last of duplicate keys wins. qpdf only warns
  // about those (and still inflates the stream), so this must read them too.
  std::optional<Dictionary> dictionary(int depth = 0) {
    skip_space();
    if (depth > 64 || b_.substr(p_, 2) != "<<") return std::nullopt;
    p_ += 2;
    std::vector<Value> elements;
    for (;;) {
      skip_space();
      if (p_ >= b_.size()) return std::nullopt;
      if (b_.substr(p_, 2) == ">>") {
        p_ += 2;
        break;
      }
      auto v = value(depth + 1);
      if (!v) return std::nullopt;
      elements.push_back(std::move(*v));
    }
    Dictionary d;
    int fake = 0;
    for (std::size_t i = 0; i < elements.size();) {
      std::string key;
      if (elements[i].kind == Value::kName) {
        key = elements[i++].name;
      } else {
        key = " fake" + std::to_string(++fake);  // qpdf: /QPDFFake<n>; only Type, Filter, Length, Prev, XRefStm matter
      }
      d[key] = i < elements.size() ? std::move(elements[i++]) : Value{};
    }
    return d;
  }

 private:
  std::optional<std::string> name() {
    ++p_;  // '/'
    std::string out;
    while (p_ < b_.size() && !is_delimiter(b_[p_])) {
      if (b_[p_] == '#' && p_ + 2 < b_.size() && std::isxdigit(static_cast<unsigned char>(b_[p_ + 1])) &&
          std::isxdigit(static_cast<unsigned char>(b_[p_ + 2]))) {
        out += static_cast<char>(std::stoi(std::string(b_.substr(p_ + 1, 2)), nullptr, 16));
        p_ += 3;
      } else {
        out += b_[p_++];
      }
    }
    return out;
  }

  std::optional<Value> value(int depth) {
    skip_space();
    if (p_ >= b_.size() || depth > 64) return std::nullopt;
    const char c = b_[p_];
    Value v;
    if (c == '/') {
      auto n = name();
      if (!n) return std::nullopt;
      v.kind = Value::kName;
      v.name = std::move(*n);
    } else if (c == '<' && p_ + 1 < b_.size() && b_[p_ + 1] == '<') {
      if (!dictionary(depth)) return std::nullopt;
    } else if (c == '<') {
      const auto close = b_.find('>', p_);
      if (close == std::string_view::npos) return std::nullopt;
      p_ = close + 1;
    } else if (c == '(') {
      if (!literal_string()) return std::nullopt;
    } else if (c == '[') {
      ++p_;
      v.kind = Value::kArray;
      for (;;) {
        skip_space();
        if (p_ >= b_.size()) return std::nullopt;
        if (b_[p_] == ']') {
          ++p_;
          break;
        }
        auto item = value(depth + 1);
        if (!item) return std::nullopt;
        v.items.push_back(std::move(*item));
      }
    } else if (c == ')' || c == '>' || c == ']' || c == '{' || c == '}') {
      ++p_;  // qpdf: "treating unexpected ... token as null"
    } else {
      const auto w = word();
      if (w.empty()) return std::nullopt;
      if (auto n = integer(w)) {
        v.kind = Value::kInteger;
        v.integer = *n;
        // "n g R": an indirect reference (ISO 32000-1 7.3.10).
        const std::size_t back = p_;
        const auto g = word();
        if (integer(g) && word() == "R") {
          v.kind = Value::kReference;
        } else {
          p_ = back;
        }
      }
    }
    return v;
  }

  // ISO 32000-1 7.3.4.2: balanced parentheses, backslash escapes.
  bool literal_string() {
    int open = 0;
    while (p_ < b_.size()) {
      const char c = b_[p_++];
      if (c == '\\') {
        ++p_;
      } else if (c == '(') {
        ++open;
      } else if (c == ')' && --open == 0) {
        return true;
      }
    }
    return false;
  }

  std::string_view b_;
  std::size_t p_;
};

// Where qpdf starts reading cross-reference data in `bytes` (QPDF::parse): the last "startxref"
// word in the last 1054 bytes that is followed by an integer.
std::optional<std::size_t> qpdf_startxref(std::string_view bytes) {
  const std::size_t from = bytes.size() > 1054 ? bytes.size() - 1054 : 0;
  const std::string_view tail = bytes.substr(from);
  for (std::size_t at = tail.rfind("startxref"); at != std::string_view::npos; at = at ? tail.rfind("startxref", at - 1) : std::string_view::npos) {
    Lexer lex(bytes, from + at);
    if (lex.word() != "startxref") continue;
    auto n = Lexer::integer(lex.word());
    if (!n) continue;
    if (*n <= 0 || static_cast<std::size_t>(*n) >= bytes.size()) return std::nullopt;
    return static_cast<std::size_t>(*n);
  }
  return std::nullopt;
}

// One filter stage: decodes `in` into `out` (kept: an intermediate stage) or only counts (`out`
// null). Stops at the end of the encoded data or the first error, as qpdf's output would (a
// prefix). False when the output passes `limit`.
bool inflate_bounded(std::string_view in, std::size_t limit, std::string* out, std::size_t& produced) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return true;  // no memory for zlib: qpdf would fail the same way
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), UINT32_MAX));
  unsigned char chunk[16384];
  for (;;) {
    z.next_out = chunk;
    z.avail_out = sizeof chunk;
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t n = sizeof chunk - z.avail_out;
    if (n > limit - produced) return false;
    produced += n;
    if (out) out->append(reinterpret_cast<const char*>(chunk), n);
    if (rc != Z_OK || n == 0) return true;  // end of the deflate data, an error, or no progress
  }
}

bool ascii_hex(std::string_view in, std::size_t limit, std::string* out, std::size_t& produced) {
  int high = -1;
  for (char c : in) {
    if (c == '>') break;
    if (is_space(c)) continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) break;
    const int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10);
    if (high < 0) {
      high = v;
      continue;
    }
    if (++produced > limit) return false;
    if (out) out->push_back(static_cast<char>(high * 16 + v));
    high = -1;
  }
  return true;
}

class XrefChecker {
 public:
  XrefChecker(std::string_view bytes, const PdfLimits& limits) : b_(bytes), limits_(limits) {}

  Result<bool> follow(std::size_t offset) {
    std::vector<std::size_t> pending{offset};
    while (!pending.empty()) {
      const std::size_t at = pending.back();
      pending.pop_back();
      if (at == 0 || at >= b_.size() || !visited_.insert(at).second) continue;
      if (visited_.size() > 2 * limits_.max_revisions + 16) {
        return fail(Code::kResourceExhausted, "more than " + std::to_string(2 * limits_.max_revisions + 16) +
                                                  " cross-reference sections");
      }
      auto next = section(at);
      if (!next) return std::unexpected(next.error());
      pending.insert(pending.end(), next->begin(), next->end());
    }
    return true;
  }

 private:
  static void push_offset(const Dictionary& d, const char* key, std::vector<std::size_t>& out) {
    if (auto v = d.find(key); v != d.end() && v->second.kind == Value::kInteger && v->second.integer > 0) {
      out.push_back(static_cast<std::size_t>(v->second.integer));
    }
  }

  // The sections that the one at `at` points to (/Prev, /XRefStm), after checking it.
  Result<std::vector<std::size_t>> section(std::size_t at) {
    std::vector<std::size_t> next;
    std::size_t p = at;
    while (p < b_.size() && is_space(b_[p])) ++p;
    if (b_.substr(p, 4) == "xref" && p + 4 < b_.size() && is_space(b_[p + 4])) {
      // A cross-reference table (ISO 32000-1 7.5.4); its entries cannot hold "trailer".
      const auto t = next_word("trailer", p);
      if (t == std::string_view::npos) return next;
      Lexer lex(b_, t + 7);
      if (auto trailer = lex.dictionary()) {
        push_offset(*trailer, "XRefStm", next);  // a hybrid file's stream (7.5.8.4)
        push_offset(*trailer, "Prev", next);
      }
      return next;
    }
    Lexer lex(b_, at);
    if (!Lexer::integer(lex.word()) || !Lexer::integer(lex.word()) || lex.word() != "obj") return next;
    auto dict = lex.dictionary();
    if (!dict || lex.word() != "stream") return next;  // not a stream: qpdf finds no xref here either
    const auto type = dict->find("Type");
    if (type == dict->end() || (type->second.kind == Value::kName && type->second.name != "XRef")) return next;
    push_offset(*dict, "Prev", next);
    auto checked = inflate_check(*dict, data_start(lex.position()), at);
    if (!checked) return std::unexpected(checked.error());
    return next;
  }

  // Where qpdf starts the stream data after "stream" (QPDF::readObject): CRLF, LF, a lone CR, and
  // extra white-space tolerated.
  std::size_t data_start(std::size_t p) const {
    for (;;) {
      if (p >= b_.size()) return p;
      const char c = b_[p];
      if (c == '\n') return p + 1;
      if (c == '\r') return (p + 1 < b_.size() && b_[p + 1] == '\n') ? p + 2 : p + 1;
      if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\0') {
        ++p;
        continue;
      }
      return p;
    }
  }

  Result<bool> inflate_check(const Dictionary& dict, std::size_t start, std::size_t at) {
    const std::string where = "the cross-reference stream at offset " + std::to_string(at);
    std::vector<std::string> filters;
    if (auto f = dict.find("Filter"); f != dict.end()) {
      if (f->second.kind == Value::kName) {
        filters.push_back(f->second.name);
      } else if (f->second.kind == Value::kArray) {
        for (const auto& item : f->second.items) {
          if (item.kind != Value::kName) return fail(Code::kMalformed, where + " has a /Filter that is not a name");
          filters.push_back(item.name);
        }
      } else {
        return fail(Code::kMalformed, where + " has a /Filter that is not a name or an array of names");
      }
    }
    if (filters.empty()) return true;  // stored: never larger than the file
    if (filters.size() > 4) return fail(Code::kUnsupported, where + " has more than 4 filters");
    const std::string_view rest = b_.substr(std::min(start, b_.size()));
    // The raw size the ratio applies to: /Length when it is a direct integer within the file,
    // else up to the next "endstream".
    std::size_t raw = rest.size();
    if (auto l = dict.find("Length"); l != dict.end() && l->second.kind == Value::kInteger && l->second.integer >= 0 &&
                                      static_cast<std::size_t>(l->second.integer) <= rest.size()) {
      raw = static_cast<std::size_t>(l->second.integer);
    } else if (auto e = next_word("endstream", start); e != std::string_view::npos) {
      raw = e - start;
    }
    const std::size_t by_ratio = std::max<std::size_t>(raw, 4096) > SIZE_MAX / std::max<std::size_t>(limits_.max_ratio, 1)
                                     ? SIZE_MAX
                                     : std::max<std::size_t>(raw, 4096) * limits_.max_ratio;
    const std::size_t left = limits_.max_decoded_bytes > decoded_total_ ? limits_.max_decoded_bytes - decoded_total_ : 0;
    std::string stage_in;
    std::string_view input = rest;
    std::size_t stage_total = 0;  // this stream's output, all stages
    for (std::size_t i = 0; i < filters.size(); ++i) {
      const auto& f = filters[i];
      const bool last = i + 1 == filters.size();
      const std::size_t limit = std::min({limits_.max_stream_bytes, by_ratio, left - std::min(left, stage_total)});
      std::string stage_out;
      std::size_t produced = 0;
      bool within = true;
      if (f == "FlateDecode" || f == "Fl") {
        within = inflate_bounded(input, limit, last ? nullptr : &stage_out, produced);
      } else if (f == "ASCIIHexDecode" || f == "AHx") {
        within = ascii_hex(input, limit, last ? nullptr : &stage_out, produced);
      } else {
        return fail(Code::kUnsupported, where + " uses the filter /" + f +
                                            " (assay reads cross-reference streams filtered with /FlateDecode or /ASCIIHexDecode only)");
      }
      if (!within) {
        return fail(Code::kResourceExhausted,
                    where + " decodes to more than " + std::to_string(limit) + " bytes from " + std::to_string(raw) +
                        " (decompression ratio over " + std::to_string(limits_.max_ratio) +
                        ", or the stream or total decoded size over its limit)");
      }
      stage_total += produced;
      stage_in = std::move(stage_out);
      input = stage_in;
    }
    decoded_total_ += stage_total;
    return true;
  }

  // The first `word` at or after `from`: every occurrence is listed once (one pass over the
  // file), so that a thousand sections without a "trailer" cost one scan, not a thousand.
  std::size_t next_word(std::string_view word, std::size_t from) {
    auto& at = occurrences_[std::string(word)];
    if (at.empty()) {
      for (std::size_t p = b_.find(word); p != std::string_view::npos; p = b_.find(word, p + 1)) at.push_back(p);
      at.push_back(std::string_view::npos);
    }
    return *std::lower_bound(at.begin(), at.end(), from);
  }

  std::string_view b_;
  const PdfLimits& limits_;
  std::set<std::size_t> visited_;
  std::map<std::string, std::vector<std::size_t>> occurrences_;
  std::size_t decoded_total_ = 0;  // every stage's output, so that the work is bounded too
};

}  // namespace

Result<bool> check_xref_streams(std::string_view bytes, const std::vector<Revision>& revisions, const PdfLimits& limits) {
  XrefChecker checker(bytes, limits);
  std::vector<std::size_t> starts;
  if (auto s = qpdf_startxref(bytes)) starts.push_back(*s);
  for (const auto& r : revisions) {
    if (auto s = qpdf_startxref(bytes.substr(0, r.end))) starts.push_back(*s);
  }
  for (std::size_t s : starts) {
    if (auto ok = checker.follow(s); !ok) return ok;
  }
  return true;
}

}  // namespace assay::engine::pdf::internal
