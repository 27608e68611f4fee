// `assay lists verify FILE --signer CERT...`: authenticate one list against given signers (a TSP
// or scheme operator checking its own list before publishing it).
#include <cstdio>
#include <memory>

#include "engine/file.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_inputs.h"
#include "service/json/authentication_json.h"
#include "tsl/authentication.h"

namespace assay::service::cli {
namespace {

struct VerifyOptions {
  std::string file;
  std::vector<std::string> signers;
  std::string trust_time;
  bool json = false;
};

int run_verify(const VerifyOptions& o) {
  auto trust_time = parse_instant(o.trust_time, "--trust-time");
  if (!trust_time) return print_error("lists verify", trust_time.error()), kExitUsage;
  auto signers = read_signer_set(o.signers);
  if (!signers) return print_error("--signer", signers.error()), kExitUsage;
  auto bytes = engine::read_file(o.file, tsl::ParseOptions{}.limits.max_bytes);
  if (!bytes) return print_error(o.file, bytes.error()), kExitUsage;
  auto loaded = tsl::load_list(o.file, std::move(*bytes));
  if (!loaded) return print_error(o.file, loaded.error()), kExitUsage;

  const auto a = tsl::authenticate_list(*loaded, *signers, *trust_time);
  if (o.json) {
    auto j = json::authentication_json(a);
    j["file"] = o.file;
    j["territory"] = loaded->list->scheme.territory;
    j["sequence"] = loaded->list->scheme.sequence_number;
    j["sha256"] = loaded->list->sha256;
    j["trust_time"] = engine::format_utc_time(*trust_time);
    print_json(j);
  } else {
    std::printf("%s: %s\n  %s\n", o.file.c_str(), std::string(tsl::auth_status_name(a.status)).c_str(), a.detail.c_str());
    if (!a.signer_sha256.empty()) std::printf("  signer %s\n         %s\n", a.signer_subject.c_str(), a.signer_sha256.c_str());
    if (a.signing_time) std::printf("  signed %s\n", engine::format_utc_time(*a.signing_time).c_str());
    for (const auto& f : a.findings) {
      std::printf("  %-7s %s: %s\n", std::string(engine::severity_name(f.severity)).c_str(), f.id.c_str(), f.message.c_str());
    }
  }
  return a.authenticated() ? kExitOk : kExitFindings;
}

}  // namespace

void add_lists_verify_command(CLI::App& lists, CommandRegistry& registry) {
  auto o = std::make_shared<VerifyOptions>();
  auto* cmd = lists.add_subcommand("verify", "Authenticate one list file against the given signer certificates");
  cmd->add_option("file", o->file, "Trusted list XML file")->required();
  cmd->add_option("--signer", o->signers, "Allowed signers: certificate files, directories, or SHA-256 fingerprints")->required();
  add_trust_time_option(cmd, o->trust_time);
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->callback([o, &registry] { registry.set_exit_code(run_verify(*o)); });
}

}  // namespace assay::service::cli
