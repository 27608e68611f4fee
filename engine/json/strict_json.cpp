#include "engine/json/strict_json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include <string>
#include <unordered_set>
#include <vector>

namespace assay::engine::json {
namespace {

// A basic_parser handler that only tracks member names, one set per open object. It runs as a
// first pass; the value itself is built by boost::json::parse once the text is known clean.
struct DuplicateCheck {
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

  std::vector<std::unordered_set<std::string>> open;  // one entry per open object (arrays: none)
  std::string key;
  std::string duplicate;
  bool found_duplicate = false;

  using ec_t = boost::system::error_code;
  bool on_document_begin(ec_t&) { return true; }
  bool on_document_end(ec_t&) { return true; }
  bool on_array_begin(ec_t&) { return true; }
  bool on_array_end(std::size_t, ec_t&) { return true; }
  bool on_object_begin(ec_t&) {
    open.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, ec_t&) {
    open.pop_back();
    return true;
  }
  bool on_string_part(boost::json::string_view, std::size_t, ec_t&) { return true; }
  bool on_string(boost::json::string_view, std::size_t, ec_t&) { return true; }
  bool on_key_part(boost::json::string_view s, std::size_t, ec_t&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, ec_t& ec) {
    key.append(s.data(), s.size());
    const bool fresh = open.back().insert(key).second;
    if (!fresh) {
      duplicate = key;
      found_duplicate = true;
      ec = boost::json::error::syntax;  // stops the parse; reported as the duplicate below
      return false;
    }
    key.clear();
    return true;
  }
  bool on_number_part(boost::json::string_view, ec_t&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, ec_t&) { return true; }
  bool on_uint64(std::uint64_t, boost::json::string_view, ec_t&) { return true; }
  bool on_double(double, boost::json::string_view, ec_t&) { return true; }
  bool on_bool(bool, ec_t&) { return true; }
  bool on_null(ec_t&) { return true; }
  bool on_comment_part(boost::json::string_view, ec_t&) { return true; }
  bool on_comment(boost::json::string_view, ec_t&) { return true; }
};

std::string printable(std::string_view s) {
  std::string out;
  for (const char c : s.substr(0, 64)) out += (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') ? '?' : c;
  return out;
}

}  // namespace

Result<boost::json::value> parse_strict(std::string_view text, const StrictJsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return fail(Code::kResourceExhausted,
                "the JSON text has " + std::to_string(text.size()) + " bytes (limit " + std::to_string(limits.max_bytes) + ")");
  }
  boost::json::parse_options options;
  options.max_depth = limits.max_depth;
  boost::json::basic_parser<DuplicateCheck> check{options};
  boost::system::error_code ec;
  const std::size_t used = check.write_some(false, text.data(), text.size(), ec);
  if (check.handler().found_duplicate) {
    return fail(Code::kMalformed,
                "duplicate member \"" + printable(check.handler().duplicate) + "\" (each name may appear once)");
  }
  if (ec == boost::json::error::too_deep) {
    return fail(Code::kResourceExhausted,
                "the JSON text nests deeper than " + std::to_string(limits.max_depth) + " levels");
  }
  if (ec) return fail(Code::kMalformed, ec.message() + " at byte " + std::to_string(used));
  boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec) return fail(Code::kMalformed, ec.message());
  return value;
}

}  // namespace assay::engine::json
