// DER helpers shared by the CRL and OCSP readers (engine/x509/crl.cpp, ocsp_response.cpp).
// Private to engine/x509.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/x509/crl.h"
#include "engine/x509/internal/der.h"

namespace assay::engine::x509_internal {

// True when every length in `data` (recursing into constructed elements, at most `max_depth`
// deep) is in the minimal DER form and the elements exactly fill their parents. The lenient
// der::Reader accepts non-minimal long-form lengths; revocation data is refused with them
// (X.690 10.1) so that one response has one encoding and one hash.
bool strict_der_lengths(std::string_view data, int max_depth = 24);

// GeneralNames (RFC 5280 4.2.1.6) from the contents of a SEQUENCE OF GeneralName (or of an
// implicitly tagged one); nullopt when malformed.
std::optional<GeneralNames> parse_general_names(std::string_view contents);

// DistributionPointName (RFC 5280 4.2.1.13) from the contents of its [0] wrapper.
std::optional<DistributionPointName> parse_distribution_point_name(std::string_view contents);

// ReasonFlags BIT STRING contents (implicitly tagged); nullopt when malformed.
std::optional<ReasonFlags> parse_reason_flags(std::string_view contents);

// ENUMERATED CRLReason from its TLV contents; nullopt when out of range.
std::optional<CrlReason> parse_crl_reason(std::string_view enumerated_contents);

// INTEGER contents as unsigned big-endian bytes without leading zeros; nullopt when negative
// or empty.
std::optional<std::string> unsigned_number(std::string_view integer_contents);

// Extensions ::= SEQUENCE OF Extension, from the SEQUENCE contents; nullopt when malformed.
std::optional<std::vector<Extension>> parse_extension_list(std::string_view contents);

}  // namespace assay::engine::x509_internal
