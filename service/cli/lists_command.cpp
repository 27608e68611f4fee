#include "service/cli/commands.h"

namespace assay::service::cli {

void add_lists_commands(CLI::App& app, CommandRegistry&) {
  auto* lists = app.add_subcommand("lists", "Inspect trusted lists");
  lists->require_subcommand(1);
}

}  // namespace assay::service::cli
