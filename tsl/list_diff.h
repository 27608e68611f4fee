// Differences between two versions of a trusted list (or two LOTLs): what an auditor asks when
// comparing the list audited last year with today's. Services are matched by stable service id
// (territory + TSP name + type + identity, see timeline.h); services whose provider was renamed
// are matched a second time by type + identity and reported as a provider-name change.
// Pure functions of their inputs; results are plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tsl/timeline.h"

namespace assay::tsl {

// A service as named in a diff (from the newer list, or the older one when removed).
struct DiffService {
  std::string id;
  std::string tsp;
  std::string name;
  std::string type;  // ServiceTypeIdentifier URI
};

struct StatusChange {
  DiffService service;
  std::string from;                     // status URI in the older list
  std::string to;                       // status URI in the newer list
  std::optional<UtcTime> since;         // StatusStartingTime of the new status
  std::optional<UtcTime> previous_since;
};

// Digital identity changes of the current state: certificates by SHA-256 hex, SKIs as
// "ski:<hex>", subject names as "subject:<text>".
struct IdentityChange {
  DiffService service;
  std::vector<std::string> added;
  std::vector<std::string> removed;
};

// A set-valued attribute that changed (ASIs, qualifiers): full before/after values (URIs).
struct ValuesChange {
  DiffService service;
  std::vector<std::string> from;
  std::vector<std::string> to;
  bool criteria_changed = false;  // qualifiers only: same qualifiers, different criteria
};

struct NameChange {
  DiffService service;
  std::string what;  // "service" or "tsp"
  std::string from;
  std::string to;
};

// Scheme information field changes ("sequence", "issued", "next_update", "version", ...).
struct FieldChange {
  std::string field;
  std::string from;
  std::string to;
};

// LOTL pointer changes, matched by TSLLocation.
struct PointerChange {
  enum class Kind { kAdded, kRemoved, kSignersChanged, kChanged };
  Kind kind = Kind::kAdded;
  std::string location;
  std::string territory;
  std::vector<std::string> added_signers;    // certificate SHA-256 hex
  std::vector<std::string> removed_signers;
  std::vector<FieldChange> fields;           // kChanged: territory, type, MIME type
};
std::string_view pointer_change_kind_name(PointerChange::Kind kind) noexcept;

struct ListDiff {
  ListVersion older;
  ListVersion newer;
  std::vector<FieldChange> scheme_changes;
  std::vector<std::string> tsps_added;    // preferred names
  std::vector<std::string> tsps_removed;
  std::vector<DiffService> services_added;
  std::vector<DiffService> services_removed;
  std::vector<StatusChange> status_changes;
  std::vector<IdentityChange> identity_changes;
  std::vector<ValuesChange> asi_changes;
  std::vector<ValuesChange> qualifier_changes;
  std::vector<NameChange> name_changes;
  std::vector<PointerChange> pointer_changes;

  // True when nothing but the scheme fields changed.
  bool services_unchanged() const;
};

// Compares two lists' timelines (build them with build_timelines). Thread-safe, pure.
ListDiff diff_lists(const ListTimelines& older, const ListTimelines& newer);

}  // namespace assay::tsl
