#include "tsl/list_history.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "engine/file.h"
#include "engine/store/store.h"
#include "tsl/parser.h"
#include "tsl/timeline_findings.h"

namespace assay::tsl {

engine::Result<LoadedVersions> load_versions_from_files(const std::vector<std::filesystem::path>& files,
                                                        std::string_view territory) {
  LoadedVersions out;
  for (const auto& file : files) {
    auto bytes = engine::read_file(file, ParseOptions{}.limits.max_bytes);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(file.string()));
    auto list = parse_trusted_list(*bytes);
    if (!list) return std::unexpected(std::move(list.error()).with_context(file.string()));
    if (!territory.empty() && (*list)->scheme.territory != territory) continue;
    out.push_back({file.string(), std::move(*list), ""});
  }
  return out;
}

engine::Result<LoadedVersions> load_versions_from_store(const engine::store::Store& store, std::string_view territory,
                                                        std::span<const std::uint64_t> sequences) {
  auto records = store.versions_for(engine::store::VersionKey::kTerritory, territory);
  if (!records) return std::unexpected(std::move(records.error()));
  if (records->empty()) return engine::fail(engine::Code::kNotFound, "the store has no version of " + std::string(territory));
  LoadedVersions out;
  std::map<std::string, std::size_t> index_of;  // sha256 -> position in out
  auto wanted = [&](const engine::store::VersionRecord& r) {
    if (sequences.empty()) return true;
    return r.sequence && *r.sequence >= 0 &&
           std::find(sequences.begin(), sequences.end(), static_cast<std::uint64_t>(*r.sequence)) != sequences.end();
  };
  for (const auto& r : *records) {
    if (!wanted(r)) continue;
    // One document may be recorded by several runs (judged at other trust times): it counts as
    // authenticated when any of them authenticated it.
    if (auto seen = index_of.find(r.sha256); seen != index_of.end()) {
      if (r.auth_status == "authenticated") out[seen->second].auth_status = r.auth_status;
      continue;
    }
    auto bytes = store.get_blob(r.sha256, ParseOptions{}.limits.max_bytes);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context("store version " + r.sha256));
    auto list = parse_trusted_list(*bytes);
    if (!list) return std::unexpected(std::move(list.error()).with_context("store version " + r.sha256));
    index_of.emplace(r.sha256, out.size());
    out.push_back({"store:" + r.sha256, std::move(*list), r.auth_status.empty() ? "unknown" : r.auth_status});
  }
  return out;
}

engine::Result<LoadedVersions> load_in_force_from_store(const engine::store::Store& store, std::string_view territory) {
  auto in_force = store.all_in_force();
  if (!in_force) return std::unexpected(std::move(in_force.error()));
  // With a territory, only that territory's documents are read and parsed (the catalogue knows
  // which ones they are).
  std::optional<std::set<std::string>> of_territory;
  if (!territory.empty()) {
    auto versions = store.versions_for(engine::store::VersionKey::kTerritory, territory);
    if (!versions) return std::unexpected(std::move(versions.error()));
    of_territory.emplace();
    for (const auto& v : *versions) of_territory->insert(v.sha256);
  }
  LoadedVersions out;
  std::set<std::string> seen;
  for (const auto& r : *in_force) {
    if (of_territory && !of_territory->contains(r.sha256)) continue;
    if (!seen.insert(r.sha256).second) continue;  // two URLs serving one document
    auto bytes = store.get_blob(r.sha256, ParseOptions{}.limits.max_bytes);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context("version in force of " + r.url));
    auto list = parse_trusted_list(*bytes);
    if (!list) return std::unexpected(std::move(list.error()).with_context("version in force of " + r.url));
    if ((*list)->kind() != ListKind::kNational) continue;
    if (!territory.empty() && (*list)->scheme.territory != territory) continue;
    // Only authenticated versions are ever put in force (tsl/refresh.h).
    out.push_back({"store:" + r.sha256, std::move(*list), "authenticated"});
  }
  if (out.empty()) {
    return engine::fail(engine::Code::kNotFound,
                        (territory.empty() ? std::string("the store has no list in force")
                                           : "the store has no list of " + std::string(territory) + " in force") +
                            " (`assay refresh` loads lists, `assay lists` shows why one is missing)");
  }
  std::sort(out.begin(), out.end(),
            [](const LoadedVersion& a, const LoadedVersion& b) { return a.list->scheme.territory < b.list->scheme.territory; });
  return out;
}

engine::Result<LoadedVersions> load_in_force_at_from_store(const engine::store::Store& store, UtcTime at,
                                                           std::string_view territory) {
  auto in_force = store.all_in_force();
  if (!in_force) return std::unexpected(std::move(in_force.error()));
  // The territories come from the catalogue (nothing parsed twice): the national-list version
  // record of each document in force.
  std::set<std::string> territories;
  for (const auto& r : *in_force) {
    auto versions = store.versions_for(engine::store::VersionKey::kUrl, r.url);
    if (!versions) return std::unexpected(std::move(versions.error()));
    for (const auto& v : *versions) {
      if (v.sha256 == r.sha256 && v.kind == "list" && (territory.empty() || v.territory == territory)) {
        territories.insert(v.territory);
      }
    }
  }
  LoadedVersions out;
  for (const auto& t : territories) {
    auto versions = load_versions_from_store(store, t);
    if (!versions) return std::unexpected(versions.error());
    const auto history = ListHistory::build(std::move(*versions));
    if (const auto* then = history.in_force_at(at)) out.push_back(then->loaded);
  }
  if (out.empty()) {
    return engine::fail(engine::Code::kNotFound, "the store has no version in force at " + engine::format_utc_time(at));
  }
  return out;
}

