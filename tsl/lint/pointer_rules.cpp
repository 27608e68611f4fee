// TS 119 612 5.3.13 on the LOTL: each OtherTSLPointer announces the certificates allowed to sign
// the pointed list. They must parse, should not be expired, and must really be the ones that
// sign the pointed list (checked for the lists linted in the same run).
#include <algorithm>

#include "tsl/lint/lint_ids.h"
#include "tsl/lint/rules.h"
#include "tsl/namespaces.h"
#include "tsl/signer_set.h"

namespace assay::tsl::lint {
namespace {

using engine::Severity;

std::string pointer_path(const TrustedList& lotl, std::size_t p) {
  std::string path = scheme_path("PointersToOtherTSL/OtherTSLPointer");
  if (lotl.scheme.pointers.size() > 1) path += "[" + std::to_string(p + 1) + "]";
  return path;
}

// The linted list a pointer leads to: same territory and TSLType (a LOTL pointer to itself or to
// PDF versions is skipped by the caller).
const PointedList* find_pointed(const OtherTslPointer& pointer, std::span<const PointedList> pointed) {
  for (const auto& candidate : pointed) {
    const auto& s = candidate.list->scheme;
    if (s.territory == pointer.territory && (pointer.tsl_type.empty() || s.tsl_type == pointer.tsl_type)) {
      return &candidate;
    }
  }
  return nullptr;
}

void check_certificates(const TrustedList& lotl, std::size_t p, const LintOptions& o, LintFindings& out) {
  const auto& pointer = lotl.scheme.pointers[p];
  for (std::size_t i = 0; i < pointer.signer_certificates_der.size(); ++i) {
    const std::string path = pointer_path(lotl, p) + "/ServiceDigitalIdentities/ServiceDigitalIdentity/DigitalId/X509Certificate";
    auto c = engine::Certificate::parse_der(pointer.signer_certificates_der[i]);
    if (!c) {
      add_finding(out, id::kPointerCertUnparsable, Severity::kError, "TS 119 612 5.3.13", path,
                  pointer.territory + " certificate " + std::to_string(i + 1),
                  "signer certificate for " + pointer.location + " does not parse: " + c.error().message());
      continue;
    }
    if ((*c)->not_after() < o.trust_time) {
      add_finding(out, id::kPointerCertExpired, Severity::kWarning, "TS 119 612 5.3.13", path,
                  engine::format_utc_time((*c)->not_after()),
                  "signer certificate " + (*c)->subject().rfc4514 + " for " + pointer.territory + " (" +
                      pointer.location + ") expired " + engine::format_utc_time((*c)->not_after()));
    }
  }
}

void check_signature(const TrustedList& lotl, std::size_t p, const PointedList& target, LintFindings& out) {
  const auto& pointer = lotl.scheme.pointers[p];
  const std::string path = pointer_path(lotl, p);
  if (!target.signer) {
    add_finding(out, id::kPointedListSignatureInvalid, Severity::kError, "TS 119 612 5.7.1", path, target.source,
                "pointed list " + target.source + " has no readable signer: " + target.signature_problem);
    return;
  }
  const SignerSet announced = SignerSet::from_der(pointer.signer_certificates_der);
  if (!announced.match(*target.signer)) {
    add_finding(out, id::kPointedListNotSignedByPointer, Severity::kError, "TS 119 612 5.3.13", path,
                target.signer->fingerprint_hex(),
                "pointed list " + target.source + " is signed by " + target.signer->subject().rfc4514 +
                    ", which is not among the " + std::to_string(announced.size()) +
                    " certificates this pointer announces");
  }
  if (!target.signature_valid) {
    add_finding(out, id::kPointedListSignatureInvalid, Severity::kError, "TS 119 612 5.7.1", path, target.source,
                "pointed list " + target.source + " has an invalid signature: " + target.signature_problem);
  }
}

}  // namespace

void check_pointers(const TrustedList& lotl, std::span<const PointedList> pointed, const LintOptions& options,
                    LintFindings& out) {
  const auto& pointers = lotl.scheme.pointers;
  for (std::size_t p = 0; p < pointers.size(); ++p) {
    const auto& pointer = pointers[p];
    // PDF (human-readable) versions are announced too; only XML lists are machine-processed.
    if (!pointer.mime_type.empty() && pointer.mime_type != ns::kMimeXml) continue;
    check_certificates(lotl, p, options, out);
    if (pointer.tsl_type == ns::kTypeLotl) continue;  // the LOTL's own pointer (pivots use it)
    if (const PointedList* target = find_pointed(pointer, pointed)) check_signature(lotl, p, *target, out);
  }
}

}  // namespace assay::tsl::lint
