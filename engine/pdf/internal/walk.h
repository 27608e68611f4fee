// Walking a parsed revision from its catalog: the role of every reachable object (pages, their
// content streams and resources, annotations and appearances, form fields, signature values,
// the DSS), the page each belongs to, and the form fields with their full names. Iterative
// (a work list), so that a deep page tree or a loop of references cannot exhaust the stack;
// each (object, role) pair is expanded once.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/pdf/internal/qpdf_session.h"

namespace assay::engine::pdf::internal {

struct ObjectUse {
  std::uint32_t roles = 0;
  std::optional<int> page;
  std::string field_name;
};

struct FieldEntry {
  QPDFObjectHandle field;  // the terminal field dictionary
  std::string full_name;   // ISO 32000-1 12.7.3.2: parent names joined with "."
  std::string type;        // /FT, inherited
};

struct Walk {
  std::map<int, ObjectUse> uses;    // object number → how it is used
  std::vector<FieldEntry> fields;   // terminal fields in AcroForm order, then stray signature widgets
  std::size_t page_count = 0;
};

// Throws what qpdf throws (callers run it inside guarded()); kResourceExhausted-style
// std::length_error when a limit is hit.
Walk walk_document(QpdfSession& session);

}  // namespace assay::engine::pdf::internal
