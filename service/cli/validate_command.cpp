// `assay validate FILE [--detached FILE]... [--at T] [--policy FILE] [--anchor FILE]... [--crl FILE]...
//  [--ocsp FILE]... [trust-source flags] [--offline|--online] [--json [--detailed]] [--etsi-report OUT.xml]`:
// EN 319 102-1 validation of every signature of a document (validation/document/document_validator.h),
// with the same trust and revocation inputs as `assay certificates validate`. Unlike that command,
// the trusted lists are a trust source only when one is named (--config/--store/--mirror/--oj/
// --lotl-url): issue 15 item 6 wants "no anchors and no trust source" to mean no trust anchors at
// all, so a good signature is INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND (said on stderr).
// Exit 0 when the document holds at least one signature or document time-stamp (an ASiC
// time-stamp token) and every signature (counter-signatures included) is TOTAL_PASSED and every
// document time-stamp PASSED; 1 otherwise (also for a document without any: nothing was shown
// valid); 2 unusable input (unreadable file, unsupported format, bad flags, unwritable report).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>

#include "engine/digest.h"
#include "engine/file.h"
#include "service/cli/certificate_inputs.h"
#include "service/cli/certificate_trust.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_inputs.h"
#include "service/config/validation_policy_toml.h"
#include "service/json/signature_validation_json.h"
#include "service/report/etsi_validation_report.h"
#include "validation/document/document_validator.h"
#include "validation/signature/document_timestamp.h"
#include "validation/explicit_anchors.h"

