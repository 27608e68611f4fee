// `assay store check` and `assay store gc --keep N`: maintenance of the document store.
#include <cstdio>
#include <memory>

#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_source.h"

namespace assay::service::cli {
namespace {

struct StoreFlags {
  TrustSourceFlags source;
  std::size_t keep = 5;
  bool json = false;
};

int run_check(const StoreFlags& flags) {
  auto config = resolve_config(flags.source);
  if (!config) return print_error("store check", config.error()), kExitUsage;
  auto store = open_store(*config);
  if (!store) return print_error("store check", store.error()), kExitUsage;
  auto problems = (*store)->check();
  if (!problems) return print_error("store check", problems.error()), kExitUsage;
  if (flags.json) {
    boost::json::array a;
    for (const auto& p : *problems) a.push_back(boost::json::string(p));
    print_json(boost::json::object{{"store", config->store}, {"ok", problems->empty()}, {"problems", std::move(a)}});
  } else if (problems->empty()) {
    std::printf("store %s: ok (catalogue integrity, every blob matches its SHA-256, every reference resolves)\n",
                config->store.c_str());
  } else {
    std::printf("store %s: %zu problem(s)\n", config->store.c_str(), problems->size());
    for (const auto& p : *problems) std::printf("  %s\n", p.c_str());
  }
  return problems->empty() ? kExitOk : kExitFindings;
}

int run_gc(const StoreFlags& flags) {
  auto config = resolve_config(flags.source);
  if (!config) return print_error("store gc", config.error()), kExitUsage;
  auto store = open_store(*config);
  if (!store) return print_error("store gc", store.error()), kExitUsage;
  auto report = (*store)->gc(flags.keep);
  if (!report) return print_error("store gc", report.error()), kExitUsage;
  if (flags.json) {
    print_json(boost::json::object{{"versions_removed", report->versions_removed},
                                   {"blobs_removed", report->blobs_removed},
                                   {"temporaries_removed", report->temporaries_removed}});
  } else {
    std::printf("removed %zu old versions, %zu unreferenced bodies, %zu leftover temporary files "
                "(kept the newest %zu per URL and everything in force)\n",
                report->versions_removed, report->blobs_removed, report->temporaries_removed, flags.keep);
  }
  return kExitOk;
}

}  // namespace

void add_store_commands(CLI::App& app, CommandRegistry& registry) {
  auto flags = std::make_shared<StoreFlags>();
  auto* store = app.add_subcommand("store", "Check or prune the document store");
  store->require_subcommand(1);
  auto* check = store->add_subcommand("check", "Verify the catalogue and that every stored body matches its SHA-256");
  add_store_options(check, flags->source);
  check->add_flag("--json", flags->json, "Print JSON");
  check->callback([flags, &registry] { registry.set_exit_code(run_check(*flags)); });
  auto* gc = store->add_subcommand("gc", "Remove old versions beyond the newest N per URL (never one in force)");
  add_store_options(gc, flags->source);
  gc->add_option("--keep", flags->keep, "Versions to keep per URL")->capture_default_str()->check(CLI::Range(0, 100000));
  gc->add_flag("--json", flags->json, "Print JSON");
  gc->callback([flags, &registry] { registry.set_exit_code(run_gc(*flags)); });
}

}  // namespace assay::service::cli
