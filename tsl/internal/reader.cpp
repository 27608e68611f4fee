#include "tsl/internal/reader.h"

#include "engine/base64.h"
#include "tsl/finding_ids.h"
#include "tsl/namespaces.h"

namespace assay::tsl::internal {

using engine::Severity;

void Reader::report(const char* id, Severity severity, std::string message, const Node& at) {
  report(id, severity, std::move(message), at.path());
}

void Reader::report(const char* id, Severity severity, std::string message, std::string path) {
  findings_.push_back(engine::Finding{id, severity, std::move(message), std::move(path)});
}

std::optional<std::string> Reader::child_text(const Node& parent, std::string_view local, bool required,
                                              std::string_view ns) {
  const Node c = parent.child(ns.empty() ? ns::kTsl : ns, local);
  if (!c) {
    if (required) {
      report(finding::kMissingElement, Severity::kError, "missing mandatory element " + std::string(local),
             parent.path() + "/" + std::string(local));
    }
    return std::nullopt;
  }
  return c.trimmed_text();
}

MultiLangString Reader::multilang(const Node& parent, std::string_view local, std::string_view ns) {
  MultiLangString out;
  for (const Node& c : parent.children(ns.empty() ? ns::kTsl : ns, local)) {
    out.push_back(LocalizedString{c.attribute("lang", ns::kXml).value_or(""), c.trimmed_text()});
  }
  return out;
}

MultiLangString Reader::multilang_in(const Node& parent, std::string_view container, std::string_view item) {
  const Node c = parent.child(ns::kTsl, container);
  return c ? multilang(c, item) : MultiLangString{};
}

std::optional<UtcTime> Reader::date(const Node& element) {
  bool assumed_utc = false;
  auto t = engine::parse_utc_time(element.text(), &assumed_utc);
  if (!t) {
    report(finding::kBadDate, Severity::kError, "unparsable date-time '" + element.trimmed_text() + "'", element);
    return std::nullopt;
  }
  if (assumed_utc) {
    report(finding::kDateWithoutZone, Severity::kWarning,
           "date-time '" + element.trimmed_text() + "' has no time zone; read as UTC", element);
  }
  return *t;
}

std::optional<std::uint64_t> Reader::number(const Node& element) {
  const std::string s = element.trimmed_text();
  std::uint64_t v = 0;
  bool ok = !s.empty() && s.size() <= 19;
  for (const char c : s) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok) {
    report(finding::kBadNumber, Severity::kError, "not a non-negative integer: '" + s.substr(0, 40) + "'", element);
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> Reader::base64(const Node& element) {
  std::string scratch;
  auto bytes = engine::base64_decode(element.text_view(scratch));
  if (!bytes || bytes->empty()) {
    report(finding::kBadBase64, Severity::kError, "value is not valid base64", element);
    return std::nullopt;
  }
  return bytes;
}

std::vector<std::string> Reader::uris(const Node& container) {
  std::vector<std::string> out;
  if (!container) return out;
  for (const Node& u : container.children(ns::kTsl, "URI")) out.push_back(u.trimmed_text());
  return out;
}

Address Reader::address(const Node& address_element) {
  Address out;
  if (!address_element) return out;
  if (const Node postal = address_element.child(ns::kTsl, "PostalAddresses")) {
    for (const Node& p : postal.children(ns::kTsl, "PostalAddress")) {
      PostalAddress a;
      a.lang = p.attribute("lang", ns::kXml).value_or("");
      a.street_address = child_text(p, "StreetAddress", false).value_or("");
      a.locality = child_text(p, "Locality", false).value_or("");
      a.state_or_province = child_text(p, "StateOrProvince", false).value_or("");
      a.postal_code = child_text(p, "PostalCode", false).value_or("");
      a.country_name = child_text(p, "CountryName", false).value_or("");
      out.postal.push_back(std::move(a));
    }
  }
  if (const Node electronic = address_element.child(ns::kTsl, "ElectronicAddress")) {
    out.electronic = multilang(electronic, "URI");
  }
  return out;
}

}  // namespace assay::tsl::internal
