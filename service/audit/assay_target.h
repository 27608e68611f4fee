// The in-process target ("assay"): the campaign asks assay's own validation, with the suite's
// trust setup. It is the reference a suite is checked against (every built-in suite must give no
// finding here) and the baseline for the HTTP targets' timings.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

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
  // A case with its own [trust] is answered with that list state, loaded once per distinct state
  // (suite_trust.h) and kept for the campaign; its lists in force are kept as evidence
  // ("trust-state.txt"), since they differ from the suite's recorded trust state.
  Observation ask(const Suite& suite, const SuiteCase& c) override;

 private:
  engine::Result<std::shared_ptr<const SuiteTrust>> trust_for(const Suite& suite, const SuiteCase& c);

  std::shared_ptr<const SuiteTrust> trust_;
  std::mutex case_trust_mutex_;
  std::map<std::string, std::shared_ptr<const SuiteTrust>> case_trust_;  // by mirrors + trust time
};

}  // namespace assay::service::audit
