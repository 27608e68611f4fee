// `assay qualify CHAIN.pem [--at T] [--json] [--timestamp]`: was the certificate qualified (QC,
// type, QSCD) at its issuance and at T, and why (TS 119 615; docs/qualification.md). Trust comes
// from the store's lists in force, re-authenticated offline, or from a mirror refresh
// (--mirror ... --oj ... --trust-time ...), exactly as `assay refresh` obtains it. Next to the
// qualification it reports the path validation of the chain at T against the same lists
// (EN 319 102-1; revocation data from --crl/--ocsp): a QC whose chain does not validate is not
// a usable QC.
#include <cstdio>
#include <memory>

#include "service/cli/certificate_inputs.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_inputs.h"
#include "service/cli/trust_source.h"
#include "service/json/certificate_validation_json.h"
#include "service/json/qualification_json.h"
#include "tsl/qualification/explain.h"
#include "tsl/qualification/qualification.h"
#include "tsl/qualification/snapshot_sources.h"
#include "tsl/refresh.h"
#include "validation/certificate_validator.h"
#include "validation/trusted_list_anchors.h"

namespace assay::service::cli {
namespace {

struct QualifyFlags {
  TrustSourceFlags source;
  std::string chain_path;
  std::string at = "now";
  bool json = false;
  bool timestamp = false;
  std::vector<std::string> crls, ocsps;
};

// The path validation of `chain` at `at` against the snapshot's trusted-list anchors.
engine::Result<validation::CertificateValidationReport> validate_path(const QualifyFlags& flags,
                                                                      const tsl::TrustSnapshotPtr& snapshot,
                                                                      const std::vector<engine::CertificatePtr>& chain,
                                                                      engine::UtcTime at) {
  auto checker = make_revocation_checker(flags.crls, flags.ocsps);
  if (!checker) return std::unexpected(checker.error());
  const auto anchors = validation::TrustedListAnchors::build(snapshot);
  validation::CertificateValidationContext context;
  context.anchors.push_back(anchors.get());
  context.revocation = checker->get();
  return validation::validate_certificate({chain, at}, context);
}

std::string path_validation_line(const validation::CertificateValidationReport& r) {
  std::string line = "Path validation at " + engine::format_utc_time(r.validation_time) + ": " +
                     std::string(validation::indication_name(r.indication));
  if (r.subindication != validation::SubIndication::kNone) line += " / " + std::string(validation::subindication_name(r.subindication));
  if (r.anchor && r.anchor->list) {
    line += " (anchor " + r.anchor->subject.rfc4514 + ", " + r.anchor->list->territory + " list #" +
            std::to_string(r.anchor->list->sequence) + ", " + r.anchor->list->service_name + ")";
  }
  return line;
}

int run_qualify(const QualifyFlags& flags) {
  auto chain = read_certificates(flags.chain_path);
  if (!chain) return print_error(flags.chain_path, chain.error()), kExitUsage;
  auto at = parse_instant(flags.at, "--at");
  if (!at) return print_error("qualify", at.error()), kExitUsage;
  auto trust = load_trust_snapshot(flags.source);
  if (!trust) return print_error("qualify", trust.error()), kExitUsage;
  const tsl::TrustSnapshot& snapshot = *trust->snapshot;
  tsl::SignatureCache cache;
  tsl::QualificationOptions options;
  options.cache = &cache;
  if (flags.timestamp) {
    const auto r = tsl::qualify_timestamp(snapshot, *chain, *at, options);
    if (flags.json) {
      print_json(json::timestamp_qualification_json(r));
    } else {
      for (const auto& s : tsl::explain(r)) std::printf("%s\n", s.c_str());
    }
    return r.qualified ? kExitOk : kExitFindings;
  }
  const auto r = tsl::qualify(snapshot, *chain, *at, options);
  // The end entity qualification found first, then the rest of the input as candidates.
  std::vector<engine::CertificatePtr> ordered;
  for (const auto& e : r.chain.elements) ordered.push_back(e.certificate);
  for (const auto& c : r.chain.unlinked) ordered.push_back(c);
  auto path = validate_path(flags, trust->snapshot, ordered.empty() ? *chain : ordered, *at);
  if (!path) return print_error("qualify", path.error()), kExitUsage;
  const bool usable = r.result.qc == tsl::QcStatus::kYes && path->indication == validation::Indication::kPassed;
  if (flags.json) {
    auto out = json::qualification_json(r);
    out["path_validation"] = json::certificate_validation_json(*path);
    out["usable_qc"] = usable;
    print_json(out);
  } else {
    std::printf("%s: QC %s, type %s, QSCD %s (at issuance: %s/%s/%s; at %s: %s/%s/%s)\n\n", r.label.c_str(),
                std::string(tsl::qc_status_name(r.result.qc)).c_str(), std::string(tsl::qc_use_name(r.result.type)).c_str(),
                std::string(tsl::qscd_status_name(r.result.qscd)).c_str(),
                std::string(tsl::qc_status_name(r.at_issuance.answer.qc)).c_str(),
                std::string(tsl::qc_use_name(r.at_issuance.answer.type)).c_str(),
                std::string(tsl::qscd_status_name(r.at_issuance.answer.qscd)).c_str(), engine::format_utc_time(*at).c_str(),
                std::string(tsl::qc_status_name(r.at_time.answer.qc)).c_str(),
                std::string(tsl::qc_use_name(r.at_time.answer.type)).c_str(),
                std::string(tsl::qscd_status_name(r.at_time.answer.qscd)).c_str());
    for (const auto& s : tsl::explain(r)) std::printf("- %s\n", s.c_str());
    std::printf("\n%s\n", path_validation_line(*path).c_str());
    for (const auto& f : path->findings) {
      std::printf("- [%s] %s: %s\n", std::string(engine::severity_name(f.severity)).c_str(), f.id.c_str(), f.message.c_str());
    }
    if (r.result.qc == tsl::QcStatus::kYes && !usable) {
      std::printf("A qualified certificate whose chain does not validate is not a usable QC.\n");
    }
  }
  // The exit code stays the qualification's (scripts rely on it); `usable_qc` combines both.
  return r.result.qc == tsl::QcStatus::kYes ? kExitOk : kExitFindings;
}

}  // namespace

void add_qualify_command(CLI::App& app, CommandRegistry& registry) {
  auto flags = std::make_shared<QualifyFlags>();
  auto* cmd = app.add_subcommand(
      "qualify", "Was a certificate qualified (QC, eSig/eSeal/web, QSCD) at issuance and at a time T, and why (TS 119 615)");
  cmd->add_option("chain", flags->chain_path, "Certificate or chain (PEM or DER; end entity found by linkage)")->required();
  cmd->add_option("--at", flags->at, "The instant to qualify at (RFC 3339 or 'now'; default now)");
  cmd->add_flag("--json", flags->json, "Print JSON (docs/qualification.md) instead of sentences");
  cmd->add_flag("--timestamp", flags->timestamp, "Qualify a TSA certificate (TSA/QTST granted at --at) instead");
  cmd->add_option("--crl", flags->crls, "CRLs (DER) for the path validation reported next to the qualification");
  cmd->add_option("--ocsp", flags->ocsps, "OCSP responses (DER) for the path validation");
  add_trust_source_options(cmd, flags->source);
  cmd->footer(
      "Trust: the store's lists in force (re-authenticated offline), or with --mirror a refresh from the mirror.\n"
      "Exit codes: 0 qualified (QC at both instants / qualified time-stamp), 1 not qualified or not applicable,\n"
      "2 usage, input or trust errors.\n"
      "Example: assay qualify samples/federation/certs/esig-qscd.pem --at 2025-06-01T00:00:00Z \\\n"
      "           --mirror samples/federation/urls.tsv --oj samples/federation/oj/old-anchor.pem \\\n"
      "           --lotl-url https://federation.assay.invalid/lotl.xml --trust-time 2026-01-15T00:00:00Z --store /tmp/s");
  cmd->callback([flags, &registry] { registry.set_exit_code(run_qualify(*flags)); });
}

}  // namespace assay::service::cli
