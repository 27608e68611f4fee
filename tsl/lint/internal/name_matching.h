// Tolerant comparisons between names written in a list and names in certificates.
#pragma once

#include <string_view>

#include "engine/x509/distinguished_name.h"
#include "tsl/trusted_list.h"

namespace assay::tsl::lint::internal {

// True when the X509SubjectName written in a list (an RFC 4514-like string; lists vary in
// order, separators and attribute names) carries the same attribute values as `subject`.
// Compared as multisets of values after unescaping, ASCII case folding and whitespace
// compression; types are ignored (lists write "SERIALNUMBER", "OID.2.5.4.97", "E", ...);
// hex-encoded values ("#04..") are skipped.
bool subject_names_match(std::string_view written, const engine::DistinguishedName& subject);

// True when the organisation name shares a significant word (3+ characters, not a legal form
// such as "GmbH" or "S.A.") with a provider name or trade name.
bool organisation_matches_provider(std::string_view organisation, const TrustServiceProvider& tsp);

}  // namespace assay::tsl::lint::internal
