// Target specs (target.h). The HTTP adapters (assay-http:, dss:, siva:) are in http_adapters.cpp.
#include "service/audit/target.h"

#include "service/audit/assay_target.h"
#include "service/audit/http_target.h"

namespace assay::service::audit {

engine::Result<std::unique_ptr<Target>> make_target(std::string_view spec, const Suite& suite, const TargetOptions& options) {
  if (spec == "assay") {
    auto trust = SuiteTrust::open(suite);
    if (!trust) return std::unexpected(trust.error());
    return std::unique_ptr<Target>(std::make_unique<AssayTarget>(std::shared_ptr<const SuiteTrust>(std::move(*trust))));
  }
  for (std::string_view prefix : {"assay-http:", "dss:", "siva:"}) {
    if (!spec.starts_with(prefix)) continue;
    std::string url(spec.substr(prefix.size()));
    if (!url.starts_with("http://") && !url.starts_with("https://")) {
      return engine::fail(engine::Code::kInvalidArgument,
                          "target '" + std::string(spec) + "': expected an http:// or https:// URL after '" + std::string(prefix) + "'");
    }
    if (prefix == "dss:") return make_dss_target(std::string(spec), std::move(url), options);
    if (prefix == "siva:") return make_siva_target(std::string(spec), std::move(url), options);
    return make_assay_http_target(std::string(spec), std::move(url), options);
  }
  return engine::fail(engine::Code::kInvalidArgument,
                      "target '" + std::string(spec) +
                          "': expected assay, assay-http:URL, dss:BASE (e.g. dss:https://host/services/rest) or siva:URL");
}

}  // namespace assay::service::audit
