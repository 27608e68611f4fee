// Converting conformance sets into audit suites (issue 17 item 1; docs/audit.md "Converted
// suites"): `assay audit suites convert --from DIR --out DIR [--kind K]`.
//
//   pkits             ../shared/validation-conformance/pkits (NIST PKITS, RFC 5280 path validation):
//                     certificate questions; the PKITS trust anchor as the suite's explicit
//                     anchor, its CRL plus the case's CRLs, 2020-06-01, algorithm expiry off.
//                     valid → PASSED; invalid → FAILED or INDETERMINATE; revoked → not passed
//                     with a revocation sub-indication.
//   ocsp              ../shared/validation-conformance/ocsp: certificate questions with only the
//                     case's OCSP responses; the union of the cases' trust anchors as the suite's
//                     (a suite has one trust setup); algorithm expiry off.
//   dss-signatures    ../shared/validation-conformance/dss-signatures: signature questions with no
//                     trust anchor and no revocation data, at the conversion's instant (the set
//                     says "now").
//   eu-qualification  ../shared/conformance/eu-qualification: qualification questions over the
//                     set's LOTL and lists (mirror), the LOTL signer as OJ anchor, trust time
//                     2025-11-01.
//
// Every input a case names is copied into OUT/inputs/, so the suite is self-contained; nothing is
// written outside OUT. The kind is detected from the set's cases.tsv header when not given.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "engine/error.h"
#include "engine/time.h"

namespace assay::service::audit {

enum class ConversionKind { kPkits, kOcsp, kDssSignatures, kEuQualification };

std::string_view conversion_kind_name(ConversionKind k) noexcept;
// kInvalidArgument listing the kinds when `name` is none of them.
engine::Result<ConversionKind> parse_conversion_kind(std::string_view name);
// From DIR/cases.tsv's column header; kInvalidArgument when it is no known set.
engine::Result<ConversionKind> detect_conversion_kind(const std::filesystem::path& from);

struct ConversionResult {
  std::filesystem::path suite;
  ConversionKind kind = ConversionKind::kPkits;
  int cases = 0;
};

// `now`: the validation time of sets that say "now" (dss-signatures) and the suite's version.
// kInvalidArgument when OUT exists and is not an empty folder; kMalformed naming the row of a
// cases.tsv that cannot be converted; kNotFound for an input the set names but does not hold.
engine::Result<ConversionResult> convert_suite(const std::filesystem::path& from, const std::filesystem::path& out,
                                               std::optional<ConversionKind> kind, engine::UtcTime now);

}  // namespace assay::service::audit
