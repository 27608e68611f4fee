#include "engine/x509/distinguished_name.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "engine/digest.h"
#include "engine/x509/internal/der.h"

namespace assay::engine {
namespace {

struct AttributeName {
  std::string_view oid;
  std::string_view name;
};

// RFC 4514 3 names, plus the attribute types EU qualified certificates use (EN 319 412-2/3).
constexpr std::array<AttributeName, 22> kAttributeNames{{
    {"2.5.4.3", "CN"},
    {"2.5.4.4", "SN"},
    {"2.5.4.5", "serialNumber"},
    {"2.5.4.6", "C"},
    {"2.5.4.7", "L"},
    {"2.5.4.8", "ST"},
    {"2.5.4.9", "STREET"},
    {"2.5.4.10", "O"},
    {"2.5.4.11", "OU"},
    {"2.5.4.12", "title"},
    {"2.5.4.13", "description"},
    {"2.5.4.15", "businessCategory"},
    {"2.5.4.17", "postalCode"},
    {"2.5.4.42", "GN"},
    {"2.5.4.43", "initials"},
    {"2.5.4.44", "generationQualifier"},
    {"2.5.4.46", "dnQualifier"},
    {"2.5.4.65", "pseudonym"},
    {"2.5.4.97", "organizationIdentifier"},
    {"1.2.840.113549.1.9.1", "emailAddress"},
    {"0.9.2342.19200300.100.1.25", "DC"},
    {"0.9.2342.19200300.100.1.1", "UID"},
}};

// RFC 4514 2.4 escaping. Unescaped runs are appended whole: names are escaped for every
// certificate read, and most values need no escape at all.
void append_escaped(std::string& out, std::string_view v) {
  std::size_t run = 0;  // start of the run not yet appended
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    const bool special = c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' ||
                         (i == 0 && (c == '#' || c == ' ')) || (i + 1 == v.size() && c == ' ');
    if (!special && c != '\0') continue;
    out.append(v, run, i - run);
    if (c == '\0') {
      out += "\\00";
    } else {
      out.push_back('\\');
      out.push_back(c);
    }
    run = i + 1;
  }
  out.append(v, run);
}

std::string fold(std::string_view v) {
  std::string out;
  bool space = false;
  for (const char c : v) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

bool is_string_tag(std::uint8_t tag) {
  switch (tag) {
    case der::kUtf8String:
    case der::kPrintableString:
    case der::kIa5String:
    case der::kVisibleString:
    case der::kT61String:
    case der::kBmpString:
    case der::kUniversalString:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<std::string_view> DistinguishedName::find(std::string_view type) const {
  const auto oid = attribute_oid(type);
  if (!oid) return std::nullopt;
  for (const auto& a : attributes) {
    if (a.oid == *oid) return std::string_view(a.value);
  }
  return std::nullopt;
}

std::string_view attribute_short_name(std::string_view oid) {
  for (const auto& a : kAttributeNames) {
    if (a.oid == oid) return a.name;
  }
  return {};
}

std::optional<std::string> attribute_oid(std::string_view name) {
  if (!name.empty() && name[0] >= '0' && name[0] <= '9') {
    if (!der::oid_contents(name)) return std::nullopt;
    return std::string(name);
  }
  for (const auto& a : kAttributeNames) {
    if (a.name.size() == name.size() &&
        std::equal(name.begin(), name.end(), a.name.begin(), [](char x, char y) {
          return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
        })) {
      return std::string(a.oid);
    }
  }
  return std::nullopt;
}

Result<DistinguishedName> parse_distinguished_name(std::string_view der_bytes) {
  auto name = der::read_single(der_bytes, der::kSequence);
  if (!name) return fail(Code::kMalformed, "Name is not a DER SEQUENCE");
  DistinguishedName out;
  out.der = std::string(der_bytes);
  der::Reader rdns(name->value);
  int index = 0;
  while (!rdns.empty()) {
    der::Tlv set;
    if (!rdns.read(der::kSet, set)) return fail(Code::kMalformed, "RDN is not a SET");
    der::Reader atvs(set.value);
    if (atvs.empty()) return fail(Code::kMalformed, "empty RDN");
    while (!atvs.empty()) {
      der::Tlv atv, type, value;
      if (!atvs.read(der::kSequence, atv)) return fail(Code::kMalformed, "attribute is not a SEQUENCE");
      der::Reader ar(atv.value);
      if (!ar.read(der::kOid, type) || !ar.next(value) || !ar.empty()) {
        return fail(Code::kMalformed, "bad AttributeTypeAndValue");
      }
      auto oid = der::oid_text(type.value);
      if (!oid) return fail(Code::kMalformed, "bad attribute type OID");
      NameAttribute a;
      a.oid = std::move(*oid);
      a.value_tag = value.tag;
      a.rdn = index;
      if (auto text = der::string_value(value)) {
        a.value = std::move(*text);
      } else {
        a.value = std::string(value.whole);
      }
      out.attributes.push_back(std::move(a));
    }
    ++index;
  }
  // RFC 4514 2.1: RDNs last to first; attributes of one RDN joined with '+'.
  out.rfc4514.reserve(der_bytes.size());  // the text is about as long as the DER
  for (int r = index - 1; r >= 0; --r) {
    if (r != index - 1) out.rfc4514.push_back(',');
    bool first = true;
    for (const auto& a : out.attributes) {
      if (a.rdn != r) continue;
      if (!first) out.rfc4514.push_back('+');
      first = false;
      const auto short_name = attribute_short_name(a.oid);
      out.rfc4514 += short_name.empty() ? std::string_view(a.oid) : short_name;
      out.rfc4514.push_back('=');
      if (is_string_tag(a.value_tag)) {
        append_escaped(out.rfc4514, a.value);
      } else {
        // RFC 4514 2.4: values without a string form are written as '#' + hex of their BER.
        out.rfc4514.push_back('#');
        out.rfc4514 += to_hex(a.value);
      }
    }
  }
  return out;
}

namespace {

// The characters of fold(v), one at a time (-1 at the end): RFC 5280 7.1 comparison without
// building folded copies.
class Folded {
 public:
  explicit Folded(std::string_view v) : v_(v) {}
  int next() {
    if (pending_ >= 0) return std::exchange(pending_, -1);
    bool space = false;
    while (i_ < v_.size() && std::isspace(static_cast<unsigned char>(v_[i_]))) {
      space = true;
      ++i_;
    }
    if (i_ == v_.size()) return -1;  // trailing white space is dropped
    const int c = std::tolower(static_cast<unsigned char>(v_[i_++]));
    if (space && started_) {  // an inner run of white space is one space
      pending_ = c;
      return ' ';
    }
    started_ = true;  // leading white space is dropped
    return c;
  }

 private:
  std::string_view v_;
  std::size_t i_ = 0;
  bool started_ = false;
  int pending_ = -1;
};

bool folded_equal(std::string_view x, std::string_view y) {
  Folded fx(x), fy(y);
  for (;;) {
    const int a = fx.next();
    if (a != fy.next()) return false;
    if (a < 0) return true;
  }
}

bool same_attribute(const NameAttribute& x, const NameAttribute& y) {
  if (x.rdn != y.rdn || x.oid != y.oid) return false;
  const bool xs = is_string_tag(x.value_tag), ys = is_string_tag(y.value_tag);
  if (xs != ys) return false;
  return xs ? folded_equal(x.value, y.value) : x.value == y.value;
}

}  // namespace

bool equivalent_names(const DistinguishedName& a, const DistinguishedName& b) {
  if (a.der == b.der) return true;
  const std::size_t n = a.attributes.size();
  if (n != b.attributes.size()) return false;
  // Same RDN structure; within one RDN attributes form a set. Matching each attribute of `a` to
  // an unused equal one of `b` decides it (equality is an equivalence), without allocating for
  // the usual names (path building and revocation compare names many times per validation).
  constexpr std::size_t kInline = 16;  // real names have at most a dozen attributes
  if (n <= kInline) {
    std::uint64_t used = 0;
    for (const auto& x : a.attributes) {
      bool found = false;
      for (std::size_t k = 0; k < n; ++k) {
        if ((used >> k) & 1u) continue;
        if (same_attribute(x, b.attributes[k])) {
          used |= std::uint64_t{1} << k;
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  // Large (hostile) names: sorted keys, O(n log n).
  auto key = [](const NameAttribute& x) {
    return std::make_pair(x.rdn, x.oid + '\x01' + (is_string_tag(x.value_tag) ? fold(x.value) : x.value));
  };
  std::vector<std::pair<int, std::string>> ka, kb;
  ka.reserve(n);
  kb.reserve(n);
  for (const auto& x : a.attributes) ka.push_back(key(x));
  for (const auto& x : b.attributes) kb.push_back(key(x));
  std::sort(ka.begin(), ka.end());
  std::sort(kb.begin(), kb.end());
  return ka == kb;
}

}  // namespace assay::engine
