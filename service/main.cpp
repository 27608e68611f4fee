// The `assay` command line: parses arguments, initialises the libraries, runs one command.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "engine/library_scope.h"
#include "engine/version.h"
#include "service/cli/commands.h"

int main(int argc, char** argv) {
  assay::engine::LibraryScope libraries;
  if (!libraries.ok()) {
    std::fprintf(stderr, "assay: %s\n", libraries.error().c_str());
    return 2;
  }

  CLI::App app{"assay — trusted-list and qualified-status validation engine (ETSI TS 119 612 / 119 615)"};
  app.set_version_flag("--version", "assay " + std::string(assay::engine::assay_version()) + " (" + libraries.versions() + ")");
  app.require_subcommand(1);
  assay::service::cli::CommandRegistry registry;
  assay::service::cli::add_lists_commands(app, registry);
  assay::service::cli::add_refresh_command(app, registry);
  assay::service::cli::add_store_commands(app, registry);
  assay::service::cli::add_samples_commands(app, registry);
  assay::service::cli::add_timeline_commands(app, registry);
  assay::service::cli::add_diff_command(app, registry);
  assay::service::cli::add_serve_command(app, registry);
  assay::service::cli::add_qualify_command(app, registry);
  assay::service::cli::add_certificates_commands(app, registry);
  assay::service::cli::add_validate_command(app, registry);
  assay::service::cli::add_audit_commands(app, registry);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // CLI11 uses 0 for --help/--version; any real usage error is exit code 2 (our convention).
    return code == 0 ? 0 : 2;
  }
  return registry.exit_code();
}
