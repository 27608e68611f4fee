// Trusted list (ETSI TS 119 612) parse and model (tsl::load_list, as a refresh reads every list),
// then every rule of `assay lists lint` over the model.
#include <span>

#include "engine/time.h"
#include "fuzz/support/fuzz_target.h"
#include "tsl/authentication.h"
#include "tsl/lint/linter.h"

ASSAY_FUZZ_TARGET(tl_parse) {
  using namespace assay;
  auto loaded = tsl::load_list("fuzz.xml", std::string(fuzz::as_text(data, size)));
  if (!loaded) return 0;
  tsl::lint::LintListsOptions options;
  options.rules.trust_time = *engine::parse_utc_time("2026-01-15T00:00:00Z");
  (void)tsl::lint::lint_lists(std::span<const tsl::LoadedList>(&*loaded, 1), options);
  return 0;
}
