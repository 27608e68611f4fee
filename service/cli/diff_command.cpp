// `assay diff OLD NEW [--json]`: what changed between two versions of a trusted list (or two
// LOTLs), grouped by section (docs/timelines.md).
#include <charconv>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_source.h"
#include "service/json/timeline_json.h"
#include "tsl/list_diff.h"
#include "tsl/list_history.h"
#include "tsl/vocabulary.h"

namespace assay::service::cli {
namespace {

struct DiffOptions {
  std::string older;
  std::string newer;
  TrustSourceFlags source;  // --config / --store, for XX@SEQUENCE references
  bool json = false;
};

// "BE@81": a version of territory BE with sequence 81, from the store.
std::optional<std::pair<std::string, std::uint64_t>> store_reference(const std::string& arg) {
  const auto at = arg.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= arg.size() || arg.find('/') != std::string::npos) return std::nullopt;
  std::uint64_t sequence = 0;
  const char* end = arg.data() + arg.size();
  // Digits only; a number past 2^64 is no reference (then a missing file), not a wrapped value.
  auto [p, ec] = std::from_chars(arg.data() + at + 1, end, sequence);
  if (ec != std::errc() || p != end) return std::nullopt;
  return std::make_pair(arg.substr(0, at), sequence);
}

// A file, or XX@SEQUENCE from the store (opened once, lazily; only the blobs recorded with that
// sequence are read and parsed).
engine::Result<std::shared_ptr<const tsl::TrustedList>> load_one(const std::string& arg, const DiffOptions& o,
                                                                  std::unique_ptr<engine::store::Store>& store) {
  const auto ref = store_reference(arg);
  if (!ref) {
    auto loaded = tsl::load_versions_from_files({arg});
    if (!loaded) return std::unexpected(loaded.error());
    return loaded->front().list;
  }
  if (!store) {
    auto opened = open_configured_store(o.source);
    if (!opened) return std::unexpected(opened.error());
    store = std::move(*opened);
  }
  const std::uint64_t sequences[] = {ref->second};
  auto versions = tsl::load_versions_from_store(*store, ref->first, sequences);
  if (!versions) return std::unexpected(versions.error());
  return tsl::trusted_version_with_sequence(*versions, ref->first, ref->second);
}

std::string short_uri(std::string_view uri) { return std::string(tsl::vocabulary::short_name(uri)); }

std::string label(const tsl::DiffService& s) {
  return s.name + "  [" + short_uri(s.type) + "]  (" + s.tsp + ")";
}

std::string join_short(const std::vector<std::string>& v) {
  if (v.empty()) return "(none)";
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + short_uri(s);
  return out;
}

void section(const char* title, std::size_t count) { std::printf("\n%s (%zu)\n", title, count); }

void print_human(const tsl::ListDiff& d) {
  std::printf("%s sequence %llu (issued %s)  ->  %s sequence %llu (issued %s)\n", d.older.territory.c_str(),
              static_cast<unsigned long long>(d.older.sequence), engine::format_utc_time(d.older.issued, "-").c_str(),
              d.newer.territory.c_str(), static_cast<unsigned long long>(d.newer.sequence),
              engine::format_utc_time(d.newer.issued, "-").c_str());
  std::printf("  older sha256 %s\n  newer sha256 %s\n", d.older.sha256.c_str(), d.newer.sha256.c_str());
  std::printf("\nSummary: %zu TSPs added, %zu removed; %zu services added, %zu removed; %zu status changes; "
              "%zu identity changes; %zu ASI changes; %zu qualifier changes; %zu name changes; %zu pointer changes\n",
              d.tsps_added.size(), d.tsps_removed.size(), d.services_added.size(), d.services_removed.size(),
              d.status_changes.size(), d.identity_changes.size(), d.asi_changes.size(), d.qualifier_changes.size(),
              d.name_changes.size(), d.pointer_changes.size());

  section("Scheme information", d.scheme_changes.size());
  for (const auto& f : d.scheme_changes) {
    std::printf("  %-24s %s  ->  %s\n", f.field.c_str(), f.from.empty() ? "(none)" : f.from.c_str(),
                f.to.empty() ? "(none)" : f.to.c_str());
  }
  if (!d.pointer_changes.empty()) {
    section("Pointers to other lists", d.pointer_changes.size());
    for (const auto& p : d.pointer_changes) {
      std::printf("  %-15s %-3s %s\n", std::string(tsl::pointer_change_kind_name(p.kind)).c_str(), p.territory.c_str(),
                  p.location.c_str());
      for (const auto& c : p.added_signers) std::printf("                  + signer %s\n", c.c_str());
      for (const auto& c : p.removed_signers) std::printf("                  - signer %s\n", c.c_str());
      for (const auto& f : p.fields) std::printf("                  %s: %s -> %s\n", f.field.c_str(), f.from.c_str(), f.to.c_str());
    }
  }
  section("Trust service providers added", d.tsps_added.size());
  for (const auto& t : d.tsps_added) std::printf("  + %s\n", t.c_str());
  section("Trust service providers removed", d.tsps_removed.size());
  for (const auto& t : d.tsps_removed) std::printf("  - %s\n", t.c_str());
  section("Services added", d.services_added.size());
  for (const auto& s : d.services_added) std::printf("  + %s\n", label(s).c_str());
  section("Services removed", d.services_removed.size());
  for (const auto& s : d.services_removed) std::printf("  - %s\n", label(s).c_str());
  section("Status changes", d.status_changes.size());
  for (const auto& c : d.status_changes) {
    std::printf("  %s\n      %s -> %s since %s\n", label(c.service).c_str(), short_uri(c.from).c_str(),
                short_uri(c.to).c_str(), engine::format_utc_time(c.since, "?").c_str());
  }
  section("Digital identity changes", d.identity_changes.size());
  for (const auto& c : d.identity_changes) {
    std::printf("  %s\n", label(c.service).c_str());
    for (const auto& x : c.added) std::printf("      + %s\n", x.c_str());
    for (const auto& x : c.removed) std::printf("      - %s\n", x.c_str());
  }
  section("Additional service information changes", d.asi_changes.size());
  for (const auto& c : d.asi_changes) {
    std::printf("  %s\n      %s -> %s\n", label(c.service).c_str(), join_short(c.from).c_str(), join_short(c.to).c_str());
  }
  section("Qualifier changes", d.qualifier_changes.size());
  for (const auto& c : d.qualifier_changes) {
    std::printf("  %s\n      %s -> %s%s\n", label(c.service).c_str(), join_short(c.from).c_str(), join_short(c.to).c_str(),
                c.criteria_changed ? "  (same qualifiers, criteria changed)" : "");
  }
  section("Name changes", d.name_changes.size());
  for (const auto& c : d.name_changes) {
    std::printf("  %s\n      %s name \"%s\" -> \"%s\"\n", label(c.service).c_str(), c.what.c_str(), c.from.c_str(),
                c.to.c_str());
  }
}

int run_diff(const DiffOptions& o) {
  std::shared_ptr<const tsl::ListTimelines> lists[2];
  const std::string* files[2] = {&o.older, &o.newer};
  std::unique_ptr<engine::store::Store> store;
  for (int i = 0; i < 2; ++i) {
    auto loaded = load_one(*files[i], o, store);
    if (!loaded) {
      print_error("diff", loaded.error());
      return kExitUsage;
    }
    lists[i] = tsl::build_timelines(*loaded);
  }
  const auto d = tsl::diff_lists(*lists[0], *lists[1]);
  if (o.json) print_json(json::list_diff_json(d));
  else print_human(d);
  return kExitOk;
}

}  // namespace

void add_diff_command(CLI::App& app, CommandRegistry& registry) {
  auto o = std::make_shared<DiffOptions>();
  auto* diff = app.add_subcommand("diff", "Show what changed between two versions of a trusted list (or two LOTLs)");
  diff->add_option("older", o->older, "The older version: a list file, or XX@SEQUENCE from the store")->required();
  diff->add_option("newer", o->newer, "The newer version: a list file, or XX@SEQUENCE from the store")->required();
  add_store_options(diff, o->source);
  diff->add_flag("--json", o->json, "Print JSON");
  diff->callback([o, &registry] { registry.set_exit_code(run_diff(*o)); });
}

}  // namespace assay::service::cli
