#include "tsl/lint/linter.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "engine/xmldsig/verifier.h"
#include "tsl/finding_ids.h"
#include "tsl/lint/lint_ids.h"
#include "tsl/lint/rules.h"

namespace assay::tsl::lint {
namespace {

using engine::Severity;

// 1-based index of `segment` in `path` ("Segment[n]" or "Segment" alone = 1), 0 when absent.
int segment_index(std::string_view path, std::string_view segment) {
  const std::string needle = "/" + std::string(segment);
  for (std::size_t at = path.find(needle); at != std::string_view::npos; at = path.find(needle, at + 1)) {
    const std::size_t end = at + needle.size();
    if (end == path.size() || path[end] == '/') return 1;
    if (path[end] == '[') return std::atoi(std::string(path.substr(end + 1)).c_str());
  }
  return 0;
}

LintFinding from_engine(const engine::Finding& f) {
  LintFinding out;
  out.id = f.id;
  out.severity = f.severity;
  out.rule = std::string(parser_rule(f.id));
  out.path = f.path;
  out.message = f.message;
  return out;
}

// The signature facts of a list pointed to by a LOTL in the same run.
PointedList signature_of(const LoadedList& loaded) {
  PointedList p;
  p.source = loaded.url;
  p.list = loaded.list.get();
  auto report = engine::xmldsig::verify_enveloped_signature(*loaded.document);
  if (!report) {
    p.signature_problem = report.error().message();
    return p;
  }
  p.signature_valid = report->valid();
  p.signature_problem = report->message;
  if (!report->signer_certificate.empty()) {
    if (auto signer = engine::Certificate::parse_der(report->signer_certificate)) p.signer = *signer;
  }
  return p;
}

void add_authentication(LintedList& out, const LoadedList& loaded, const LintListsOptions& options) {
  out.authentication = authenticate_list(loaded, *options.signers, options.rules.trust_time);
  for (const auto& f : out.authentication->findings) {
    // Freshness is judged by lint.scheme.next_update_passed / issued_in_future (as errors).
    if (f.id == finding::kExpired || f.id == finding::kIssuedAfterTrustTime) continue;
    out.findings.push_back(from_engine(f));
  }
  if (!out.authentication->authenticated()) {
    add_finding(out.findings, id::kNotAuthenticated, Severity::kError, "TS 119 612 5.7.1", "/TrustServiceStatusList",
                std::string(auth_status_name(out.authentication->status)),
                "list does not authenticate against the given signers: " + out.authentication->detail);
  }
}

// Drops repeats (same id and path), fills tsp/service, and orders list-level findings first,
// then by provider and service, keeping the rule order within each group.
void finish(LintFindings& findings) {
  std::set<std::pair<std::string, std::string>> seen;
  LintFindings unique;
  for (auto& f : findings) {
    if (!seen.emplace(f.id, f.path).second) continue;
    f.tsp = segment_index(f.path, "TrustServiceProvider");
    f.service = f.tsp ? segment_index(f.path, "TSPService") : 0;
    unique.push_back(std::move(f));
  }
  std::stable_sort(unique.begin(), unique.end(), [](const LintFinding& a, const LintFinding& b) {
    return std::pair(a.tsp, a.service) < std::pair(b.tsp, b.service);
  });
  findings = std::move(unique);
}

}  // namespace

bool LintedList::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const LintFinding& f) { return f.severity == Severity::kError; });
}

std::string_view parser_rule(std::string_view finding_id) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kRules = {{
      {finding::kMissingElement, "TS 119 612 5"},
      {finding::kUnsupportedVersion, "TS 119 612 5.3.1"},
      {finding::kBadNumber, "TS 119 612 5.3"},
      {finding::kBadDate, "TS 119 612 5.1.5"},
      {finding::kDateWithoutZone, "TS 119 612 5.1.5"},
      {finding::kBadBase64, "TS 119 612 5.5.3"},
      {finding::kUnknownTslType, "TS 119 612 5.3.3"},
      {finding::kMissingTslTag, "TS 119 612 5.2.1"},
      {finding::kPointerWithoutLocation, "TS 119 612 5.3.13"},
      {finding::kPointerWithoutCertificates, "TS 119 612 5.3.13"},
      {finding::kEmptyTsp, "TS 119 612 5.4"},
      {finding::kUnknownServiceType, "TS 119 612 5.5.1"},
      {finding::kUnknownStatus, "TS 119 612 5.5.4"},
      {finding::kStatusRegimeMismatch, "TS 119 612 5.5.4"},
      {finding::kHistoryOutOfOrder, "TS 119 612 5.6"},
      {finding::kHistoryDuplicateTime, "TS 119 612 5.6"},
      {finding::kDuplicateService, "TS 119 612 5.5"},
      {finding::kNoDigitalId, "TS 119 612 5.5.3"},
      {finding::kUnknownQualifier, "TS 119 612 5.5.9.2"},
      {finding::kUnknownAsi, "TS 119 612 5.5.9.4"},
      {finding::kUnknownCriterion, "TS 119 612 5.5.9.2"},
      {finding::kBadCriteriaAssert, "TS 119 612 5.5.9.2"},
      {finding::kBadKeyUsageBit, "TS 119 612 5.5.9.2"},
      {finding::kSignerNotTrusted, "TS 119 612 5.7.1"},
      {finding::kSignerExpiredAtTrustTime, "TS 119 612 5.7.1"},
      {finding::kV6WithoutSigningCertificateV2, "TS 119 612 5.7.1"},
      {finding::kTerritoryMismatch, "TS 119 612 5.3.10"},
  }};
  for (const auto& [id, rule] : kRules) {
    if (id == finding_id) return rule;
  }
  if (finding_id.starts_with("xmldsig.") || finding_id.starts_with("tsl.auth.")) return "TS 119 612 5.7.1";
  return {};
}

std::vector<LintedList> lint_lists(std::span<const LoadedList> lists, const LintListsOptions& options) {
  std::vector<LintedList> out;
  out.reserve(lists.size());
  for (const auto& loaded : lists) {
    LintedList l;
    l.source = loaded.url;
    l.list = loaded.list;
    for (const auto& f : loaded.list->findings) l.findings.push_back(from_engine(f));
    const auto& list = *loaded.list;
    check_scheme(list, options.rules, l.findings);
    check_languages(list, l.findings);
    check_services(list, options.rules, l.findings);
    check_qualifiers(list, l.findings);
    check_certificates(list, options.rules, l.findings);
    out.push_back(std::move(l));
  }
  // LOTL pointers against the pointed lists of this run (signatures verified once per list).
  const bool any_lotl = std::any_of(lists.begin(), lists.end(),
                                    [](const LoadedList& l) { return l.list->kind() == ListKind::kLotl; });
  if (any_lotl) {
    std::vector<PointedList> pointed;
    for (const auto& loaded : lists) {
      if (loaded.list->kind() != ListKind::kLotl && loaded.document) pointed.push_back(signature_of(loaded));
    }
    for (std::size_t i = 0; i < lists.size(); ++i) {
      if (lists[i].list->kind() == ListKind::kLotl) check_pointers(*lists[i].list, pointed, options.rules, out[i].findings);
    }
  }
  for (std::size_t i = 0; i < lists.size(); ++i) {
    if (options.signers) add_authentication(out[i], lists[i], options);
    finish(out[i].findings);
  }
  return out;
}

}  // namespace assay::tsl::lint
