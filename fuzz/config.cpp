// The TOML files a user hands to assay: the configuration file (assay.toml, service/config) and
// a validation policy (--policy, service/config/validation_policy_toml.h).
#include "fuzz/support/fuzz_target.h"
#include "service/config/config.h"
#include "service/config/validation_policy_toml.h"

ASSAY_FUZZ_TARGET(config) {
  using namespace assay::service::config;
  const auto text = assay::fuzz::as_text(data, size);
  (void)parse_config(text, "fuzz.toml");
  (void)parse_validation_policy(text, "fuzz.toml");
  return 0;
}
