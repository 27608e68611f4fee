// `assay lists inspect FILE... [--json]`: read trusted lists and summarise them.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/file.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/json/trusted_list_json.h"
#include "tsl/parser.h"
#include "tsl/vocabulary.h"

namespace assay::service::cli {
namespace {

struct InspectOptions {
  std::vector<std::string> files;
  bool json = false;
};

void print_human(const std::string& file, const tsl::TrustedList& list) {
  const auto& s = list.scheme;
  std::map<engine::Severity, int> counts;
  for (const auto& f : list.findings) ++counts[f.severity];
  std::printf("%s\n", file.c_str());
  std::printf("  territory %-4s %s v%d, sequence %llu\n", s.territory.c_str(),
              list.kind() == tsl::ListKind::kLotl ? "list of the lists" : "trusted list", s.version,
              static_cast<unsigned long long>(s.sequence_number));
  std::printf("  operator  %s\n", tsl::preferred(s.operator_name).c_str());
  std::printf("  issued    %s   next update %s\n", engine::format_utc_time(s.issue_date_time, "-").c_str(),
              engine::format_utc_time(s.next_update, "none (closed list)").c_str());
  std::printf("  content   %zu TSPs, %zu services, %zu history instances, %zu pointers\n", list.tsps.size(),
              list.service_count(), list.history_instance_count(), s.pointers.size());
  std::printf("  sha256    %s\n", list.sha256.c_str());
  std::printf("  findings  %d errors, %d warnings, %d notes\n", counts[engine::Severity::kError],
              counts[engine::Severity::kWarning], counts[engine::Severity::kInfo]);
  for (const auto& f : list.findings) {
    if (f.severity == engine::Severity::kInfo) continue;
    std::printf("    %-7s %s: %s\n             at %s\n", std::string(engine::severity_name(f.severity)).c_str(),
                f.id.c_str(), f.message.c_str(), f.path.c_str());
  }
}

int run_inspect(const InspectOptions& options) {
  int exit_code = kExitOk;
  boost::json::array out;
  for (const auto& file : options.files) {
    auto bytes = engine::read_file(file, tsl::ParseOptions{}.limits.max_bytes);
    auto list = bytes ? tsl::parse_trusted_list(*bytes) : std::unexpected(bytes.error());
    if (!list) {
      print_error(file, list.error());
      exit_code = kExitUsage;
      if (options.json) {
        out.push_back(boost::json::object{
            {"file", file},
            {"error", {{"code", engine::code_name(list.error().code())}, {"message", list.error().message()}}}});
      }
      continue;
    }
    if (options.json) {
      boost::json::object o{{"file", file}};
      for (auto& kv : json::list_summary_json(**list)) o.insert(std::move(kv));
      out.push_back(std::move(o));
    } else {
      print_human(file, **list);
    }
  }
  if (options.json) print_json(out);
  return exit_code;
}

}  // namespace

void add_lists_commands(CLI::App& app, CommandRegistry& registry) {
  auto* lists = app.add_subcommand("lists", "Read, check and show trusted lists");
  lists->require_subcommand(0, 1);

  auto options = std::make_shared<InspectOptions>();
  auto* inspect = lists->add_subcommand(
      "inspect", "Summarise trusted list files: territory, type, version, sequence, dates, counts, findings");
  inspect->add_option("files", options->files, "Trusted list XML files (LOTL or national)")->required();
  inspect->add_flag("--json", options->json, "Print a JSON array with one object per file");
  inspect->callback([options, &registry] { registry.set_exit_code(run_inspect(*options)); });
  add_lists_verify_command(*lists, registry);
  add_lists_in_force_view(*lists, registry);
  add_lists_lint_command(*lists, registry);
}

}  // namespace assay::service::cli
