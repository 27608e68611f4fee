// Running a campaign (campaign.h): a small pool of workers takes the cases in suite order and
// writes each finding into its own slot, so the result is in suite order whatever the timing.
#include "service/audit/campaign.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "engine/version.h"

namespace assay::service::audit {

std::size_t CampaignResult::count(Classification c) const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [c](const AuditFinding& f) { return f.classification == c; }));
}

bool CampaignResult::no_findings() const {
  return count(Classification::kConforming) + count(Classification::kNotAssessed) == findings.size();
}

CampaignResult run_campaign(const Suite& suite, Target& target, const TrustStateRecord& trust, const CampaignOptions& options) {
  CampaignResult result;
  result.suite_name = suite.name;
  result.suite_version = suite.version;
  result.suite_sha256 = engine::to_hex(suite.sha256);
  result.assay_version = "assay " + std::string(engine::assay_version());
  result.trust_state = trust;
  // The campaign's own start and end are wall-clock facts of the audit (service/ may read the clock).
  result.started = engine::system_now();
  result.findings.resize(suite.cases.size());

  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  std::size_t done = 0;
  auto worker = [&] {
    for (std::size_t i = next++; i < suite.cases.size(); i = next++) {
      const SuiteCase& c = suite.cases[i];
      Observation observed;
      // Targets promise not to throw; a broken promise must not take the campaign down, and an
      // audit must say what happened rather than lose the case.
      try {
        observed = target.ask(suite, c);
      } catch (const std::exception& e) {
        observed.status = Observation::Status::kServiceError;
        observed.detail = std::string("the target adapter failed: ") + e.what();
      } catch (...) {
        observed.status = Observation::Status::kServiceError;
        observed.detail = "the target adapter failed";
      }
      result.findings[i] = classify(c, std::move(observed), options.rules);
      std::lock_guard lock(progress_mutex);
      ++done;
      if (options.progress) options.progress(done, suite.cases.size(), result.findings[i]);
    }
  };
  const std::size_t threads = std::clamp<std::size_t>(options.concurrency, 1, std::max<std::size_t>(1, suite.cases.size()));
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
  }
  result.finished = engine::system_now();
  // After the cases: an HTTP target's identity includes the TLS chain its first answer presented.
  result.target = target.identity();
  return result;
}

}  // namespace assay::service::audit
