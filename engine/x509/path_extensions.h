// The certificate extensions RFC 5280 6.1 path processing reads: names (subjectAltName), name
// constraints, certificate policies with their qualifiers, policy mappings, policy constraints
// and inhibitAnyPolicy (RFC 5280 4.2.1.4 - 4.2.1.14). Plain immutable values filled by
// Certificate::parse_der; a malformed extension leaves its value empty/absent and is a finding
// (x509.extension.malformed) so that path validation can reject the certificate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/x509/distinguished_name.h"

namespace assay::engine {

inline constexpr std::string_view kOidAnyPolicy = "2.5.29.32.0";
inline constexpr std::string_view kOidSubjectAltName = "2.5.29.17";
inline constexpr std::string_view kOidNameConstraints = "2.5.29.30";
inline constexpr std::string_view kOidPolicyMappings = "2.5.29.33";
inline constexpr std::string_view kOidPolicyConstraints = "2.5.29.36";
inline constexpr std::string_view kOidInhibitAnyPolicy = "2.5.29.54";
inline constexpr std::string_view kOidEmailAddress = "1.2.840.113549.1.9.1";

// GeneralName CHOICE tags (RFC 5280 4.2.1.6).
enum class GeneralNameType {
  kOtherName = 0,
  kRfc822Name = 1,
  kDnsName = 2,
  kX400Address = 3,
  kDirectoryName = 4,
  kEdiPartyName = 5,
  kUri = 6,
  kIpAddress = 7,
  kRegisteredId = 8,
};

struct GeneralName {
  GeneralNameType type = GeneralNameType::kOtherName;
  // rfc822Name, dNSName, URI: the IA5 text; iPAddress: the raw octets (4 or 16, or 8 / 32 with a
  // mask in name constraints); registeredID: dotted OID; other forms: the DER of the value.
  std::string value;
  DistinguishedName directory;  // directoryName only
};

// A GeneralSubtree (minimum 0 and no maximum are the only forms RFC 5280 allows; others are kept
// so path validation can refuse them).
struct GeneralSubtree {
  GeneralName base;
  std::int64_t minimum = 0;
  std::optional<std::int64_t> maximum;
};

struct NameConstraints {
  bool present = false;
  bool critical = false;
  std::vector<GeneralSubtree> permitted;
  std::vector<GeneralSubtree> excluded;
  bool has_permitted = false;  // permittedSubtrees present (an empty one is malformed anyway)
};

// PolicyInformation with its qualifiers kept as OIDs (CPS, user notice, ...).
struct PolicyInformation {
  std::string oid;
  std::vector<std::string> qualifier_oids;
};

struct PolicyMapping {
  std::string issuer_domain;
  std::string subject_domain;
};

struct PolicyConstraints {
  bool present = false;
  std::optional<std::int64_t> require_explicit_policy;
  std::optional<std::int64_t> inhibit_policy_mapping;
};

// Decoders (nullopt when the DER does not match the syntax).
std::optional<std::vector<GeneralName>> parse_general_names(std::string_view der);       // 4.2.1.6
std::optional<NameConstraints> parse_name_constraints(std::string_view der);             // 4.2.1.10
std::optional<std::vector<PolicyInformation>> parse_policy_information(std::string_view der);  // 4.2.1.4
std::optional<std::vector<PolicyMapping>> parse_policy_mappings(std::string_view der);   // 4.2.1.5
std::optional<PolicyConstraints> parse_policy_constraints(std::string_view der);         // 4.2.1.11
std::optional<std::int64_t> parse_inhibit_any_policy(std::string_view der);              // 4.2.1.14

}  // namespace assay::engine
