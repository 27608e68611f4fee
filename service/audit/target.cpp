// Target specs (target.h). The HTTP adapters (assay-http:, dss:, siva:) are separate files; until
// they are linked in, their specs are recognised and refused as unsupported rather than mistaken
// for a typo.
#include "service/audit/target.h"

#include "service/audit/assay_target.h"

namespace assay::service::audit {

engine::Result<std::unique_ptr<Target>> make_target(std::string_view spec, const Suite& suite, const TargetOptions& options) {
  (void)options;  // the in-process target has no transport to bound
  if (spec == "assay") {
    auto trust = SuiteTrust::open(suite);
    if (!trust) return std::unexpected(trust.error());
    return std::unique_ptr<Target>(std::make_unique<AssayTarget>(std::shared_ptr<const SuiteTrust>(std::move(*trust))));
  }
  for (std::string_view prefix : {"assay-http:", "dss:", "siva:"}) {
    if (spec.starts_with(prefix)) {
      return engine::fail(engine::Code::kUnsupported,
                          "target '" + std::string(spec) + "': the " + std::string(prefix.substr(0, prefix.size() - 1)) +
                              " adapter is not part of this build");
    }
  }
  return engine::fail(engine::Code::kInvalidArgument,
                      "target '" + std::string(spec) +
                          "': expected assay, assay-http:URL, dss:BASE (e.g. dss:https://host/services/rest) or siva:URL");
}

}  // namespace assay::service::audit
