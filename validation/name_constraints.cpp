#include "validation/name_constraints.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace assay::validation {

namespace {

using engine::GeneralName;
using engine::GeneralNameType;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// RFC 5280 7.1 (by reference to RFC 4518, simplified as in equivalent_names): case folding and
// insignificant whitespace removed.
std::string normalized(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool is_string_tag(std::uint8_t tag) {
  return tag == 0x0c || tag == 0x13 || tag == 0x14 || tag == 0x16 || tag == 0x1a || tag == 0x1c || tag == 0x1e;
}

using Rdn = std::vector<const engine::NameAttribute*>;

std::vector<Rdn> rdns(const engine::DistinguishedName& n) {
  std::vector<Rdn> out;
  for (const auto& a : n.attributes) {
    if (out.empty() || a.rdn != out.back().front()->rdn) out.emplace_back();
    out.back().push_back(&a);
  }
  return out;
}

bool same_attribute(const engine::NameAttribute& a, const engine::NameAttribute& b) {
  if (a.oid != b.oid) return false;
  if (is_string_tag(a.value_tag) && is_string_tag(b.value_tag)) return normalized(a.value) == normalized(b.value);
  return a.value_tag == b.value_tag && a.value == b.value;
}

bool same_rdn(const Rdn& a, const Rdn& b) {
  if (a.size() != b.size()) return false;
  return std::all_of(a.begin(), a.end(), [&](const auto* x) {
    return std::any_of(b.begin(), b.end(), [&](const auto* y) { return same_attribute(*x, *y); });
  });
}

// RFC 5280 4.2.1.10: a directoryName is within a subtree when the subtree's RDNs are its first RDNs.
bool directory_within(const engine::DistinguishedName& name, const engine::DistinguishedName& base) {
  const auto n = rdns(name);
  const auto b = rdns(base);
  if (b.size() > n.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!same_rdn(n[i], b[i])) return false;
  }
  return true;
}

// dNSName: the name itself or any subdomain ("example.com" admits "www.example.com").
bool dns_within(std::string_view name, std::string_view base) {
  std::string n = lower(name), b = lower(base);
  if (b.empty()) return true;
  if (!b.empty() && b.front() == '.') return n.size() > b.size() && n.ends_with(b);
  if (n == b) return true;
  return n.size() > b.size() && n.ends_with(b) && n[n.size() - b.size() - 1] == '.';
}

// A host (no mailbox): "host" exactly, ".domain" any host below it (RFC 5280 4.2.1.10, URI and
// rfc822Name forms).
bool host_within(std::string_view host, std::string_view base) {
  std::string h = lower(host), b = lower(base);
  if (!b.empty() && b.front() == '.') return h.size() > b.size() && h.ends_with(b);
  return h == b;
}

bool rfc822_within(std::string_view mailbox, std::string_view base) {
  const auto at = mailbox.rfind('@');
  if (at == std::string_view::npos) return false;
  if (base.find('@') != std::string_view::npos) {
    // A particular mailbox: local part exact, host case-insensitive.
    const auto bat = base.rfind('@');
    return mailbox.substr(0, at) == base.substr(0, bat) && lower(mailbox.substr(at + 1)) == lower(base.substr(bat + 1));
  }
  return host_within(mailbox.substr(at + 1), base);
}

// The host of a URI (RFC 3986 authority without userinfo and port); empty when it has none.
std::string uri_host(std::string_view uri) {
  const auto scheme = uri.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = uri.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') return std::string(rest.substr(0, rest.find(']') + 1));
  return std::string(rest.substr(0, rest.find(':')));
}

bool ip_within(std::string_view address, std::string_view base) {
  if (base.size() != address.size() * 2) return false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const auto mask = static_cast<unsigned char>(base[address.size() + i]);
    if ((static_cast<unsigned char>(address[i]) & mask) != (static_cast<unsigned char>(base[i]) & mask)) return false;
  }
  return true;
}

// The names of a certificate that constraints apply to: the subject (when not empty), the
// subjectAltNames and, without a subjectAltName extension, the subject's emailAddress values.
std::vector<GeneralName> constrained_names(const engine::Certificate& c) {
  std::vector<GeneralName> out;
  if (!c.subject().empty()) {
    GeneralName n;
    n.type = GeneralNameType::kDirectoryName;
    n.directory = c.subject();
    out.push_back(std::move(n));
  }
  for (const auto& n : c.subject_alt_names()) out.push_back(n);
  // RFC 5280 4.2.1.10: without a subjectAltName, rfc822Name constraints apply to the
  // emailAddress attributes of the subject.
  if (c.has_subject_alt_name()) return out;
  for (const auto& email : c.subject_emails()) {
    GeneralName n;
    n.type = GeneralNameType::kRfc822Name;
    n.value = email;
    out.push_back(std::move(n));
  }
  return out;
}

std::string describe(const GeneralName& n) {
  switch (n.type) {
    case GeneralNameType::kDirectoryName: return "directoryName \"" + n.directory.rfc4514 + "\"";
    case GeneralNameType::kRfc822Name: return "rfc822Name \"" + n.value + "\"";
    case GeneralNameType::kDnsName: return "dNSName \"" + n.value + "\"";
    case GeneralNameType::kUri: return "URI \"" + n.value + "\"";
    case GeneralNameType::kIpAddress: return "iPAddress";
    default: return "name of form " + std::to_string(static_cast<int>(n.type));
  }
}

}  // namespace

bool name_within(const GeneralName& name, const GeneralName& base) {
  if (name.type != base.type) return false;
  switch (name.type) {
    case GeneralNameType::kDirectoryName: return directory_within(name.directory, base.directory);
    case GeneralNameType::kRfc822Name: return rfc822_within(name.value, base.value);
    case GeneralNameType::kDnsName: return dns_within(name.value, base.value);
    case GeneralNameType::kUri: {
      const std::string host = uri_host(name.value);
      return !host.empty() && host_within(host, base.value);
    }
    case GeneralNameType::kIpAddress: return ip_within(name.value, base.value);
    default: return name.value == base.value;
  }
}

void NameConstraintState::add(const engine::NameConstraints& constraints) {
  if (constraints.has_permitted) permitted_.push_back(constraints.permitted);
  excluded_.insert(excluded_.end(), constraints.excluded.begin(), constraints.excluded.end());
}

std::vector<std::string> NameConstraintState::check(const engine::Certificate& certificate) const {
  std::vector<std::string> problems;
  if (permitted_.empty() && excluded_.empty()) return problems;
  for (const auto& name : constrained_names(certificate)) {
    for (const auto& set : permitted_) {
      bool has_form = false, admitted = false;
      for (const auto& subtree : set) {
        if (subtree.base.type != name.type) continue;
        has_form = true;
        admitted = admitted || name_within(name, subtree.base);
      }
      if (has_form && !admitted) {
        problems.push_back(describe(name) + " is outside the permitted subtrees");
        break;
      }
    }
    for (const auto& subtree : excluded_) {
      if (subtree.base.type == name.type && name_within(name, subtree.base)) {
        problems.push_back(describe(name) + " is within an excluded subtree");
        break;
      }
    }
  }
  return problems;
}

}  // namespace assay::validation
