// Decoders for the RFC 5280 extensions and algorithm identifiers the Certificate exposes.
// Each returns nullopt when the DER does not match the syntax (the caller reports a finding).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/x509/certificate.h"

namespace assay::engine::x509_internal {

inline constexpr std::string_view kOidSubjectKeyId = "2.5.29.14";
inline constexpr std::string_view kOidKeyUsage = "2.5.29.15";
inline constexpr std::string_view kOidBasicConstraints = "2.5.29.19";
inline constexpr std::string_view kOidCrlDistributionPoints = "2.5.29.31";
inline constexpr std::string_view kOidCertificatePolicies = "2.5.29.32";
inline constexpr std::string_view kOidAuthorityKeyId = "2.5.29.35";
inline constexpr std::string_view kOidExtKeyUsage = "2.5.29.37";
inline constexpr std::string_view kOidAuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";
inline constexpr std::string_view kOidOcsp = "1.3.6.1.5.5.7.48.1";
inline constexpr std::string_view kOidCaIssuers = "1.3.6.1.5.5.7.48.2";

std::optional<std::uint16_t> parse_key_usage(std::string_view v);                 // 4.2.1.3
std::optional<BasicConstraints> parse_basic_constraints(std::string_view v);     // 4.2.1.9
std::optional<std::vector<std::string>> parse_ext_key_usage(std::string_view v); // 4.2.1.12
std::optional<std::vector<std::string>> parse_policies(std::string_view v);      // 4.2.1.4
std::optional<std::string> parse_subject_key_id(std::string_view v);             // 4.2.1.2
// keyIdentifier of AuthorityKeyIdentifier (4.2.1.1); `has_key_id` false when it is absent.
std::optional<std::string> parse_authority_key_id(std::string_view v, bool& has_key_id);
std::optional<std::vector<std::string>> parse_crl_distribution_points(std::string_view v);  // 4.2.1.13
// 4.2.2.1: fills OCSP and caIssuers URIs.
bool parse_authority_info_access(std::string_view v, std::vector<std::string>& ocsp,
                                 std::vector<std::string>& ca_issuers);

// Algorithm tables.
std::optional<SignatureAlgorithm> parse_signature_algorithm(std::string_view algorithm_identifier_der);
std::optional<PublicKeyInfo> parse_public_key_info(std::string_view spki_der);

}  // namespace assay::engine::x509_internal