engine::Result<std::shared_ptr<const TrustedList>> trusted_version_with_sequence(const LoadedVersions& versions,
                                                                                std::string_view territory,
                                                                                std::uint64_t sequence) {
  const LoadedVersion* rejected = nullptr;
  for (const auto& v : versions) {
    if (v.list->scheme.sequence_number != sequence) continue;
    if (v.trusted()) return v.list;
    if (!rejected) rejected = &v;
  }
  const std::string name = std::string(territory) + "@" + std::to_string(sequence);
  if (rejected) {
    return engine::fail(engine::Code::kUnsupported,
                        name + " (" + rejected->source + ") was rejected by authentication (" + rejected->auth_status +
                            "); assay builds no timeline or diff from unauthenticated data");
  }
  return engine::fail(engine::Code::kNotFound,
                      "the store has no version of " + std::string(territory) + " with sequence " + std::to_string(sequence));
}

ListHistory ListHistory::build(LoadedVersions versions) {
  ListHistory h;
  std::vector<LoadedVersion> usable;
  std::set<std::string> seen;
  for (auto& v : versions) {
    if (!v.list) continue;
    if (!v.trusted()) {
      h.findings_.push_back({finding::kHistoryUnauthenticatedVersion, engine::Severity::kWarning,
                             v.source + " (sequence " + std::to_string(v.list->scheme.sequence_number) +
                                 ") was rejected by authentication (" + v.auth_status +
                                 "); it was never in force and is left out",
                             v.source});
      continue;
    }
    if (!v.list->scheme.issue_date_time) {
      h.findings_.push_back({finding::kHistoryNoIssueDate, engine::Severity::kError,
                             v.source + " has no ListIssueDateTime; it cannot be placed in the history", v.source});
      continue;
    }
    if (!seen.insert(v.list->sha256).second) {
      h.findings_.push_back({finding::kHistoryDuplicateVersion, engine::Severity::kInfo,
                             v.source + " is the same document as an earlier version; kept once", v.source});
      continue;
    }
    usable.push_back(std::move(v));
  }
  std::stable_sort(usable.begin(), usable.end(), [](const LoadedVersion& a, const LoadedVersion& b) {
    const auto& x = a.list->scheme;
    const auto& y = b.list->scheme;
    if (*x.issue_date_time != *y.issue_date_time) return *x.issue_date_time < *y.issue_date_time;
    return x.sequence_number < y.sequence_number;
  });
  for (std::size_t i = 0; i < usable.size(); ++i) {
    const auto& scheme = usable[i].list->scheme;
    // Same issue time: the later (higher sequence) version replaces the earlier one, which would
    // otherwise be in force for zero seconds.
    if (i + 1 < usable.size() && *usable[i + 1].list->scheme.issue_date_time == *scheme.issue_date_time) {
      h.findings_.push_back({finding::kHistorySameIssueDate, engine::Severity::kWarning,
                             usable[i].source + " has the same issue time as " + usable[i + 1].source +
                                 "; the higher sequence number is in force",
                             usable[i].source});
      continue;
    }
    if (!h.versions_.empty() && scheme.sequence_number < h.versions_.back().list().scheme.sequence_number) {
      h.findings_.push_back({finding::kHistorySequenceRegression, engine::Severity::kWarning,
                             usable[i].source + " is issued later than " + h.versions_.back().loaded.source +
                                 " but has a lower sequence number",
                             usable[i].source});
    }
    HistoryVersion hv;
    hv.from = *scheme.issue_date_time;
    hv.timelines = build_timelines(usable[i].list);
    hv.loaded = std::move(usable[i]);
    h.versions_.push_back(std::move(hv));
  }
  for (std::size_t i = 0; i + 1 < h.versions_.size(); ++i) h.versions_[i].to = h.versions_[i + 1].from;
  return h;
}

const HistoryVersion* ListHistory::in_force_at(UtcTime t) const {
  auto it = std::upper_bound(versions_.begin(), versions_.end(), t,
                             [](UtcTime v, const HistoryVersion& hv) { return v < hv.from; });
  if (it == versions_.begin()) return nullptr;
  return &*std::prev(it);
}

const HistoryVersion* ListHistory::with_sequence(std::uint64_t sequence) const {
  for (const auto& v : versions_) {
    if (v.list().scheme.sequence_number == sequence) return &v;
  }
  return nullptr;
}

ServiceAnswer ListHistory::service_at(std::string_view service_id, UtcTime t) const {
  ServiceAnswer a;
  a.version = in_force_at(t);
  if (!a.version) return a;
  a.timeline = a.version->timelines->find(service_id);
  if (a.timeline) a.state = a.timeline->at(t);
  return a;
}

}  // namespace assay::tsl
