// Loading a suite's trust setup (suite_trust.h) through the same loader `assay qualify` uses, so
// the answers the audit holds a target to are the ones assay itself gives.
#include "service/audit/suite_trust.h"

#include <atomic>
#include <random>
#include <system_error>

#include "service/config/validation_policy_toml.h"
#include "tsl/timeline.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;

engine::Result<fs::path> make_private_dir() {
  std::error_code ec;
  const fs::path base = fs::temp_directory_path(ec);
  if (ec) return engine::fail(engine::Code::kUnavailable, "no temporary folder: " + ec.message());
  std::random_device random;
  for (int attempt = 0; attempt < 16; ++attempt) {
    fs::path dir = base / ("assay-audit-" + std::to_string(random()) + std::to_string(random()));
    if (fs::create_directory(dir, ec)) {
      fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
      return dir;
    }
  }
  return engine::fail(engine::Code::kUnavailable, "could not create a private store folder under " + base.string());
}

TrustStateRecord::List list_record(const tsl::TrustedList& list) {
  const tsl::ListVersion v = tsl::list_version_of(list);
  return {v.territory, static_cast<std::int64_t>(v.sequence), v.sha256};
}

}  // namespace

engine::Result<std::unique_ptr<SuiteTrust>> SuiteTrust::open(const Suite& suite) {
  if (suite.trust.mirror.empty()) return open_with(suite, {}, suite.trust.trust_time);
  return open_with(suite, {suite.trust.mirror}, suite.trust.trust_time);
}

engine::Result<std::unique_ptr<SuiteTrust>> SuiteTrust::open(const Suite& suite, const CaseTrust& trust) {
  return open_with(suite, trust.mirrors, trust.trust_time ? trust.trust_time : suite.trust.trust_time);
}

engine::Result<std::unique_ptr<SuiteTrust>> SuiteTrust::open_with(const Suite& suite, const std::vector<fs::path>& mirrors,
                                                                  std::optional<engine::UtcTime> trust_time) {
  std::unique_ptr<SuiteTrust> out(new SuiteTrust());
  std::vector<fs::path> anchor_files = suite.trust.anchors;
  auto anchors = validation::ExplicitTrustAnchors::from_files(anchor_files);
  if (!anchors) return std::unexpected(std::move(anchors.error()).with_context("suite trust anchors"));
  out->explicit_ = std::move(*anchors);
  if (!suite.policy.empty()) {
    auto policy = config::load_validation_policy(suite.policy.string());
    if (!policy) return std::unexpected(std::move(policy.error()).with_context("suite policy"));
    out->policy_ = std::move(*policy);
  }
  out->record_.trust_time = trust_time ? engine::format_utc_time(*trust_time) : "";
  if (mirrors.empty()) return out;

  auto dir = make_private_dir();
  if (!dir) return std::unexpected(dir.error());
  out->store_dir_ = *dir;
  cli::TrustSourceFlags flags;
  flags.store = dir->string();
  for (const auto& f : suite.trust.oj_anchors) flags.oj.push_back(f.string());
  flags.lotl_urls = {suite.trust.lotl_url};
  // Without a trust time the lists are judged now, like `assay qualify` without --trust-time.
  flags.trust_time = trust_time ? engine::format_utc_time(*trust_time) : "now";
  // One refresh per list state, in order, into the same store: what the store kept in force from
  // the earlier states is what a later, worse state must not displace. Each load closes the
  // store before the next opens it.
  for (std::size_t i = 0; i < mirrors.size(); ++i) {
    flags.mirror = mirrors[i].string();
    auto lists = cli::load_trust_snapshot(flags);
    if (!lists) {
      return std::unexpected(std::move(lists.error()).with_context("suite trusted lists (" + mirrors[i].filename().string() + ")"));
    }
    if (i + 1 == mirrors.size()) out->lists_ = std::move(*lists);
  }
  out->list_anchors_ = validation::TrustedListAnchors::build(out->lists_.snapshot);
  const tsl::TrustSnapshot& snapshot = *out->lists_.snapshot;
  out->record_.trust_time = engine::format_utc_time(snapshot.trust_time());
  if (snapshot.lotl() && snapshot.lotl()->list) out->record_.lists.push_back(list_record(*snapshot.lotl()->list));
  for (const auto& l : snapshot.lists()) out->record_.lists.push_back(list_record(l.list()));
  return out;
}

SuiteTrust::~SuiteTrust() {
  // The store (and its lock) must close before its folder goes.
  lists_ = {};
  if (!store_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(store_dir_, ec);
  }
}

}  // namespace assay::service::audit
