// `assay samples generate --out DIR [--now T] [--force]`: writes the sample trust federation
// (signed LOTL, pivot, national lists, damaged lists, certificates, revocation data and the
// expectation tables) atomically into DIR.
#include <cstdio>
#include <memory>

#include "engine/time.h"
#include "samples/federation.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"

namespace assay::service::cli {
namespace {

struct GenerateOptions {
  std::string out;
  std::string now = samples::kDefaultNow;
  bool force = false;
};

int run_generate(const GenerateOptions& o) {
  // --now is a reference instant for the generated data, never the wall clock: the output must be
  // reproducible.
  auto now = engine::parse_utc_time(o.now);
  if (!now) {
    print_error("--now", engine::Error(engine::Code::kInvalidArgument,
                                       "'" + o.now + "' is not an RFC 3339 instant (e.g. 2026-01-15T00:00:00Z)"));
    return kExitUsage;
  }
  const auto r = samples::generate_federation(o.out, *now, o.force ? samples::Overwrite::kReplace : samples::Overwrite::kRefuse);
  if (!r) {
    print_error(o.out, r.error());
    return kExitUsage;
  }
  std::printf("wrote the sample federation to %s (reference instant %s)\n", o.out.c_str(),
              engine::format_utc_time(*now).c_str());
  return kExitOk;
}

}  // namespace

void add_samples_commands(CLI::App& app, CommandRegistry& registry) {
  auto* samples = app.add_subcommand("samples", "Sample trust federation with known answers");
  samples->require_subcommand(1);
  auto o = std::make_shared<GenerateOptions>();
  auto* cmd = samples->add_subcommand("generate", "Generate the sample federation (lists, PKI, expectations) into a folder");
  cmd->add_option("--out", o->out, "Output folder (must not exist or be empty, unless --force)")->required();
  cmd->add_option("--now", o->now, "Reference instant of the generated data (RFC 3339)")->capture_default_str();
  cmd->add_flag("--force", o->force, "Replace a non-empty output folder");
  cmd->callback([o, &registry] { registry.set_exit_code(run_generate(*o)); });
}

}  // namespace assay::service::cli
