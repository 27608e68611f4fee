// Registration of the CLI's subcommands. Each command family lives in its own file and adds
// itself to the CLI11 app; the chosen command's exit code is stored in the registry.
#pragma once

#include <CLI/CLI.hpp>

namespace assay::service::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // the command ran; the answer is negative
inline constexpr int kExitUsage = 2;     // bad arguments or unusable input

class CommandRegistry {
 public:
  void set_exit_code(int code) { exit_code_ = code; }
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_ = kExitOk;
};

// `assay lists ...`: inspect, verify (and later lint).
void add_lists_commands(CLI::App& app, CommandRegistry& registry);
void add_lists_verify_command(CLI::App& lists, CommandRegistry& registry);
// `assay lists` with no subcommand: what is in force, from the store.
void add_lists_in_force_view(CLI::App& lists, CommandRegistry& registry);
// `assay store check|gc`.
void add_store_commands(CLI::App& app, CommandRegistry& registry);
// `assay lists lint`: the list conformance checker (service/cli/lists_lint_command.cpp).
void add_lists_lint_command(CLI::App& lists, CommandRegistry& registry);
// `assay refresh`: authenticate a whole federation.
void add_refresh_command(CLI::App& app, CommandRegistry& registry);
// `assay samples generate`: write the sample trust federation.
void add_samples_commands(CLI::App& app, CommandRegistry& registry);
// `assay timeline` and `assay history` (timeline_command.cpp), `assay diff` (diff_command.cpp).
void add_timeline_commands(CLI::App& app, CommandRegistry& registry);
void add_diff_command(CLI::App& app, CommandRegistry& registry);
// `assay serve`: the HTTP service (serve_command.cpp, service/http/).
void add_serve_command(CLI::App& app, CommandRegistry& registry);
// `assay qualify`: certificate qualification with its evidence (qualify_command.cpp).
void add_qualify_command(CLI::App& app, CommandRegistry& registry);
// `assay certificates validate`: EN 319 102-1 certificate validation (certificates_command.cpp).
void add_certificates_commands(CLI::App& app, CommandRegistry& registry);
// `assay validate`: EN 319 102-1 signature validation of a document (validate_command.cpp).
void add_validate_command(CLI::App& app, CommandRegistry& registry);
// `assay audit run|verify|show`: conformance campaigns and their sealed evidence (audit_command.cpp).
void add_audit_commands(CLI::App& app, CommandRegistry& registry);

}  // namespace assay::service::cli
