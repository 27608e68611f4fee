// Running a campaign (issue 17): every case of a suite against one target, concurrently within a
// limit, each answer classified; the result is what the evidence package and `audit show` render.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "service/audit/classification.h"
#include "service/audit/suite.h"
#include "service/audit/target.h"

namespace assay::service::audit {

// The trusted-list state the expected answers rest on (LOTL and each list by sequence and SHA-256).
struct TrustStateRecord {
  struct List {
    std::string territory;
    std::int64_t sequence = 0;
    std::string sha256;
  };
  std::vector<List> lists;   // LOTL first
  std::string trust_time;    // RFC 3339
};

struct CampaignResult {
  std::string suite_name;
  std::string suite_version;
  std::string suite_sha256;
  std::string target;          // Target::identity()
  std::string assay_version;
  TrustStateRecord trust_state;
  engine::UtcTime started{};
  engine::UtcTime finished{};
  std::vector<AuditFinding> findings;  // one per case, in suite order

  std::size_t count(Classification c) const;
  // Every case Conforming or Not assessed: no finding against the target (exit 0). The summary
  // line still counts the cases not assessed.
  bool no_findings() const;
};

struct CampaignOptions {
  std::size_t concurrency = 4;
  // The classification rules (empty: default_rule_table()).
  RuleTable rules;
  // Called after each case (from the runner's threads, serialised): done, total, the finding.
  std::function<void(std::size_t done, std::size_t total, const AuditFinding&)> progress;
};

CampaignResult run_campaign(const Suite& suite, Target& target, const TrustStateRecord& trust,
                            const CampaignOptions& options);

}  // namespace assay::service::audit
