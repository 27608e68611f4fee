// What changed in a PDF after a signature (ISO 32000-1 12.8.2.2 DocMDP, 12.8.2.4 FieldMDP;
// ISO 32000-2 12.8.2.2): one revision's objects compared with the next revision's (the reader
// walks the revisions after a signature one update at a time, so that a restriction applies
// only to the updates made after its signature: ISO 32000-2 12.8.2.4), each change classified
// by what the object is used for (page content, resources, annotations, form fields,
// signatures, the DSS, metadata...), judged permitted or not by the certification level and the
// FieldMDP locks, and matched to the attack classes of the PDF signature literature
// (incremental saving, shadow hide / replace / hide-and-replace; Mladenov et al. CCS 2019,
// Mainka et al. NDSS 2021).
//
// Permitted at P=1: DSS additions and document time-stamps only (ISO 32000-2 12.8.2.2.2 /
// EN 319 142-1 5.4: validation-related information). P=2 adds form fill-in and signing
// (existing or new signature fields); P=3 adds annotation creation, modification and deletion.
// Without any DocMDP (approval signatures only) P=3's rules apply and every change is reported.
// Metadata (/Info, XMP): see metadata() in the .cpp — P=1 none, P=2/3 the update bookkeeping
// (/ModDate, /Producer, the XMP stream), approval-only documents anything, always reported.
// Never permitted: a change to a page's content streams, resources, the page tree, the catalog
// beyond /DSS, /AcroForm, /Extensions and /Version; an object unused in the signed revision that
// becomes visible; a widget's appearance replaced without a new field value.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/pdf/pdf_document.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::pades {

struct ModificationRules {
  int p = 3;                                       // effective DocMDP level
  bool certified = false;                          // false: approval signatures only (P=3-like)
  std::vector<engine::pdf::FieldLock> locks;       // FieldMDP / Lock dictionaries in force for this update
  std::set<int> document_timestamp_values;         // document time-stamp fields and their dictionaries
};

// The changes from `signed_revision` (the earlier snapshot) to `final_revision` (the later one),
// each stamped with the later snapshot's 1-based revision.
std::vector<PdfModification> analyse_modifications(const engine::pdf::Snapshot& signed_revision,
                                                   const engine::pdf::Snapshot& final_revision,
                                                   const ModificationRules& rules);

// True when `lock` covers the field named `field` (ISO 32000-1 table 233: All / Include / Exclude).
bool locked(const engine::pdf::FieldLock& lock, const std::string& field);

}  // namespace assay::validation::pades