namespace assay::service::cli {
namespace {

// The XML parser's own document cap (docs/limits.md); detached contents get the same bound.
constexpr std::size_t kMaxDocumentBytes = std::size_t{64} << 20;

struct ValidateFlags {
  std::string document;
  std::vector<std::string> detached, anchors, crls, ocsps;
  std::string at = "now";
  std::string policy;
  CertificateTrustFlags trust;
  bool json = false;
  bool detailed = false;
  std::string etsi_report;
};

// PAdES: the revision signed, the covered byte ranges, the changes after it.
void print_pdf(const std::optional<validation::PdfSignatureDetails>& pdf, const char* in) {
  if (!pdf) return;
  std::printf("%spdf revision:        %zu of %zu (field '%s', %s)%s\n", in, pdf->revision, pdf->revisions,
              pdf->field_name.c_str(), pdf->sub_filter.c_str(),
              pdf->docmdp_p ? (", certification P=" + std::to_string(*pdf->docmdp_p)).c_str() : "");
  std::printf("%sbyte ranges:        ", in);
  for (const auto& [offset, length] : pdf->byte_ranges) std::printf(" [%lld %lld]", static_cast<long long>(offset), static_cast<long long>(length));
  std::printf("\n");
  if (pdf->modifications.empty()) std::printf("%schanges after it:    none\n", in);
  else std::printf("%schanges after it:\n", in);
  for (const auto& m : pdf->modifications) {
    std::printf("%s  - revision %zu, %s %s: %s%s%s\n", in, m.revision, m.permitted ? "permitted" : "NOT PERMITTED", m.kind.c_str(),
                m.description.c_str(),
                m.attack.empty() ? "" : " — attack class ", m.attack.c_str());
  }
}

void print_signature(const validation::SignatureValidationReport& s, const std::string& indent) {
  const char* in = indent.c_str();
  std::printf("%sindication:          %s", in, std::string(validation::main_indication_name(s.indication)).c_str());
  if (!s.subindication.empty()) std::printf(" / %s", s.subindication.c_str());
  std::printf("\n%sformat / level:      %s / %s\n", in, std::string(json::signature_format_name(s.format)).c_str(),
              s.level.empty() ? "(not recognised)" : s.level.c_str());
  std::printf("%ssigned by:           %s\n", in,
              s.signing_certificate ? s.signing_certificate->subject().rfc4514.c_str() : "(signing certificate not identified)");
  std::printf("%ssigning time:        %s\n", in,
              s.claimed_signing_time ? (engine::format_utc_time(*s.claimed_signing_time) + " (claimed by the signer)").c_str()
                                     : "(none claimed)");
  std::printf("%sbest-signature-time: %s\n", in, engine::format_utc_time(s.best_signature_time).c_str());
  std::printf("%squalification:       %s\n", in, s.qualification.label.c_str());
  std::printf("%sscope:\n", in);
  for (const auto& e : s.scope) {
    std::printf("%s  - %s [%s] %s%s%s\n", in, e.name.c_str(), e.kind.c_str(), e.description.c_str(),
                e.sha256 ? " sha256 " : "", e.sha256 ? engine::to_hex(*e.sha256).c_str() : "");
  }
  print_pdf(s.pdf, in);
  if (s.timestamps.empty()) std::printf("%stime-stamps:         none\n", in);
  else std::printf("%stime-stamps:\n", in);
  for (const auto& t : s.timestamps) {
    std::printf("%s  - %s %s: %s%s%s, genTime %s%s%s\n", in, std::string(json::timestamp_kind_name(t.kind)).c_str(),
                t.id.c_str(), std::string(validation::indication_name(t.report.indication)).c_str(),
                t.report.subindication.empty() ? "" : " / ", t.report.subindication.c_str(),
                t.report.gen_time ? engine::format_utc_time(*t.report.gen_time).c_str() : "unknown",
                t.report.qualified ? ", qualified (QTST)" : "", t.used_as_poe ? ", proof of existence" : "");
  }
  for (const auto& [title, list] : {std::pair{"errors", s.errors()}, std::pair{"warnings", s.warnings()}}) {
    if (list.empty()) continue;
    std::printf("%s%s:\n", in, title);
    for (const auto& c : list) std::printf("%s  - %s: %s\n", in, c.id.c_str(), c.message.c_str());
  }
  for (std::size_t i = 0; i < s.counter_signatures.size(); ++i) {
    const auto& c = s.counter_signatures[i];
    std::printf("%scounter-signature %zu: %s\n", in, i + 1, c.signature_id.c_str());
    print_signature(c, indent + "    ");
  }
}

// One line per document time-stamp, then what it covers and its findings.
void print_document_timestamp(const validation::DocumentTimestampResult& t, std::size_t n) {
  const auto& r = t.report;
  std::printf("\ndocument time-stamp %zu: %s [%s]: %s%s%s, genTime %s%s\n", n, t.id.c_str(), t.kind.c_str(),
              std::string(validation::indication_name(r.indication)).c_str(), r.subindication.empty() ? "" : " / ",
              r.subindication.c_str(), r.gen_time ? engine::format_utc_time(*r.gen_time).c_str() : "unknown",
              r.qualified ? ", qualified (QTST)" : "");
  std::printf("  produced by:         %s\n",
              r.tsa_certificate ? r.tsa_certificate->subject().rfc4514.c_str() : "(TSA certificate not identified)");
  print_pdf(t.pdf, "  ");
  std::printf("  covers:\n");
  for (const auto& e : t.scope) {
    std::printf("    - %s [%s]%s%s\n", e.name.c_str(), e.kind.c_str(), e.sha256 ? " sha256 " : "",
                e.sha256 ? engine::to_hex(*e.sha256).c_str() : "");
  }
  engine::Findings problems = t.findings;
  for (const auto& f : r.findings) {
    if (f.severity != engine::Severity::kInfo) problems.push_back(f);
  }
  if (problems.empty()) return;
  std::printf("  findings:\n");
  for (const auto& f : problems) {
    std::printf("    - %s %s: %s\n", std::string(engine::severity_name(f.severity)).c_str(), f.id.c_str(), f.message.c_str());
  }
}

void print_text(const validation::DocumentValidationReport& r, const std::string& file) {
  std::printf("%s: %s%zu signature(s), %zu TOTAL_PASSED", file.c_str(),
              r.container.empty() ? "" : (r.container + " container, ").c_str(), r.signatures.size(),
              r.valid_signatures());
  if (!r.timestamps.empty()) {
    const auto passed = std::count_if(r.timestamps.begin(), r.timestamps.end(), [](const validation::DocumentTimestampResult& t) {
      return t.report.indication == validation::Indication::kPassed;
    });
    std::printf(", %zu document time-stamp(s), %zu PASSED", r.timestamps.size(), static_cast<std::size_t>(passed));
  }
  std::printf("; validation time %s, policy %s\n", engine::format_utc_time(r.validation_time).c_str(), r.policy.c_str());
  for (const auto& f : r.findings) {
    if (f.severity == engine::Severity::kInfo) continue;
    std::printf("  %s %s: %s\n", std::string(engine::severity_name(f.severity)).c_str(), f.id.c_str(), f.message.c_str());
  }
  for (std::size_t i = 0; i < r.signatures.size(); ++i) {
    std::printf("\nsignature %zu: %s\n", i + 1, r.signatures[i].signature_id.c_str());
    print_signature(r.signatures[i], "  ");
  }
  for (std::size_t i = 0; i < r.timestamps.size(); ++i) print_document_timestamp(r.timestamps[i], i + 1);
}

bool all_passed(const std::vector<validation::SignatureValidationReport>& list) {
  for (const auto& s : list) {
    if (s.indication != validation::MainIndication::kTotalPassed || !all_passed(s.counter_signatures)) return false;
  }
  return true;
}

engine::Result<std::vector<validation::DetachedFile>> read_detached(const std::vector<std::string>& files) {
  std::vector<validation::DetachedFile> out;
  for (const auto& f : files) {
    auto bytes = engine::read_file(f, kMaxDocumentBytes);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context("--detached " + f));
    // The reference URI is matched against this name exactly or by its last path segment
    // (engine/xmldsig/general_verifier.h), so the path as given serves both.
    out.push_back({f, std::move(*bytes)});
  }
  return out;
}

int run_validate(const ValidateFlags& flags) {
  const char* cmd = "validate";
  if (flags.detailed && !flags.json) {
    return print_error(cmd, engine::Error(engine::Code::kInvalidArgument, "--detailed needs --json")), kExitUsage;
  }
  auto at = parse_instant(flags.at, "--at");
  if (!at) return print_error(cmd, at.error()), kExitUsage;
  auto document = engine::read_file(flags.document, kMaxDocumentBytes);
  if (!document) return print_error(flags.document, document.error()), kExitUsage;
  auto detached = read_detached(flags.detached);
  if (!detached) return print_error(cmd, detached.error()), kExitUsage;
  std::vector<std::filesystem::path> anchor_files(flags.anchors.begin(), flags.anchors.end());
  auto anchors = validation::ExplicitTrustAnchors::from_files(anchor_files);
  if (!anchors) return print_error("--anchor", anchors.error()), kExitUsage;
  // Only a named trust source loads the lists (has_explicit_anchors = true drops the
  // "no --anchor: use the lists" default of `certificates validate`).
  const bool with_lists = uses_trusted_lists(flags.trust, true);
  auto trust = open_certificate_trust(flags.trust, with_lists);
  if (!trust) return print_error("trust source", trust.error()), kExitUsage;
  if (anchors->anchors().empty() && !trust->anchors) {
    std::fprintf(stderr,
                 "assay: note: no --anchor and no trust source: validating with no trust anchor at all, so no "
                 "signature can reach TOTAL_PASSED (a good one is INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND)\n");
  }
  validation::ValidationPolicy policy = validation::default_validation_policy();
  if (!flags.policy.empty()) {
    auto loaded = config::load_validation_policy(flags.policy);
    if (!loaded) return print_error("--policy", loaded.error()), kExitUsage;
    policy = std::move(*loaded);
  }
  auto checker = make_revocation_checker(flags.crls, flags.ocsps, trust->online.get());
  if (!checker) return print_error("revocation data", checker.error()), kExitUsage;

  validation::SignatureValidationContext context;
  if (!anchors->anchors().empty()) context.certificates.anchors.push_back(&*anchors);
  if (trust->anchors) context.certificates.anchors.push_back(trust->anchors.get());
  context.certificates.online = trust->online.get();
  context.certificates.revocation = checker->get();
  context.certificates.policy = &policy;
  context.snapshot = trust->lists.snapshot.get();
  context.at = *at;
  auto report = validation::validate_document(*document, *detached, context);
  if (!report) return print_error(flags.document, report.error()), kExitUsage;

  if (!flags.etsi_report.empty()) {
    const std::string xml = report::etsi_validation_report_xml(*report);
    std::ofstream out(flags.etsi_report, std::ios::binary | std::ios::trunc);
    out << xml;
    out.close();
    if (!out) {
      return print_error("--etsi-report", engine::Error(engine::Code::kUnavailable, "cannot write " + flags.etsi_report)),
             kExitUsage;
    }
    std::fprintf(stderr, "assay: wrote the ETSI TS 119 102-2 report to %s\n", flags.etsi_report.c_str());
  }
  if (flags.json) {
    print_json(json::signature_validation_json(*report, flags.detailed));
  } else {
    print_text(*report, flags.document);
  }
  if (report->signatures.empty() && report->timestamps.empty()) {
    std::fprintf(stderr, "assay: %s: no signature found in the document (nothing to validate)\n", flags.document.c_str());
    return kExitFindings;
  }
  return all_passed(report->signatures) && validation::all_document_timestamps_passed(*report) ? kExitOk : kExitFindings;
}

}  // namespace

