// TS 119 612 5.4 (TSP information), 5.5 (current service state) and 5.6 (history), beyond what
// the parser already reports (unknown types and statuses, regime mismatches, history order:
// those stay parser findings and are not raised again here).
#include <algorithm>
#include <cctype>

#include "tsl/lint/lint_ids.h"
#include "tsl/lint/rules.h"
#include "tsl/namespaces.h"
#include "tsl/vocabulary.h"

namespace assay::tsl::lint {
namespace {

using engine::Severity;

bool upper(char c) { return c >= 'A' && c <= 'Z'; }

// EN 319 412-1 5.1.4 registration identifiers, as TS 119 612 5.4.2 asks trade names to carry:
// a 3-letter type (VAT, NTR, PSD, LEI) + 2-letter country + '-' + the identifier, or a national
// scheme written as a 2-letter country + ':' + identifier.
bool is_registration_identifier(std::string_view v) {
  if (v.size() > 6 && upper(v[3]) && upper(v[4]) && v[5] == '-') {
    const std::string_view type = v.substr(0, 3);
    if (type == "VAT" || type == "NTR" || type == "PSD" || type == "LEI") return true;
  }
  return v.size() > 3 && upper(v[0]) && upper(v[1]) && v[2] == ':';
}

std::string service_type(const ServiceState& s) { return std::string(vocabulary::short_name(s.type)); }

void check_trade_names(const TrustedList& list, std::size_t t, LintFindings& out) {
  const auto& tsp = list.tsps[t];
  if (std::any_of(tsp.trade_names.begin(), tsp.trade_names.end(),
                  [](const LocalizedString& n) { return is_registration_identifier(n.value); })) {
    return;
  }
  std::string values;
  for (const auto& n : tsp.trade_names) values += (values.empty() ? "" : " | ") + n.value;
  add_finding(out, id::kNoRegistrationIdentifier, Severity::kWarning, "TS 119 612 5.4.2",
              tsp_path(list, t) + "/TSPInformation/TSPTradeName", values,
              "no TSPTradeName is a registration identifier such as VATXX-..., NTRXX-..., PSDXX-..., LEIXG-... "
              "(EN 319 412-1 5.1.4)");
}

void check_state(const TrustedList& list, std::size_t t, std::size_t v, std::optional<std::size_t> h,
                 const ServiceState& s, const LintOptions& o, LintFindings& out) {
  const std::string path = state_path(list, t, v, h);
  if (s.status_starting_time && *s.status_starting_time > o.trust_time) {
    add_finding(out, id::kStartInFuture, Severity::kError, h ? "TS 119 612 5.6.5" : "TS 119 612 5.5.5",
                path + "/StatusStartingTime", engine::format_utc_time(*s.status_starting_time),
                "StatusStartingTime is after the trust time " + engine::format_utc_time(o.trust_time));
  }
  const bool ca_qc = service_type(s) == "CA/QC";
  if (!s.extensions.qualifications.empty() && !ca_qc) {
    add_finding(out, id::kQualificationsNotCaQc, Severity::kError, "TS 119 612 5.5.9.2",
                path + "/ServiceInformationExtensions", s.type,
                "Qualifications extension on a " + service_type(s) + " service; only CA/QC services may carry it");
  }
}

// A granted post-eIDAS CA/QC service says for which certificate types it is qualified.
void check_usage_asi(const TrustedList& list, std::size_t t, std::size_t v, const ServiceState& s, LintFindings& out) {
  if (service_type(s) != "CA/QC" || !s.status_starting_time || !vocabulary::is_post_eidas(*s.status_starting_time) ||
      vocabulary::short_name(s.status) != "granted") {
    return;
  }
  const auto& asis = s.extensions.additional_service_information;
  const bool has_usage = std::any_of(asis.begin(), asis.end(), [](const std::string& uri) {
    const auto n = vocabulary::short_name(uri);
    return n == "ForeSignatures" || n == "ForeSeals" || n == "ForWebSiteAuthentication";
  });
  if (has_usage) return;
  std::string values;
  for (const auto& a : asis) values += (values.empty() ? "" : " ") + a;
  add_finding(out, id::kCaQcWithoutUsageAsi, Severity::kError, "TS 119 612 5.5.9.4",
              state_path(list, t, v, std::nullopt) + "/ServiceInformationExtensions", values,
              "granted CA/QC service declares none of ForeSignatures, ForeSeals, ForWebSiteAuthentication");
}

}  // namespace

void check_services(const TrustedList& list, const LintOptions& options, LintFindings& out) {
  for (std::size_t t = 0; t < list.tsps.size(); ++t) {
    check_trade_names(list, t, out);
    const auto& services = list.tsps[t].services;
    for (std::size_t v = 0; v < services.size(); ++v) {
      const auto& service = services[v];
      check_state(list, t, v, std::nullopt, service.current, options, out);
      check_usage_asi(list, t, v, service.current, out);
      for (std::size_t h = 0; h < service.history.size(); ++h) {
        check_state(list, t, v, h, service.history[h], options, out);
      }
    }
  }
}

}  // namespace assay::tsl::lint
