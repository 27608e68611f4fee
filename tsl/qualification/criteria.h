// Evaluation of a TL `CriteriaList` against a certificate (TS 119 612 5.5.9.2; QUALIFICATION.md
// step 4): KeyUsage, PolicySet, nested lists, and the otherCriteriaList ExtendedKeyUsage /
// CertSubjectDNAttribute. An unknown criterion never matches. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/x509/certificate.h"
#include "tsl/trusted_list.h"

namespace assay::tsl {

// The outcome of a criterion or a whole list. kUndetermined: the outcome depends on a
// `KeyUsageBit` whose name is not in the TS 119 612 vocabulary, so it cannot be checked (the
// list is defective for this certificate; it is neither true nor false).
enum class CriteriaOutcome : std::uint8_t { kTrue, kFalse, kUndetermined };

// Resolves a `KeyUsageBit` name of a trusted list: the TS 119 612 schema's nine names
// (`digitalSignature`, `nonRepudiation`, `keyEncipherment`, `dataEncipherment`, `keyAgreement`,
// `keyCertSign`, `crlSign`, `encipherOnly`, `decipherOnly`) and `contentCommitment` for
// `nonRepudiation`. Anything else (including RFC 5280's `cRLSign`) is nullopt.
std::optional<engine::KeyUsageBit> tl_key_usage_bit(std::string_view name) noexcept;

// What an evaluation found besides its outcome.
struct CriteriaEvaluation {
  CriteriaOutcome outcome = CriteriaOutcome::kFalse;
  // A compact account, e.g. "all[KeyUsage(nonRepudiation=true):yes PolicySet(0.4.0.194112.1.2):no]=no".
  std::string trace;
  // KeyUsageBit names outside the vocabulary met on the way (each once, document order).
  std::vector<std::string> unknown_key_usage_bits;
};

// Evaluates `criteria` against `certificate` with three-valued logic: `all` is false when a child
// is false, else undetermined when one is, else true; `atLeastOne` is true when a child is true,
// else undetermined when one is, else false; `none` is false when a child is true, else
// undetermined when one is, else true.
CriteriaEvaluation evaluate_criteria(const CriteriaList& criteria, const engine::Certificate& certificate);

// True when `criteria` certainly matches `certificate` (kTrue). `trace` (optional) receives the
// evaluation's account.
bool criteria_match(const CriteriaList& criteria, const engine::Certificate& certificate, std::string* trace = nullptr);

// "all", "atLeastOne", "none".
std::string_view criteria_assert_name(CriteriaList::Assert a) noexcept;

}  // namespace assay::tsl
