// X.501 Names as read from certificates: raw DER (for byte-wise comparison), the attribute list,
// and an RFC 4514 string. Immutable value type; safe to share across threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace assay::engine {

// One AttributeTypeAndValue.
struct NameAttribute {
  std::string oid;          // attribute type, dotted ("2.5.4.3")
  std::string value;        // UTF-8 text; for non-string values, the DER of the value
  std::uint8_t value_tag = 0;  // DER tag of the value (0x0c UTF8String, 0x13 PrintableString, ...)
  int rdn = 0;              // index of the RelativeDistinguishedName, in DER order (0 = first)
  bool operator==(const NameAttribute&) const = default;
};

// A Name (RFC 5280 4.1.2.4). Attributes keep the DER order (most significant RDN first), while
// `rfc4514` is written in the reverse order, as RFC 4514 2.1 requires.
struct DistinguishedName {
  std::string der;                       // the complete Name TLV
  std::vector<NameAttribute> attributes;
  std::string rfc4514;                   // "CN=Foo,O=Bar,C=LU"

  // Value of the first attribute of this type (dotted OID or short name "CN"), if any.
  std::optional<std::string_view> find(std::string_view type) const;
  bool empty() const { return attributes.empty(); }
};

// Decodes a Name TLV. kMalformed when it is not a SEQUENCE OF SET OF AttributeTypeAndValue.
Result<DistinguishedName> parse_distinguished_name(std::string_view der);

// RFC 5280 7.1 name matching: byte-equal, or the same RDNs with the same attribute types and
// values equal after case folding (ASCII) and whitespace compression for string values.
bool equivalent_names(const DistinguishedName& a, const DistinguishedName& b);

// Short name of an attribute type ("CN", "organizationIdentifier"), or empty when unknown.
std::string_view attribute_short_name(std::string_view oid);
// Dotted OID for a short name or a dotted OID; nullopt when unknown.
std::optional<std::string> attribute_oid(std::string_view short_name_or_oid);

}  // namespace assay::engine
