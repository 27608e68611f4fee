// Authenticating the EU List of the Lists from Official Journal anchors through the pivot LOTLs
// it announces (TS 119 615 4.1, "LOTL signing certificates announced by pivot LOTLs").
//
// The LOTL's SchemeInformationURI lists pivot LOTL URLs (ending in .xml), newest first, between
// Official Journal references. The walk goes from the oldest pivot to the newest, starting from
// the anchors. A pivot whose signer is in the current set replaces the set with the certificates
// of its own LOTL pointer. A pivot signed by an anchor restarts the chain there (anchors of a
// newer Official Journal publication skip the older pivots). A pivot that is neither is skipped
// and recorded: the set only ever comes from verified documents, never from a skipped one. The
// current LOTL must then verify against the final set; a LOTL's own pointer never authenticates
// that LOTL. Every step is recorded for the evidence trail.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/error.h"
#include "tsl/authentication.h"

namespace assay::tsl {

// Supplies the bytes of a document by URL (a mirror map, a store, or the network).
using DocumentSource = std::function<engine::Result<std::string>(const std::string& url)>;

struct LotlOptions {
  engine::UtcTime trust_time{};
  std::size_t max_pivots = 10;  // more announced pivots than this is a broken chain
  ParseOptions parse;
};

// One pivot visited during the walk.
struct PivotStep {
  std::string url;
  std::uint64_t sequence = 0;
  std::string sha256;               // of the pivot document
  std::string signer_sha256;
  AuthStatus verdict = AuthStatus::kNotAvailable;
  std::string detail;
  bool restarted_from_anchors = false;
  std::vector<std::string> next_signers;  // fingerprints announced by the pivot (when accepted)
};

struct LotlAuthentication {
  Authentication lotl;
  std::vector<PivotStep> pivots;     // in walk order (oldest first)
  SignerSet final_signers;           // the set the LOTL was checked against
  std::vector<std::string> final_signer_fingerprints;
};

// The pivot URLs announced by a LOTL, newest first, as written (deduplicated, own URL excluded).
std::vector<std::string> announced_pivots(const TrustedList& lotl, const std::string& own_url);

// The certificates of the pointer to the LOTL itself (TSLType EUlistofthelists) in `lotl`.
std::vector<std::string> lotl_pointer_certificates(const TrustedList& lotl);

// Walks the pivots of `lotl` from `anchors` and authenticates it. Pure apart from `source`.
LotlAuthentication authenticate_lotl(const LoadedList& lotl, const SignerSet& anchors, const DocumentSource& source,
                                     const LotlOptions& options);

}  // namespace assay::tsl