void add_validate_command(CLI::App& app, CommandRegistry& registry) {
  auto flags = std::make_shared<ValidateFlags>();
  auto* cmd = app.add_subcommand(
      "validate", "Validate the signatures of a document (EN 319 102-1; XAdES today), with JSON and ETSI TS 119 102-2 reports");
  cmd->add_option("file", flags->document, "The signed document (XML with XAdES / XML-DSig signatures)")->required();
  cmd->add_option("--detached", flags->detached,
                  "Detached signed content, any number; matched to a reference URI by its path or file name");
  cmd->add_option("--at", flags->at, "Validation time, the EN 319 102-1 current time (RFC 3339 or 'now'; default now)");
  cmd->add_option("--policy", flags->policy, "Validation policy TOML (docs/validation-policy.md); default built in");
  cmd->add_option("--anchor", flags->anchors, "Trust anchor certificates (PEM or DER), any number");
  cmd->add_option("--crl", flags->crls, "CRLs (DER), any number, besides those embedded in the signatures");
  cmd->add_option("--ocsp", flags->ocsps, "OCSP responses (DER), any number, besides those embedded");
  add_certificate_trust_options(cmd, flags->trust);
  cmd->add_flag("--json", flags->json, "Print the JSON report (docs/signature-validation.md) instead of text");
  cmd->add_flag("--detailed", flags->detailed,
                "With --json: add the detailed part (building blocks, constraints, certificate paths, time-stamps)");
  cmd->add_option("--etsi-report", flags->etsi_report, "Also write the ETSI TS 119 102-2 XML validation report to this file");
  cmd->footer(
      "Every signature of FILE is validated on its own (EN 319 102-1: basic, with time, long-term, archival),\n"
      "and qualified (TS 119 172-4) when trusted lists are loaded. Detached content is only read from --detached\n"
      "files; nothing a signature references is ever fetched.\n"
      "Trust: the --anchor files, plus the trusted lists when a trust source is named (--config, --store, --mirror,\n"
      "--oj, --lotl-url). With neither there is no trust anchor at all: a good signature is then INDETERMINATE /\n"
      "NO_CERTIFICATE_CHAIN_FOUND (a note says so on stderr). Revocation data: what the signatures embed, the\n"
      "--crl/--ocsp files, and with --online what the certificates point to.\n"
      "Output: a text summary per signature (indication, signer, times, qualification, scope, time-stamps,\n"
      "errors, warnings) on stdout; --json the JSON report; notes and errors on stderr only.\n"
      "Document time-stamps (an ASiC-S META-INF/timestamp.tst, an ASiCManifest / ASiCArchiveManifest time-stamp)\n"
      "are validated too and printed one per line with the files they cover.\n"
      "Exit codes: 0 every signature (counter-signatures included) TOTAL_PASSED and every document time-stamp\n"
      "PASSED; 1 any other outcome, or neither a signature nor a document time-stamp in the document;\n"
      "2 unusable input (unreadable or unsupported file, missing --detached file, bad flags, unwritable\n"
      "--etsi-report).\n"
      "Examples:\n"
      "  assay validate signed.xml --anchor signer-ca.pem --at 2026-03-01T12:00:00Z\n"
      "  assay validate sig.xml --detached invoice.pdf --anchor root.pem --crl ca.crl --json --detailed\n"
      "  assay validate signed.xml --store ~/.assay --oj oj.pem --offline --etsi-report report.xml");
  cmd->callback([flags, &registry] { registry.set_exit_code(run_validate(*flags)); });
}

}  // namespace assay::service::cli
