// The list conformance checker (project issue 9): runs every rule family of rules.h over a set
// of trusted lists (national lists and LOTLs linted together, so that LOTL pointers can be
// checked against the lists they point to), merges in the parser's findings and, on request,
// the authentication result.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tsl/authentication.h"
#include "tsl/lint/lint_finding.h"
#include "tsl/signer_set.h"
#include "tsl/trusted_list.h"

namespace assay::tsl::lint {

struct LintListsOptions {
  LintOptions rules;
  // When set, every list is also authenticated against these signers (tsl::authenticate_list)
  // and a list that does not authenticate gets lint.auth.not_authenticated. Not owned.
  const SignerSet* signers = nullptr;
};

// The outcome for one list.
struct LintedList {
  std::string source;  // LoadedList::url
  std::shared_ptr<const TrustedList> list;
  // Parser findings (tsl/finding_ids.h) and lint findings, without duplicates (same id and
  // path), in document order: list level first, then provider by provider.
  LintFindings findings;
  std::optional<Authentication> authentication;  // present when signers were given

  bool has_errors() const;
};

// Lints every list. Linting needs no valid signature. Pure function of its inputs (the trust
// time is in `options`); thread-safe; never fails: problems are findings.
std::vector<LintedList> lint_lists(std::span<const LoadedList> lists, const LintListsOptions& options);

// The short rule reference for a parser finding id (e.g. "TS 119 612 5.5.1"), "" when unknown.
std::string_view parser_rule(std::string_view finding_id);

}  // namespace assay::tsl::lint
