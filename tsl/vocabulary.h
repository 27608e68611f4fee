// The URI vocabularies of TS 119 612 (statuses, service types, qualifiers, additional service
// information) and the regime rules around them. Unknown URIs are kept by the model; these
// functions say whether a URI is known and what it means.
#pragma once

#include <string_view>

#include "engine/time.h"

namespace assay::tsl::vocabulary {

// 2016-06-30T22:00:00Z (eIDAS, Regulation (EU) No 910/2014, applicable from 1 July 2016 CEST):
// a status period or certificate starting on or after it is post-eIDAS.
engine::UtcTime eidas_start();
bool is_post_eidas(engine::UtcTime t);

enum class Regime { kPreEidas, kPostEidas, kUnknown };

// Regime of a status URI: pre-eIDAS statuses (undersupervision, accredited, ...) or post-eIDAS
// (granted, withdrawn, ...). kUnknown for URIs outside the vocabulary.
Regime status_regime(std::string_view status_uri);
bool is_known_status(std::string_view status_uri);
// granted (post) or undersupervision / supervisionincessation / accredited (pre), regardless of
// the period's start; callers check the regime (TS 119 615 status "granted-equivalent").
bool is_granted_equivalent_status(std::string_view status_uri);

bool is_known_service_type(std::string_view type_uri);
bool is_known_qualifier(std::string_view qualifier_uri);
bool is_known_additional_service_information(std::string_view asi_uri);

// The last path segment of a vocabulary URI ("granted", "CA/QC", "QCWithQSCD"), or the URI
// itself when it is not in one of the known prefixes. For human output.
std::string_view short_name(std::string_view uri);

}  // namespace assay::tsl::vocabulary
