#include "engine/x509/internal/revocation_der.h"

namespace assay::engine::x509_internal {

bool strict_der_lengths(std::string_view data, int max_depth) {
  if (max_depth < 0) return false;
  const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t pos = 0;
  while (pos < data.size()) {
    if (data.size() - pos < 2) return false;
    const std::uint8_t tag = p[pos];
    if ((tag & 0x1f) == 0x1f) return false;
    std::size_t length = p[pos + 1];
    std::size_t header = 2;
    if (length & 0x80) {
      const std::size_t n = length & 0x7f;
      if (n == 0 || n > 4 || data.size() - pos < 2 + n) return false;
      if (p[pos + 2] == 0) return false;  // leading zero octet: not minimal (X.690 10.1)
      length = 0;
      for (std::size_t i = 0; i < n; ++i) length = (length << 8) | p[pos + 2 + i];
      if (length < 0x80) return false;  // would fit the short form
      header += n;
    }
    if (length > data.size() - pos - header) return false;
    if ((tag & 0x20) && !strict_der_lengths(data.substr(pos + header, length), max_depth - 1)) return false;
    pos += header + length;
  }
  return true;
}

std::optional<GeneralNames> parse_general_names(std::string_view contents) {
  GeneralNames out;
  der::Reader r(contents);
  while (!r.empty()) {
    der::Tlv t;
    if (!r.next(t)) return std::nullopt;
    if ((t.tag & 0xc0) != 0x80) return std::nullopt;  // GeneralName is a CHOICE of context tags
    GeneralNameValue g;
    g.tag = static_cast<std::uint8_t>(t.tag & 0x1f);
    g.value = std::string(t.value);
    if (g.tag == 4) {
      // directoryName [4] is EXPLICIT (Name is a CHOICE).
      auto name = parse_distinguished_name(t.value);
      if (!name) return std::nullopt;
      g.directory = std::move(*name);
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::optional<DistributionPointName> parse_distribution_point_name(std::string_view contents) {
  der::Reader r(contents);
  der::Tlv t;
  if (!r.next(t) || !r.empty()) return std::nullopt;
  DistributionPointName name;
  if (t.tag == der::context_constructed(0)) {
    auto names = parse_general_names(t.value);
    if (!names) return std::nullopt;
    name.full_name = std::move(*names);
  } else if (t.tag == der::context_constructed(1)) {
    name.relative_rdn = der::tlv(der::kSet, t.value);
  } else {
    return std::nullopt;
  }
  return name;
}

std::optional<ReasonFlags> parse_reason_flags(std::string_view contents) {
  if (contents.empty() || static_cast<std::uint8_t>(contents[0]) > 7) return std::nullopt;
  if (contents.size() == 1) return contents[0] == 0 ? std::optional<ReasonFlags>(0) : std::nullopt;
  ReasonFlags flags = 0;
  for (std::size_t i = 1; i < contents.size() && i <= 2; ++i) {
    const auto byte = static_cast<std::uint8_t>(contents[i]);
    for (int b = 0; b < 8; ++b) {
      if (byte & (0x80 >> b)) {
        const int bit = static_cast<int>((i - 1) * 8) + b;
        if (bit <= 15) flags = static_cast<ReasonFlags>(flags | (1u << bit));
      }
    }
  }
  return static_cast<ReasonFlags>(flags & kAllReasons);
}

std::optional<CrlReason> parse_crl_reason(std::string_view contents) {
  auto v = der::small_integer(contents);
  if (!v || *v > 10 || *v == 7) return std::nullopt;
  return static_cast<CrlReason>(*v);
}

std::optional<std::string> unsigned_number(std::string_view contents) {
  if (contents.empty() || (static_cast<std::uint8_t>(contents[0]) & 0x80)) return std::nullopt;
  while (!contents.empty() && contents[0] == 0) contents.remove_prefix(1);
  return std::string(contents);
}

std::optional<std::vector<Extension>> parse_extension_list(std::string_view contents) {
  std::vector<Extension> out;
  der::Reader r(contents);
  while (!r.empty()) {
    der::Tlv ext, id, crit, value;
    if (!r.read(der::kSequence, ext)) return std::nullopt;
    der::Reader er(ext.value);
    if (!er.read(der::kOid, id)) return std::nullopt;
    Extension e;
    auto oid = der::oid_text(id.value);
    if (!oid) return std::nullopt;
    e.oid = *oid;
    if (er.read_optional(der::kBoolean, crit)) {
      if (crit.value.size() != 1) return std::nullopt;
      e.critical = crit.value[0] != 0;
    }
    if (!er.read(der::kOctetString, value) || !er.empty()) return std::nullopt;
    e.value = std::string(value.value);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace assay::engine::x509_internal
