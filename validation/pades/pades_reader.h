// Reading PAdES signatures (ETSI EN 319 142-1 baseline B/T/LT/LTA; ISO 32000-1 12.8 signature
// fields with /SubFilter ETSI.CAdES.detached, adbe.pkcs7.detached, adbe.pkcs7.sha1; ETSI.RFC3161
// document time-stamps) into SignatureUnderValidation for the EN 319 102-1 processes.
//
// engine/pdf reads the file (qpdf, limits, every revision); this layer checks each ByteRange
// (from 0, exactly around the /Contents hex string, ending at its revision's %%EOF, two
// ranges, no overlap), reads the CMS in /Contents as CAdES over the covered bytes
// (validation/cades), adds the DSS (certificates, CRLs, OCSP responses) as validation data,
// later document time-stamps as time-stamps of the signatures before them (POE), reports the
// level, and runs the modification analysis (modification_analysis.h) on every revision after
// the first signed one, each judged with the DocMDP / FieldMDP restrictions in force when it was
// made; a signature's changes are those of the revisions after its own. Disallowed changes and attack patterns are format errors of
// the signature (FORMAT_FAILURE). It decides no indication.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::pades {

// A PAdES document time-stamp (EN 319 142-1 5.4): the token and what it covers.
struct DocumentTimestamp {
  std::string id;            // the field name
  std::string token_der;
  std::string covered_bytes;
  std::vector<ScopeEntry> scope;
  engine::Findings findings;  // ByteRange and modification findings
  PdfSignatureDetails pdf;
};

struct PadesDocument {
  std::vector<SignatureUnderValidation> signatures;       // in revision order
  std::vector<DocumentTimestamp> document_timestamps;     // in revision order
  engine::Findings findings;                              // document-level (also in each signature)
};

// Errors: kMalformed / kResourceExhausted from engine/pdf (unreadable or hostile PDF). A PDF
// without signatures gives an empty document. Never throws.
engine::Result<PadesDocument> read_pades(std::string_view bytes);

}  // namespace assay::validation::pades
