// The trust setup of a suite (suite.toml [trust]) loaded as assay uses it: the trusted lists from
// the suite's mirror authenticated from its OJ anchors at its trust time, and the explicit
// anchors. It is what the expected answers rest on, so the campaign records it
// (TrustStateRecord) whatever the target; the in-process target validates with it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "engine/error.h"
#include "service/audit/campaign.h"
#include "service/audit/suite.h"
#include "service/cli/trust_source.h"
#include "validation/explicit_anchors.h"
#include "validation/trusted_list_anchors.h"
#include "validation/validation_policy.h"

namespace assay::service::audit {

// Owns a private, temporary store (removed on destruction): loading a suite never touches the
// user's store. Immutable after open(); shared read-only by the campaign's threads.
class SuiteTrust {
 public:
  // Errors: the suite's trust files unreadable, no list authenticated (kNotFound with the
  // reason), a policy file that does not parse.
  static engine::Result<std::unique_ptr<SuiteTrust>> open(const Suite& suite);
  // A case's own list state (suite.h CaseTrust): the suite's LOTL URL and OJ anchors, the case's
  // mirrors refreshed in order into one fresh store, so the store applies TS 119 612 5.3.2 (a
  // lower sequence never replaces the version in force) and TS 119 615 4.1 (an unauthenticated
  // list is never used) exactly as `assay refresh` does across real refreshes.
  static engine::Result<std::unique_ptr<SuiteTrust>> open(const Suite& suite, const CaseTrust& trust);
  ~SuiteTrust();
  SuiteTrust(const SuiteTrust&) = delete;
  SuiteTrust& operator=(const SuiteTrust&) = delete;

  // Null when the suite names no mirror.
  const tsl::TrustSnapshot* snapshot() const { return lists_.snapshot.get(); }
  const validation::TrustedListAnchors* list_anchors() const { return list_anchors_.get(); }
  const validation::ExplicitTrustAnchors& explicit_anchors() const { return explicit_; }
  const validation::ValidationPolicy& policy() const { return policy_; }
  const TrustStateRecord& record() const { return record_; }

 private:
  SuiteTrust() = default;
  static engine::Result<std::unique_ptr<SuiteTrust>> open_with(const Suite& suite, const std::vector<std::filesystem::path>& mirrors,
                                                               std::optional<engine::UtcTime> trust_time);
  std::filesystem::path store_dir_;
  cli::LoadedTrust lists_;
  std::shared_ptr<const validation::TrustedListAnchors> list_anchors_;
  validation::ExplicitTrustAnchors explicit_{std::vector<engine::CertificatePtr>{}};
  validation::ValidationPolicy policy_ = validation::default_validation_policy();
  TrustStateRecord record_;
};

}  // namespace assay::service::audit
