// `assay timeline [FILE...]` and `assay history [FILE...] --territory XX`: service status
// timelines and list version histories, of files or of what the store holds (docs/timelines.md).
#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "engine/digest.h"
#include "engine/store/store.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_inputs.h"
#include "service/cli/trust_source.h"
#include "service/json/timeline_json.h"
#include "service/json/trusted_list_json.h"
#include "service/svg/timeline_svg.h"
#include "tsl/list_history.h"
#include "tsl/timeline.h"
#include "tsl/vocabulary.h"

namespace assay::service::cli {
namespace {

struct TimelineOptions {
  std::vector<std::string> files;  // none: the lists in force in the store
  TrustSourceFlags source;         // --config / --store
  std::string territory;
  std::string tsp;
  std::string service;
  std::string sdi;
  std::string at;
  std::string as_of;
  std::string svg;
  bool json = false;
};

// The lists the store gives: those in force now, or with --as-of each territory's authenticated
// version that was in force then (what relying parties read at that instant).
engine::Result<tsl::LoadedVersions> lists_from_store(const engine::store::Store& store, const TimelineOptions& o,
                                                     const std::optional<engine::UtcTime>& as_of) {
  if (as_of) return tsl::load_in_force_at_from_store(store, *as_of, o.territory);
  return tsl::load_in_force_from_store(store, o.territory);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

// --sdi: a certificate SHA-256 (or a prefix of at least 8 hex digits) or an SKI in hex, in any
// state of the service.
bool has_identity(const tsl::ServiceTimeline& t, const std::string& wanted) {
  for (const auto& st : t.states) {
    for (const auto& id : st.state->identity.ids) {
      if (id.kind == tsl::DigitalId::Kind::kX509Certificate && engine::sha256_hex(id.certificate_der).starts_with(wanted)) {
        return true;
      }
      if (id.kind == tsl::DigitalId::Kind::kX509Ski &&
          engine::to_hex({reinterpret_cast<const std::uint8_t*>(id.ski.data()), id.ski.size()}) == wanted) {
        return true;
      }
    }
  }
  return false;
}

void print_service(const tsl::ServiceTimeline& t, const std::optional<engine::UtcTime>& at) {
  std::printf("    %s\n      %s  id %s  (%zu state%s)\n", t.name().c_str(),
              std::string(tsl::vocabulary::short_name(t.type())).c_str(), t.id.c_str(), t.states.size(),
              t.states.size() == 1 ? "" : "s");
  const auto* in_force = at ? t.at(*at) : nullptr;
  for (const auto& s : t.states) {
    const std::string end = s.end ? engine::format_utc_time(*s.end) : "(open)              ";
    std::printf("      %s %s .. %s  %s%s\n", &s == in_force ? "*" : " ", engine::format_utc_time(s.start).c_str(),
                end.c_str(), std::string(tsl::vocabulary::short_name(s.state->status)).c_str(),
                s.state->type != t.type() ? ("  [type " + std::string(tsl::vocabulary::short_name(s.state->type)) + "]").c_str()
                                          : "");
  }
}

// An instant given as RFC 3339, a bare date (YYYY-MM-DD = 00:00:00Z that day) or "now".
engine::Result<engine::UtcTime> parse_instant_or_date(const std::string& text, const char* flag_name) {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') return parse_instant(text + "T00:00:00Z", flag_name);
  return parse_instant(text, flag_name);
}

// An optional instant flag: absent when empty.
engine::Result<std::optional<engine::UtcTime>> optional_instant(const std::string& text, const char* flag_name) {
  if (text.empty()) return std::optional<engine::UtcTime>();
  auto t = parse_instant_or_date(text, flag_name);
  if (!t) return std::unexpected(t.error());
  return std::optional<engine::UtcTime>(*t);
}

int run_timeline(const TimelineOptions& o) {
  const auto at_flag = optional_instant(o.at, "--at");
  const auto as_of_flag = optional_instant(o.as_of, "--as-of");
  for (const auto* flag : {&at_flag, &as_of_flag}) {
    if (!*flag) {
      print_error("timeline", flag->error());
      return kExitUsage;
    }
  }
  const std::optional<engine::UtcTime> at = *at_flag, as_of = *as_of_flag;
  if (as_of && !o.files.empty()) {
    print_error("timeline", engine::Error(engine::Code::kInvalidArgument,
                                          "--as-of picks versions from the store; with files, pass the version you mean"));
    return kExitUsage;
  }
  const std::string sdi = lower(o.sdi);
  std::vector<std::shared_ptr<const tsl::ListTimelines>> all;
  if (o.files.empty()) {
    auto store = open_configured_store(o.source);
    if (!store) {
      print_error("timeline", store.error());
      return kExitUsage;
    }
    auto loaded = lists_from_store(**store, o, as_of);
    if (!loaded) {
      print_error("timeline", loaded.error());
      return loaded.error().code() == engine::Code::kNotFound ? kExitFindings : kExitUsage;
    }
    for (auto& v : *loaded) all.push_back(tsl::build_timelines(v.list));
  }
  for (const auto& file : o.files) {
    auto loaded = tsl::load_versions_from_files({file}, o.territory);
    if (!loaded) {
      print_error("timeline", loaded.error());
      return kExitUsage;
    }
    for (auto& v : *loaded) all.push_back(tsl::build_timelines(v.list));
  }

  std::vector<const tsl::ServiceTimeline*> selected;
  boost::json::array out;
  for (const auto& lt : all) {
    std::vector<const tsl::ServiceTimeline*> mine;
    for (const auto& t : lt->services) {
      if (!o.tsp.empty() && !contains_ci(t.tsp_name(), o.tsp)) continue;
      if (!o.service.empty() && !contains_ci(t.name(), o.service)) continue;
      if (!sdi.empty() && !has_identity(t, sdi)) continue;
      if (at && t.at(*at) == nullptr) continue;
      mine.push_back(&t);
    }
    if (mine.empty()) continue;
    const auto& v = *lt->version;
    if (o.json) {
      boost::json::array services;
      for (const auto* t : mine) services.push_back(json::service_timeline_json(*t, at));
      out.push_back({{"version", json::list_version_json(v)},
                     {"services", std::move(services)},
                     {"findings", json::findings_json(lt->findings)}});
    } else {
      std::printf("%s  sequence %llu, issued %s, sha256 %s\n", v.territory.c_str(),
                  static_cast<unsigned long long>(v.sequence), engine::format_utc_time(v.issued, "-").c_str(),
                  v.sha256.c_str());
      const std::string* last_tsp = nullptr;
      for (const auto* t : mine) {
        if (!last_tsp || *last_tsp != t->tsp_name()) std::printf("  %s\n", t->tsp_name().c_str());
        last_tsp = &t->tsp_name();
        print_service(*t, at);
      }
      for (const auto& f : lt->findings) std::printf("  finding %s: %s (%s)\n", f.id.c_str(), f.message.c_str(), f.path.c_str());
      std::printf("\n");
    }
    selected.insert(selected.end(), mine.begin(), mine.end());
  }
  if (o.json) print_json(out);
  else if (selected.empty()) std::printf("no service matches\n");
  else if (at) std::printf("* = state in force at %s\n", engine::format_utc_time(*at).c_str());

  if (!o.svg.empty() && !selected.empty()) {
    svg::TimelineSvgOptions so;
    bool one_tsp = std::all_of(selected.begin(), selected.end(),
                               [&](const auto* t) { return t->tsp_name() == selected.front()->tsp_name(); });
    const auto& v = *selected.front()->version;
    so.title = (one_tsp ? selected.front()->tsp_name() : std::to_string(selected.size()) + " services") + " — " + v.territory;
    so.subtitle = svg::version_subtitle(v);
    so.at = at;
    // Open periods run to the year after the newest list's issue time (not the wall clock).
    std::optional<engine::UtcTime> newest;
    for (const auto* t : selected) {
      if (t->version->issued && (!newest || *t->version->issued > *newest)) newest = t->version->issued;
    }
    if (newest) {
      const auto y = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(*newest)).year();
      so.axis_end = std::chrono::sys_days{(y + std::chrono::years(1)) / std::chrono::January / 1};
      if (at && *at >= *so.axis_end) so.axis_end.reset();
    }
    std::ofstream f(o.svg, std::ios::binary);
    f << svg::render_timeline_svg(selected, so);
    if (!f) {
      print_error(o.svg, engine::Error(engine::Code::kUnavailable, "cannot write the SVG file"));
      return kExitUsage;
    }
  }
  return selected.empty() ? kExitFindings : kExitOk;
}

struct HistoryOptions {
  std::vector<std::string> files;  // none: the versions in the store
  TrustSourceFlags source;         // --config / --store
  std::string territory;
  bool json = false;
};

int run_history(const HistoryOptions& o) {
  engine::Result<tsl::LoadedVersions> loaded = tsl::LoadedVersions{};
  if (o.files.empty()) {
    auto store = open_configured_store(o.source);
    if (!store) {
      print_error("history", store.error());
      return kExitUsage;
    }
    loaded = tsl::load_versions_from_store(**store, o.territory);
  } else {
    std::vector<std::filesystem::path> paths(o.files.begin(), o.files.end());
    loaded = tsl::load_versions_from_files(paths, o.territory);
  }
  if (!loaded) {
    print_error("history", loaded.error());
    return kExitUsage;
  }
  const auto history = tsl::ListHistory::build(std::move(*loaded));
  if (o.json) {
    boost::json::array versions;
    for (const auto& v : history.versions()) versions.push_back(json::history_version_json(v));
    print_json(boost::json::object{{"territory", o.territory},
                                   {"versions", std::move(versions)},
                                   {"findings", json::findings_json(history.findings())}});
  } else {
    std::printf("%s: %zu version%s\n", o.territory.c_str(), history.versions().size(),
                history.versions().size() == 1 ? "" : "s");
    if (!history.versions().empty()) {
      std::printf("  %-9s %-21s %-21s %-21s %5s %8s  %s\n", "sequence", "issued", "in force from", "in force until",
                  "TSPs", "services", "source");
    }
    for (const auto& v : history.versions()) {
      const auto& s = v.list().scheme;
      std::printf("  %-9llu %-21s %-21s %-21s %5zu %8zu  %s\n", static_cast<unsigned long long>(s.sequence_number),
                  engine::format_utc_time(s.issue_date_time, "-").c_str(), engine::format_utc_time(v.from).c_str(),
                  engine::format_utc_time(v.to, "(still in force)").c_str(), v.list().tsps.size(),
                  v.list().service_count(), v.loaded.source.c_str());
    }
    for (const auto& f : history.findings()) std::printf("  finding %s: %s\n", f.id.c_str(), f.message.c_str());
  }
  return history.versions().empty() ? kExitFindings : kExitOk;
}

}  // namespace

void add_timeline_commands(CLI::App& app, CommandRegistry& registry) {
  auto o = std::make_shared<TimelineOptions>();
  auto* timeline = app.add_subcommand(
      "timeline", "Show the status timelines of services: of the lists in force in the store, or of list files");
  timeline->add_option("files", o->files, "Trusted list XML files (default: the lists in force in the store)");
  add_store_options(timeline, o->source);
  timeline->add_option("--territory", o->territory, "Only lists of this territory (e.g. AT)");
  timeline->add_option("--tsp", o->tsp, "Only providers whose name contains this text (case-insensitive)");
  auto* by_name = timeline->add_option("--service", o->service, "Only services whose name contains this text");
  timeline->add_option("--sdi", o->sdi, "Only services with this certificate SHA-256 (or a prefix) or SKI (hex)")
      ->excludes(by_name);
  timeline->add_option("--at", o->at, "Mark the state in force at this instant (RFC 3339 or YYYY-MM-DD); "
                                       "services not yet listed then are left out");
  timeline->add_option("--as-of", o->as_of,
                       "Read each list as it was in force at this instant (store only): the authenticated version "
                       "of that time instead of the newest");
  timeline->add_option("--svg", o->svg, "Also write a timeline chart to this SVG file");
  timeline->add_flag("--json", o->json, "Print JSON");
  timeline->callback([o, &registry] { registry.set_exit_code(run_timeline(*o)); });

  auto h = std::make_shared<HistoryOptions>();
  auto* history = app.add_subcommand("history", "Order the versions of one list and show when each was in force");
  history->add_option("files", h->files,
                      "Trusted list XML files, versions of several lists may be mixed (default: the versions in the store)");
  auto* store_flag = history->add_option("--store", h->source.store,
                                         "Document store folder (default: $XDG_DATA_HOME/assay or ~/.local/share/assay)");
  history->add_option("--config", h->source.config_path, "assay.toml with the trust-source settings (default: built-in EU)");
  history->add_option("--territory", h->territory, "The territory whose versions to show")->required();
  history->add_flag("--json", h->json, "Print JSON");
  history->callback([h, store_flag, &registry] {
    if (!h->files.empty() && store_flag->count() > 0) {
      print_error("history", engine::Error(engine::Code::kInvalidArgument, "give list files or --store DIR, not both"));
      registry.set_exit_code(kExitUsage);
      return;
    }
    registry.set_exit_code(run_history(*h));
  });
}

}  // namespace assay::service::cli
