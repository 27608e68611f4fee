// Writes TS 119 612 v6 trusted lists (LOTL and national lists) for the sample federation with
// samples' own XML writer: the lists are produced independently of the tsl/ reader under test.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "samples/scenarios.h"

namespace assay::samples {

// An OtherTSLPointer (TS 119 612 5.3.13).
struct PointerDoc {
  std::string location;
  std::vector<std::string> certificates_der;  // one ServiceDigitalIdentity each
  std::string tsl_type;                       // full URI
  std::string territory;
  std::string mime_type;
  std::string operator_name;
  std::string community_rules;  // full URI
};

// The resolved ServiceDigitalIdentity of a service.
struct IdentityDoc {
  std::string certificate_der;  // empty for an SKI-only identity
  std::string ski;              // raw bytes
  std::string subject;          // RFC 4514 string
};

struct ServiceDoc {
  ServiceSpec spec;
  IdentityDoc identity;
};

struct SchemeDoc {
  unsigned sequence = 1;
  std::string tsl_type;  // full URI
  std::string territory;
  std::string operator_name;
  std::vector<std::string> scheme_information_uris;
  std::vector<PointerDoc> pointers;
  engine::UtcTime issue{};
  std::optional<engine::UtcTime> next_update;
  std::string distribution_point;
};

// Full vocabulary URIs from the table's short names.
std::string status_uri(const std::string& short_name);
std::string service_type_uri(const std::string& short_name);
std::string extension_uri(const std::string& short_name);  // ASI and qualifiers

// The unsigned list document. `tsp_name` and `services` are ignored (no provider list) for a LOTL.
std::string write_list(const SchemeDoc& scheme, const std::string& tsp_name, const std::vector<ServiceDoc>& services);

}  // namespace assay::samples
