// The in-process target ("assay"): the campaign asks assay's own validation, with the suite's
// trust setup. It is the reference a suite is checked against (every built-in suite must give no
// finding here) and the baseline for the HTTP targets' timings.
#pragma once

#include <memory>

#include "service/audit/suite_trust.h"
#include "service/audit/target.h"

namespace assay::service::audit {

class AssayTarget final : public Target {
 public:
  // Shares `trust` (the campaign records the same one).
  explicit AssayTarget(std::shared_ptr<const SuiteTrust> trust) : trust_(std::move(trust)) {}

  std::string identity() const override;
  // Thread-safe: every call reads the shared, immutable trust and its own case files. The JSON
  // report assay would give over its API is kept as the evidence ("response.json").
  Observation ask(const Suite& suite, const SuiteCase& c) override;

 private:
  std::shared_ptr<const SuiteTrust> trust_;
};

}  // namespace assay::service::audit
