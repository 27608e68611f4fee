// `assay lists lint FILE... [--trust-time T] [--signer CERT...] [--json | --summary]`: the list
// conformance checker (TS 119 612 / TS 119 614-1 rules and the providers' certificates), for
// list operators and TSPs before publishing and for auditors of validation services.
//
// Inputs are files only. Linting every list in force in a store is a separate input source
// (`--store DIR`) that belongs with the acquisition work; it will hand the same LoadedList
// values to tsl::lint::lint_lists.
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/file.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_inputs.h"
#include "service/json/authentication_json.h"
#include "tsl/lint/linter.h"
#include "tsl/vocabulary.h"

namespace assay::service::cli {
namespace {

using engine::Severity;
using tsl::lint::LintedList;
using tsl::lint::LintFinding;

struct LintCommandOptions {
  std::vector<std::string> files;
  std::vector<std::string> signers;
  std::string trust_time;
  bool json = false;
  bool summary = false;
};

std::map<Severity, int> count(const LintedList& l) {
  std::map<Severity, int> counts{{Severity::kError, 0}, {Severity::kWarning, 0}, {Severity::kInfo, 0}};
  for (const auto& f : l.findings) ++counts[f.severity];
  return counts;
}

void print_finding(const LintFinding& f, const char* indent) {
  std::printf("%s%-7s %s [%s]\n%s        %s\n", indent, std::string(engine::severity_name(f.severity)).c_str(), f.id.c_str(),
              f.rule.c_str(), indent, f.message.c_str());
  if (!f.value.empty()) std::printf("%s        value: %s\n", indent, f.value.c_str());
  std::printf("%s        at %s\n", indent, f.path.c_str());
}

// Findings grouped list -> TSP -> service.
void print_human(const LintedList& l) {
  const auto& s = l.list->scheme;
  auto counts = count(l);
  std::printf("%s: %s v%d sequence %llu: %d errors, %d warnings, %d notes\n", l.source.c_str(), s.territory.c_str(),
              s.version, static_cast<unsigned long long>(s.sequence_number), counts[Severity::kError],
              counts[Severity::kWarning], counts[Severity::kInfo]);
  if (l.authentication) {
    std::printf("  authentication: %s (%s)\n", std::string(tsl::auth_status_name(l.authentication->status)).c_str(),
                l.authentication->detail.c_str());
  }
  int tsp = -1;
  int service = -1;
  for (const auto& f : l.findings) {
    if (f.tsp != tsp) {
      tsp = f.tsp;
      service = -1;
      if (tsp > 0 && static_cast<std::size_t>(tsp) <= l.list->tsps.size()) {
        std::printf("  TSP %d: %s\n", tsp, tsl::preferred(l.list->tsps[tsp - 1].names).c_str());
      } else if (tsp > 0) {
        std::printf("  TSP %d\n", tsp);
      } else {
        std::printf("  list\n");
      }
    }
    if (f.service != service) {
      service = f.service;
      if (service > 0 && tsp > 0 && static_cast<std::size_t>(tsp) <= l.list->tsps.size() &&
          static_cast<std::size_t>(service) <= l.list->tsps[tsp - 1].services.size()) {
        const auto& current = l.list->tsps[tsp - 1].services[service - 1].current;
        std::printf("    service %d: %s (%s)\n", service, tsl::preferred(current.names).c_str(),
                    std::string(tsl::vocabulary::short_name(current.type)).c_str());
      }
    }
    print_finding(f, service > 0 ? "      " : "    ");
  }
}

// One row per list: counts and the ids that occur, most frequent first.
void print_summary(const std::vector<LintedList>& lists) {
  std::printf("| list | territory | version | sequence | errors | warnings | notes | findings (count) |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (const auto& l : lists) {
    auto counts = count(l);
    std::map<std::string, int> ids;
    for (const auto& f : l.findings) ++ids[f.id];
    std::vector<std::pair<std::string, int>> sorted(ids.begin(), ids.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string text;
    for (const auto& [id, n] : sorted) text += (text.empty() ? "" : ", ") + id + " (" + std::to_string(n) + ")";
    const auto slash = l.source.find_last_of('/');
    std::printf("| %s | %s | %d | %llu | %d | %d | %d | %s |\n",
                (slash == std::string::npos ? l.source : l.source.substr(slash + 1)).c_str(),
                l.list->scheme.territory.c_str(), l.list->scheme.version,
                static_cast<unsigned long long>(l.list->scheme.sequence_number), counts[Severity::kError],
                counts[Severity::kWarning], counts[Severity::kInfo], text.c_str());
  }
}

boost::json::object to_json(const LintedList& l) {
  const auto& s = l.list->scheme;
  auto counts = count(l);
  boost::json::array findings;
  for (const auto& f : l.findings) {
    findings.push_back(boost::json::object{{"id", f.id},
                                           {"severity", engine::severity_name(f.severity)},
                                           {"rule", f.rule},
                                           {"path", f.path},
                                           {"value", f.value},
                                           {"message", f.message},
                                           {"tsp", f.tsp},
                                           {"service", f.service}});
  }
  boost::json::object o{{"file", l.source},
                        {"territory", s.territory},
                        {"version", s.version},
                        {"sequence", s.sequence_number},
                        {"sha256", l.list->sha256},
                        {"errors", counts[Severity::kError]},
                        {"warnings", counts[Severity::kWarning]},
                        {"notes", counts[Severity::kInfo]},
                        {"findings", std::move(findings)}};
  if (l.authentication) o["authentication"] = json::authentication_json(*l.authentication);
  return o;
}

int run_lint(const LintCommandOptions& o) {
  auto trust_time = parse_instant(o.trust_time, "--trust-time");
  if (!trust_time) return print_error("lists lint", trust_time.error()), kExitUsage;
  std::optional<tsl::SignerSet> signers;
  if (!o.signers.empty()) {
    auto s = read_signer_set(o.signers);
    if (!s) return print_error("--signer", s.error()), kExitUsage;
    signers = std::move(*s);
  }
  bool unusable = false;
  std::vector<tsl::LoadedList> loaded;
  for (const auto& file : o.files) {
    auto bytes = engine::read_file(file, tsl::ParseOptions{}.limits.max_bytes);
    auto list = bytes ? tsl::load_list(file, std::move(*bytes)) : std::unexpected(bytes.error());
    if (!list) {
      print_error(file, list.error());
      unusable = true;
      continue;
    }
    loaded.push_back(std::move(*list));
  }
  tsl::lint::LintListsOptions options;
  options.rules.trust_time = *trust_time;
  options.signers = signers ? &*signers : nullptr;
  const auto results = tsl::lint::lint_lists(loaded, options);

  bool errors = false;
  boost::json::array out;
  for (const auto& l : results) {
    errors = errors || l.has_errors();
    if (o.json) {
      out.push_back(to_json(l));
    } else if (!o.summary) {
      print_human(l);
    }
  }
  if (o.json) print_json(boost::json::object{{"trust_time", engine::format_utc_time(*trust_time)}, {"lists", std::move(out)}});
  if (o.summary) print_summary(results);
  if (unusable) return kExitUsage;
  return errors ? kExitFindings : kExitOk;
}

}  // namespace

void add_lists_lint_command(CLI::App& lists, CommandRegistry& registry) {
  auto o = std::make_shared<LintCommandOptions>();
  auto* cmd = lists.add_subcommand(
      "lint", "Check trusted lists against TS 119 612 / TS 119 614-1 rules, rule by rule, with the providers' certificates");
  cmd->add_option("files", o->files, "Trusted list XML files (LOTL and national lists; lint them together to check "
                                     "the LOTL's pointers against the lists)")
      ->required();
  add_trust_time_option(cmd, o->trust_time);
  cmd->add_option("--signer", o->signers,
                  "Also authenticate each list against these signers: certificate files, directories, or SHA-256 fingerprints");
  auto* json = cmd->add_flag("--json", o->json, "Print JSON");
  cmd->add_flag("--summary", o->summary, "Print one Markdown table row per list instead of the findings")->excludes(json);
  cmd->callback([o, &registry] { registry.set_exit_code(run_lint(*o)); });
}

}  // namespace assay::service::cli
