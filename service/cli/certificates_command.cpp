// `assay certificates validate CERT [--intermediate F]... [--anchor F]... [--crl F]... [--ocsp F]...
//  [--at T] [--offline|--online] [--policy F] [--no-algorithm-expiry] [trust-source flags] [--json]`:
// EN 319 102-1 X.509 certificate validation (docs/certificate-validation.md). Anchors: the
// --anchor files, and the trusted lists (as `assay qualify` loads them) when a trust source is
// named or no --anchor is given. Exit 0 PASSED, 1 any other outcome, 2 unusable input.
#include <cstdio>
#include <memory>

#include "engine/file.h"
#include "service/cli/certificate_inputs.h"
#include "service/cli/certificate_trust.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_inputs.h"
#include "service/config/validation_policy_toml.h"
#include "service/json/certificate_validation_json.h"
#include "validation/certificate_validator.h"
#include "validation/explicit_anchors.h"

namespace assay::service::cli {
namespace {

struct ValidateFlags {
  std::string certificate;
  std::vector<std::string> intermediates, anchors, crls, ocsps;
  std::string at = "now";
  std::string policy;
  CertificateTrustFlags trust;  // trust-source flags, --offline / --online
  bool no_algorithm_expiry = false;
  bool json = false;
};

void print_text(const validation::CertificateValidationReport& r) {
  std::printf("%s", std::string(validation::indication_name(r.indication)).c_str());
  if (r.subindication != validation::SubIndication::kNone) {
    std::printf(" / %s", std::string(validation::subindication_name(r.subindication)).c_str());
  }
  std::printf(" at %s\n", engine::format_utc_time(r.validation_time).c_str());
  for (const auto& e : r.path) {
    std::printf("  %s  %s (revocation: %s%s%s)\n", e.certificate->fingerprint_hex().substr(0, 16).c_str(),
                e.certificate->subject().rfc4514.c_str(),
                e.revocation.status == validation::RevocationState::kGood      ? "good"
                : e.revocation.status == validation::RevocationState::kRevoked ? "revoked"
                : e.revocation.status == validation::RevocationState::kUnknown ? "unknown"
                                                                               : "not checked",
                e.revocation.source.empty() ? "" : " by ", e.revocation.source.c_str());
  }
  if (r.anchor) {
    std::printf("  anchor: %s (%s)\n", r.anchor->subject.rfc4514.c_str(),
                r.anchor->source == validation::AnchorSource::kExplicit ? "explicit" : "trusted list");
  }
  std::printf("  paths tried: %zu\n", r.paths_tried.size());
  for (const auto& f : r.findings) {
    std::printf("- [%s] %s: %s\n", std::string(engine::severity_name(f.severity)).c_str(), f.id.c_str(), f.message.c_str());
  }
}

int run_validate(const ValidateFlags& flags) {
  auto at = parse_instant(flags.at, "--at");
  if (!at) return print_error("certificates validate", at.error()), kExitUsage;
  auto certificates = read_certificates(flags.certificate);
  if (!certificates) return print_error(flags.certificate, certificates.error()), kExitUsage;
  for (const auto& f : flags.intermediates) {
    auto more = read_certificates(f);
    if (!more) return print_error(f, more.error()), kExitUsage;
    certificates->insert(certificates->end(), more->begin(), more->end());
  }
  std::vector<std::filesystem::path> anchor_files(flags.anchors.begin(), flags.anchors.end());
  auto anchors = validation::ExplicitTrustAnchors::from_files(anchor_files);
  if (!anchors) return print_error("--anchor", anchors.error()), kExitUsage;
  const bool with_lists = uses_trusted_lists(flags.trust, !anchors->anchors().empty());
  auto trust = open_certificate_trust(flags.trust, with_lists);
  if (!trust) return print_error("trust source", trust.error()), kExitUsage;
  if (anchors->anchors().empty() && !trust->anchors) {
    return print_error("certificates validate",
                       engine::Error(engine::Code::kInvalidArgument, "no trust anchor: give --anchor FILE or a trust source")),
           kExitUsage;
  }
  validation::ValidationPolicy policy = validation::default_validation_policy();
  if (!flags.policy.empty()) {
    auto loaded = config::load_validation_policy(flags.policy);
    if (!loaded) return print_error("--policy", loaded.error()), kExitUsage;
    policy = std::move(*loaded);
  }
  if (flags.no_algorithm_expiry) policy.crypto.apply_expiry = false;
  auto checker = make_revocation_checker(flags.crls, flags.ocsps, trust->online.get());
  if (!checker) return print_error("revocation data", checker.error()), kExitUsage;

  validation::CertificateValidationRequest request{std::move(*certificates), *at};
  validation::CertificateValidationContext context;
  if (!anchors->anchors().empty()) context.anchors.push_back(&*anchors);
  if (trust->anchors) context.anchors.push_back(trust->anchors.get());
  context.online = trust->online.get();
  context.revocation = checker->get();
  context.policy = &policy;
  auto report = validation::validate_certificate(request, context);
  if (!report) return print_error("certificates validate", report.error()), kExitUsage;
  if (flags.json) {
    print_json(json::certificate_validation_json(*report));
  } else {
    print_text(*report);
  }
  return report->indication == validation::Indication::kPassed ? kExitOk : kExitFindings;
}

}  // namespace

void add_certificates_commands(CLI::App& app, CommandRegistry& registry) {
  auto* certs = app.add_subcommand("certificates", "X.509 certificate validation (EN 319 102-1, RFC 5280)");
  certs->require_subcommand(1);
  auto flags = std::make_shared<ValidateFlags>();
  auto* cmd = certs->add_subcommand("validate", "Validate a certificate at a time T: path, revocation, anchor, with evidence");
  cmd->add_option("certificate", flags->certificate, "Certificate or chain, end entity first (PEM or DER)")->required();
  cmd->add_option("--intermediate", flags->intermediates, "Candidate intermediate certificates (PEM or DER), any number");
  cmd->add_option("--anchor", flags->anchors, "Trust anchor certificates (PEM or DER), any number");
  cmd->add_option("--crl", flags->crls, "CRLs (DER), any number");
  cmd->add_option("--ocsp", flags->ocsps, "OCSP responses (DER), any number");
  cmd->add_option("--at", flags->at, "Validation time (RFC 3339 or 'now'; default now)");
  cmd->add_option("--policy", flags->policy, "Validation policy TOML (docs/validation-policy.md); default built in");
  cmd->add_flag("--no-algorithm-expiry", flags->no_algorithm_expiry, "Do not apply algorithm expiry dates (PKITS)");
  add_certificate_trust_options(cmd, flags->trust);
  cmd->add_flag("--json", flags->json, "Print JSON (docs/certificate-validation.md)");
  cmd->footer(
      "Trust: the --anchor files, and the trusted lists (the store's lists in force, or with --mirror a refresh)\n"
      "when a trust source is named (--config/--store/--mirror/--oj/--lotl-url) or no --anchor is given.\n"
      "Exit codes: 0 PASSED, 1 INDETERMINATE or FAILED, 2 unusable input.\n"
      "Example: assay certificates validate ee.pem --intermediate ca.pem --anchor root.pem --crl ca.crl \\\n"
      "           --at 2020-06-01T00:00:00Z --json");
  cmd->callback([flags, &registry] { registry.set_exit_code(run_validate(*flags)); });
}

}  // namespace assay::service::cli
