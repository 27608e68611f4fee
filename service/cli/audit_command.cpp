// `assay audit run|verify|show` (issue 17 item 5, docs/audit.md):
//   run --suite DIR --target SPEC --out REPORT.asice [--seal-key F --seal-cert F] [--concurrency N]
//       [--retries N] [--ca-file PEM]
//       [--timeout S] [--rules F]      exit 0 no findings (conforming or not assessed), 1 findings, 2 could not run
//   verify FILE [--seal-cert F]        exit 0 intact, 1 not (the member or seal named), 2 unreadable
//   show FILE [--json]                 the campaign in a package (intact or not: said first)
//   suites generate --out DIR          the built-in suites from the sample federation
//   suites convert --from SET --out DIR [--kind K]   a conformance set as a suite
//   (run also takes --seal-tsa-key F --seal-tsa-cert F: a B-T seal from a local time-stamping unit)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "engine/file.h"
#include "engine/x509/certificate.h"
#include "service/audit/assay_target.h"
#include "service/audit/audit_report.h"
#include "service/audit/builtin_suites.h"
#include "samples/federation.h"
#include "service/audit/campaign.h"
#include "service/audit/evidence_package.h"
#include "service/audit/suite_conversion.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"

namespace assay::service::cli {
namespace {

using namespace assay::service::audit;

constexpr std::size_t kMaxPackageBytes = std::size_t{2} << 30;

struct RunFlags {
  std::string suite, target, out, seal_key, seal_cert, tsa_url, tsa_key, tsa_cert, rules;
  std::size_t concurrency = 4;
  double timeout_seconds = 30;
  int retries = 2;
  std::string ca_file;
  bool target_fetches_revocation = false;
};

struct VerifyFlags {
  std::string file, seal_cert;
  bool json = false;
};

// A one-line progress bar on stderr, only for a person watching (a terminal).
void show_progress(std::size_t done, std::size_t total, const AuditFinding& f) {
  if (isatty(STDERR_FILENO) == 0) return;
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::fprintf(stderr, "\r[%s%s] %zu/%zu %-40.40s", std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(),
               done, total, (f.case_id + " " + std::string(classification_name(f.classification))).c_str());
  if (done == total) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

engine::Result<std::string> certificate_der(const std::string& pem_file) {
  auto pem = engine::read_file(pem_file, 1 << 20);
  if (!pem) return std::unexpected(pem.error());
  auto chain = engine::Certificate::parse_pem_chain(*pem);
  if (!chain) return std::unexpected(chain.error());
  return chain->front()->der();
}

int run_audit(const RunFlags& flags) {
  auto suite = read_suite(flags.suite);
  if (!suite) return print_error("--suite", suite.error()), kExitUsage;
  RuleTable rules;
  if (!flags.rules.empty()) {
    auto text = engine::read_file(flags.rules, 1 << 20);
    if (!text) return print_error("--rules", text.error()), kExitUsage;
    auto parsed = parse_rule_table(*text, flags.rules);
    if (!parsed) return print_error("--rules", parsed.error()), kExitUsage;
    rules = std::move(*parsed);
  }
  if (flags.concurrency == 0 || flags.concurrency > 256) {
    return print_error("--concurrency", engine::Error(engine::Code::kInvalidArgument, "expected 1 to 256")), kExitUsage;
  }
  if (!(flags.timeout_seconds > 0 && flags.timeout_seconds <= 3600)) {
    return print_error("--timeout", engine::Error(engine::Code::kInvalidArgument, "expected seconds in (0, 3600]")), kExitUsage;
  }
  SealOptions seal;
  seal.key = flags.seal_key;
  seal.certificate = flags.seal_cert;
  seal.tsa_url = flags.tsa_url;
  seal.tsa_timeout = std::chrono::milliseconds(static_cast<long>(flags.timeout_seconds * 1000));
  seal.tsa_ca_bundle = flags.ca_file;
  seal.tsa_key = flags.tsa_key;
  seal.tsa_certificate = flags.tsa_cert;
  if (auto ok = check_seal(seal); !ok) return print_error("seal", ok.error()), kExitUsage;
  // The suite's trust state is loaded once: it is recorded whatever the target, and it is what
  // the in-process target validates with.
  auto trust = SuiteTrust::open(*suite);
  if (!trust) return print_error("suite trust", trust.error()), kExitUsage;
  std::shared_ptr<const SuiteTrust> shared(std::move(*trust));
  std::unique_ptr<Target> target;
  if (flags.target == "assay") {
    target = std::make_unique<AssayTarget>(shared);
  } else {
    TargetOptions options;
    options.timeout = std::chrono::milliseconds(static_cast<long>(flags.timeout_seconds * 1000));
    if (flags.retries < 0 || flags.retries > 10) {
      return print_error("--retries", engine::Error(engine::Code::kInvalidArgument, "expected 0 to 10")), kExitUsage;
    }
    options.max_attempts = 1 + flags.retries;
    options.ca_bundle = flags.ca_file;
    options.target_fetches_revocation = flags.target_fetches_revocation;
    auto made = make_target(flags.target, *suite, options);
    if (!made) return print_error("--target", made.error()), kExitUsage;
    target = std::move(*made);
  }
  // Fail before the campaign, not after it, when the package cannot be written.
  std::error_code exists_error;
  const bool out_existed = std::filesystem::exists(flags.out, exists_error);
  {
    std::ofstream probe(flags.out, std::ios::binary | std::ios::app);
    if (!probe) return print_error(flags.out, engine::Error(engine::Code::kUnavailable, "cannot write the report here")), kExitUsage;
  }
  CampaignOptions options;
  options.concurrency = flags.concurrency;
  options.rules = rules;
  options.progress = show_progress;
  const CampaignResult result = run_campaign(*suite, *target, shared->record(), options);
  auto package = write_evidence_package(result, *suite, seal);
  if (!package) {
    // No package: not even the empty file the probe above created (a TSA that failed at sealing).
    if (!out_existed) std::filesystem::remove(flags.out, exists_error);
    std::fprintf(stderr, "assay audit: no evidence package written; the campaign's %zu cases must be run again\n",
                 result.findings.size());
    return print_error("evidence package", package.error()), kExitUsage;
  }
  {
    std::ofstream out(flags.out, std::ios::binary | std::ios::trunc);
    out.write(package->data(), static_cast<std::streamsize>(package->size()));
    if (!out) return print_error(flags.out, engine::Error(engine::Code::kUnavailable, "write failed")), kExitUsage;
  }
  for (const auto& f : result.findings) {
    if (f.classification != Classification::kConforming) {
      std::printf("%s  %s  [%s] %s\n", std::string(classification_name(f.classification)).c_str(), f.case_id.c_str(),
                  f.requirement.clause.c_str(), f.explanation.c_str());
    }
  }
  std::printf("%s against %s -> %s%s\n", campaign_summary_line(result).c_str(), result.target.c_str(), flags.out.c_str(),
              flags.seal_key.empty() ? " (not sealed)" : "");
  return result.no_findings() ? kExitOk : kExitFindings;
}

int verify_audit(const VerifyFlags& flags, bool show) {
  auto bytes = engine::read_file(flags.file, kMaxPackageBytes);
  if (!bytes) return print_error(flags.file, bytes.error()), kExitUsage;
  std::optional<std::string> expected;
  if (!flags.seal_cert.empty()) {
    auto der = certificate_der(flags.seal_cert);
    if (!der) return print_error("--seal-cert", der.error()), kExitUsage;
    expected = std::move(*der);
  }
  auto check = verify_evidence_package(*bytes, expected);
  if (!check) return print_error(flags.file, check.error()), kExitUsage;
  if (show && flags.json) {
    boost::json::object out;
    out["intact"] = check->intact;
    out["failure"] = check->failure;
    out["sealed_by"] = check->sealed_by;
    out["seal_level"] = check->seal_level;
    if (check->timestamp_time) {
      out["timestamp_time"] = engine::format_utc_time(*check->timestamp_time);
      out["timestamp_tsa"] = check->timestamp_tsa;
    }
    if (check->result) out["report"] = campaign_json(*check->result, nullptr, check->sealed_by);
    print_json(out);
    return check->intact ? kExitOk : kExitFindings;
  }
  if (!check->intact) {
    std::printf("NOT INTACT: %s\n", check->failure.c_str());
    if (!show || !check->result) return kExitFindings;
    std::printf("(what follows is NOT authenticated)\n");
  } else {
    std::printf("intact: sealed by %s (%s)\n", check->sealed_by.c_str(), check->seal_level.c_str());
    if (check->timestamp_time) {
      std::printf("time-stamped %s by %s\n", engine::format_utc_time(*check->timestamp_time).c_str(), check->timestamp_tsa.c_str());
    }
  }
  const CampaignResult& r = *check->result;
  std::printf("suite %s %s (SHA-256 %s) against %s, %s to %s\n", r.suite_name.c_str(), r.suite_version.c_str(),
              r.suite_sha256.c_str(), r.target.c_str(), engine::format_utc_time(r.started).c_str(),
              engine::format_utc_time(r.finished).c_str());
  if (show) {
    for (const auto& f : r.findings) {
      std::printf("%-22s %-28s %s\n", std::string(classification_name(f.classification)).c_str(), f.case_id.c_str(),
                  f.explanation.c_str());
    }
  }
  std::printf("%s\n", campaign_summary_line(r).c_str());
  return check->intact ? kExitOk : kExitFindings;
}

int generate_suites(const std::string& out, const std::string& now_text) {
  auto now = engine::parse_utc_time(now_text);
  if (!now) return print_error("--now", engine::Error(engine::Code::kInvalidArgument, "'" + now_text + "' is not an RFC 3339 instant")), kExitUsage;
  auto written = generate_builtin_suites(out, *now);
  if (!written) return print_error(out, written.error()), kExitUsage;
  for (const auto& dir : *written) std::printf("wrote suite %s\n", dir.string().c_str());
  return kExitOk;
}

struct ConvertFlags {
  std::string from, out, kind, now = "now";
};

int convert_suite_command(const ConvertFlags& flags) {
  std::optional<ConversionKind> kind;
  if (!flags.kind.empty()) {
    auto parsed = parse_conversion_kind(flags.kind);
    if (!parsed) return print_error("--kind", parsed.error()), kExitUsage;
    kind = *parsed;
  }
  engine::Result<engine::UtcTime> now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (flags.now != "now") now = engine::parse_utc_time(flags.now);
  if (!now) return print_error("--now", engine::Error(engine::Code::kInvalidArgument, "'" + flags.now + "' is not an RFC 3339 instant")), kExitUsage;
  auto converted = convert_suite(flags.from, flags.out, kind, *now);
  if (!converted) return print_error(flags.from, converted.error()), kExitUsage;
  std::printf("wrote suite %s (%s, %d cases)\n", converted->suite.string().c_str(),
              std::string(conversion_kind_name(converted->kind)).c_str(), converted->cases);
  return kExitOk;
}

}  // namespace

void add_audit_commands(CLI::App& app, CommandRegistry& registry) {
  auto* audit = app.add_subcommand("audit", "Conformance campaigns against a validation service, sealed evidence");
  audit->require_subcommand(1);

  auto run = std::make_shared<RunFlags>();
  auto* cmd = audit->add_subcommand("run", "Run a suite against a target and write the sealed evidence package");
  cmd->add_option("--suite", run->suite, "Suite folder (docs/audit.md)")->required();
  cmd->add_option("--target", run->target,
                  "assay (in-process) | assay-http:URL (assay serve's /api/v1) | dss:BASE (DSS REST, e.g. "
                  "dss:https://host/services/rest) | siva:URL (SiVa, the parent of /validate)")
      ->required();
  cmd->add_option("--out", run->out, "The evidence package to write (ASiC-E, .asice)")->required();
  cmd->add_option("--seal-key", run->seal_key, "PEM private key that seals the package");
  cmd->add_option("--seal-cert", run->seal_cert, "PEM certificate of the seal key (+ chain)");
  cmd->add_option("--seal-tsa", run->tsa_url,
                  "RFC 3161 time-stamping service URL (http/https; --timeout and --ca-file apply): the seal becomes "
                  "XAdES-BASELINE-T; asked once before the campaign, and no package is written if it fails at sealing");
  cmd->add_option("--seal-tsa-key", run->tsa_key, "PEM key of a local time-stamping unit: the seal becomes XAdES-BASELINE-T");
  cmd->add_option("--seal-tsa-cert", run->tsa_cert, "PEM certificate (+ chain) of that time-stamping unit");
  cmd->add_option("--concurrency", run->concurrency, "Cases asked at once (default 4)");
  cmd->add_option("--timeout", run->timeout_seconds, "Seconds per request to an HTTP target (default 30)");
  cmd->add_option("--retries", run->retries, "Retries of a request after a connect failure, time-out or 5xx (default 2)");
  cmd->add_option("--ca-file", run->ca_file, "PEM trust anchors for an https target (default: the system's)");
  cmd->add_flag("--target-fetches-revocation", run->target_fetches_revocation,
               "The target fetches revocation data online (a DSS deployment; assay serve --online): cases with "
               "CRL/OCSP files are asked of dss: without them; cases with none that say no_other_revocation, or whose "
               "certificates name a CRL or OCSP URL, are not asked (Not assessed; dss:, assay-http:)");
  cmd->add_option("--rules", run->rules, "Classification rule table (TOML); default: the scheme's rules");
  cmd->footer("Exit codes: 0 no findings (every case Conforming or Not assessed), 1 findings, 2 the campaign could not run.");
  cmd->callback([run, &registry] { registry.set_exit_code(run_audit(*run)); });

  auto* suites = audit->add_subcommand("suites", "The built-in suites");
  suites->require_subcommand(1);
  auto generate = std::make_shared<std::pair<std::string, std::string>>("", samples::kDefaultNow);
  auto* g = suites->add_subcommand("generate", "Write the built-in suites (from the sample federation) into a folder");
  g->add_option("--out", generate->first, "Folder to create (must not exist or be empty)")->required();
  g->add_option("--now", generate->second, "Reference instant of the sample federation")->capture_default_str();
  g->callback([generate, &registry] { registry.set_exit_code(generate_suites(generate->first, generate->second)); });
  auto convert = std::make_shared<ConvertFlags>();
  auto* c = suites->add_subcommand("convert", "Turn a conformance set (PKITS, OCSP, DSS signatures, EU qualification) into a suite");
  c->add_option("--from", convert->from, "The conformance set's folder (with its cases.tsv)")->required();
  c->add_option("--out", convert->out, "Suite folder to create (must not exist or be empty); inputs are copied into it")->required();
  c->add_option("--kind", convert->kind, "pkits | ocsp | dss-signatures | eu-qualification (default: detected)");
  c->add_option("--now", convert->now, "Validation time of sets that say 'now' (dss-signatures), RFC 3339 (default now)");
  c->callback([convert, &registry] { registry.set_exit_code(convert_suite_command(*convert)); });

  auto verify = std::make_shared<VerifyFlags>();
  auto* v = audit->add_subcommand("verify", "Check an evidence package's seal and every member");
  v->add_option("file", verify->file, "The evidence package (.asice)")->required();
  v->add_option("--seal-cert", verify->seal_cert, "Require the seal to be by this certificate (PEM)");
  v->footer("Exit codes: 0 intact, 1 not intact (the member or the seal is named), 2 unreadable.");
  v->callback([verify, &registry] { registry.set_exit_code(verify_audit(*verify, false)); });

  auto show = std::make_shared<VerifyFlags>();
  auto* s = audit->add_subcommand("show", "Print the campaign an evidence package holds");
  s->add_option("file", show->file, "The evidence package (.asice)")->required();
  s->add_option("--seal-cert", show->seal_cert, "Require the seal to be by this certificate (PEM)");
  s->add_flag("--json", show->json, "Print report.json with the seal check");
  s->callback([show, &registry] { registry.set_exit_code(verify_audit(*show, true)); });
}

}  // namespace assay::service::cli
