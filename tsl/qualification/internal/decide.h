// Private: QUALIFICATION.md steps 3 and 6-8 for one state (type filter, granted filter,
// consistency one aspect at a time, and the decision of QC / type / QSCD).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tsl/qualification/internal/facts.h"
#include "tsl/qualification/qualification.h"

namespace assay::tsl::internal {

// Step 3: does a state with qualifier bits `q` and ASI bits `asi` concern a certificate of `type`?
bool covers_type(QcUse type, std::uint32_t q, std::uint32_t asi);

// "eSig", "eSeal", "web site authentication", "unknown use".
std::string_view use_text(QcUse u);

// The short names of the qualifier URIs in `uris` whose bit is in `bits`, joined by " + ".
std::string qualifier_names(std::uint32_t bits, const std::vector<std::string>& uris);

// The rule "the certificate's own type: ..." (prefixed with `context`).
Rule own_type_rule(const CertificateFacts& f, const char* context);

// The answer "not applicable" (QC na, type unknown, QSCD na).
inline constexpr QualificationAnswer kNotApplicableAnswer{QcStatus::kNotApplicable, QcUse::kUnknown,
                                                          QscdStatus::kNotApplicable};

// Steps 6-8 for a state that took part (s.state set, s.qualifiers = the applied qualifier URIs,
// `q` their bits, `asi` the state's ASI bits): sets granted, answer, the three rules, and (for a
// state that is not granted-equivalent) excluded_id/text; appends each step 7 contradiction to
// s.findings. A usage contradiction makes the answer "not applicable".
void decide_state(StateEvaluation& s, const CertificateFacts& f, std::uint32_t q, std::uint32_t asi);

}  // namespace assay::tsl::internal
