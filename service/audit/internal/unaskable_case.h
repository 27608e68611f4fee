// Private to service/audit: which cases an HTTP target cannot be asked because of revocation data
// (docs/audit.md "Targets that fetch revocation data"); such a case is Not assessed.
#pragma once

#include <optional>
#include <string>

#include "service/audit/suite.h"

namespace assay::service::audit::internal {

// Whether a certificate or signature question can be put to an HTTP target; the reason when
// not. The case's right answer rests on the revocation data it gives (CRL/OCSP files) or on there
// being none:
//   - files, an API that cannot carry them (DSS's DTOs, VALIDATION-APIS.md §1.4), target not
//     fetching: not asked;
//   - files, target fetching (--target-fetches-revocation): asked; the target is to find the same
//     data where the certificates point (a suite's federation serves it), so the answer compares
//     (an API that carries the files sends them: the target fetches only what they leave open);
//   - no files, target fetching, and either the case says no_other_revocation or it is a
//     certificate question whose certificates name a CRL distribution point or OCSP responder:
//     the target would find data the case says is not there; not asked;
//   - otherwise asked.
std::optional<std::string> unaskable_revocation_case(const SuiteCase& c, bool carries_revocation, bool target_fetches);

}  // namespace assay::service::audit::internal
