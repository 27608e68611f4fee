// Generates the sample trust federation: OJ anchors, a pivot LOTL and the current LOTL, three
// national lists (XA, XB, XC), damaged lists, end-entity certificate chains, CRLs and OCSP
// responses, and the expectation tables (expected.tsv, expected-authentication.tsv,
// expected-tsa.tsv), urls.tsv and README.md.
//
// Everything but keys and signature values is a function of the scenario table and `now`, so
// regenerating with the same `now` gives byte-identical TSV files and README. The expectations
// come from the literal scenario table (scenarios.h), never from tsl/ decision code.
// Functions are thread-safe (no shared state); they never throw.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "engine/error.h"
#include "engine/time.h"

namespace assay::samples {

// The default reference instant of the committed federation.
inline constexpr const char* kDefaultNow = "2026-01-15T00:00:00Z";

// Every file of the federation: path relative to the federation folder -> bytes. Ordered, so
// writing and listing are deterministic.
struct Federation {
  std::map<std::string, std::string> files;
};

// Builds the whole federation in memory for the reference instant `now` (list issue dates,
// NextUpdate, signing times, CRL/OCSP times derive from it). kInternal when a library call fails.
engine::Result<Federation> build_federation(engine::UtcTime now);

enum class Overwrite { kRefuse, kReplace };

// Writes `federation` to `out` atomically: into a temporary folder beside `out`, then renamed.
// kInvalidArgument when `out` exists and is not an empty folder (and `overwrite` is kRefuse) or
// is not a folder; kUnavailable when the parent cannot be created or written. On failure nothing
// is left behind and an existing `out` is untouched.
engine::Result<void> write_federation(const Federation& federation, const std::filesystem::path& out,
                                      Overwrite overwrite);

// Checks the destination first (so a refused run costs no key generation), then builds and writes.
engine::Result<void> generate_federation(const std::filesystem::path& out, engine::UtcTime now, Overwrite overwrite);

}  // namespace assay::samples
