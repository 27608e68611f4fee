#include "tsl/lint/internal/name_matching.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/digest.h"

namespace assay::tsl::lint::internal {
namespace {

// Trim, compress inner whitespace, ASCII lower case.
std::string normalise(std::string_view v) {
  std::string out;
  bool space = false;
  for (const char c : v) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool is_string_tag(std::uint8_t tag) {
  // UTF8String, PrintableString, T61String, IA5String, UniversalString, BMPString, VisibleString.
  return tag == 0x0c || tag == 0x13 || tag == 0x14 || tag == 0x16 || tag == 0x1c || tag == 0x1e || tag == 0x1a;
}

// "#130d3132..." (RFC 4514 2.4: the DER of the value in hex) to the string it holds, when it
// is a short string type; nullopt otherwise.
std::optional<std::string> hex_string_value(std::string_view v) {
  std::string der;
  for (std::size_t i = 1; i + 1 < v.size(); i += 2) {
    const int hi = engine::hex_digit_value(v[i]);
    const int lo = engine::hex_digit_value(v[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    der.push_back(static_cast<char>(hi * 16 + lo));
  }
  if (der.size() < 2 || static_cast<unsigned char>(der[1]) >= 0x80 ||
      static_cast<std::size_t>(static_cast<unsigned char>(der[1])) + 2 != der.size()) {
    return std::nullopt;
  }
  return der.substr(2);
}

// Splits "CN=a\, b, O=\"x, y\"+C=LU" into attribute values (unescaped), skipping "#hex" ones.
std::vector<std::string> written_values(std::string_view dn) {
  std::vector<std::string> values;
  std::string current;
  bool quoted = false;
  auto flush = [&] {
    const auto eq = current.find('=');
    if (eq != std::string::npos) {
      std::string value = current.substr(eq + 1);
      const auto first = value.find_first_not_of(' ');
      if (first != std::string::npos && value[first] == '#') {
        // Only string types are compared (is_string_tag on the certificate side).
        const std::string_view hex = std::string_view(value).substr(first);
        if (hex.size() >= 3 && is_string_tag(static_cast<std::uint8_t>(engine::hex_digit_value(hex[1]) * 16 + engine::hex_digit_value(hex[2])))) {
          if (auto text = hex_string_value(hex)) values.push_back(normalise(*text));
        }
      } else if (first != std::string::npos) {
        values.push_back(normalise(value));
      }
    }
    current.clear();
  };
  for (std::size_t i = 0; i < dn.size(); ++i) {
    const char c = dn[i];
    if (c == '\\' && i + 1 < dn.size()) {
      const int hi = engine::hex_digit_value(dn[i + 1]);
      const int lo = i + 2 < dn.size() ? engine::hex_digit_value(dn[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        current.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
      } else {
        current.push_back(dn[++i]);
      }
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == ',' || c == ';' || c == '+')) {
      flush();
    } else {
      current.push_back(c);
    }
  }
  flush();
  return values;
}


// Lower-case words of letters/digits (bytes >= 0x80 count as letters, so UTF-8 names work).
std::set<std::string> words(std::string_view text) {
  static constexpr std::array<std::string_view, 28> kLegalForms = {
      "gmbh", "ltd", "limited", "inc", "plc", "spa", "srl", "sas", "sarl", "ood", "ead", "kft", "zrt", "nyrt",
      "sro", "doo", "llc", "oyj", "the", "and", "company", "certification", "authority", "services", "trust",
      "group", "bank", "public"};
  std::set<std::string> out;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 3 && std::find(kLegalForms.begin(), kLegalForms.end(), w) == kLegalForms.end()) out.insert(w);
    w.clear();
  };
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      w.push_back(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      w.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace

bool subject_names_match(std::string_view written, const engine::DistinguishedName& subject) {
  std::vector<std::string> mine = written_values(written);
  std::vector<std::string> theirs;
  for (const auto& a : subject.attributes) {
    if (is_string_tag(a.value_tag)) theirs.push_back(normalise(a.value));
  }
  std::sort(mine.begin(), mine.end());
  std::sort(theirs.begin(), theirs.end());
  return mine == theirs;
}

bool organisation_matches_provider(std::string_view organisation, const TrustServiceProvider& tsp) {
  const auto org = words(organisation);
  if (org.empty()) return true;  // nothing significant to compare
  auto overlaps = [&](const MultiLangString& names) {
    return std::any_of(names.begin(), names.end(), [&](const LocalizedString& n) {
      const auto other = words(n.value);
      return std::any_of(org.begin(), org.end(), [&](const std::string& w) { return other.count(w) > 0; });
    });
  };
  return overlaps(tsp.names) || overlaps(tsp.trade_names);
}

}  // namespace assay::tsl::lint::internal
