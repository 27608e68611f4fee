// TS 119 612 5.2-5.3 with the EU profile (Commission Implementing Decision (EU) 2015/1505 annex I
// and TS 119 612 annex D/E): the scheme information of national lists and of the LOTL.
#include <algorithm>
#include <chrono>

#include "tsl/finding_ids.h"
#include "tsl/lint/lint_ids.h"
#include "tsl/lint/rules.h"
#include "tsl/namespaces.h"

namespace assay::tsl::lint {
namespace {

using engine::Severity;
using namespace std::chrono;

constexpr std::string_view kStatusDetnPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/";
constexpr std::string_view kSchemeRulesPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/";

// TS 119 612 v2.4.1 (TSLVersionIdentifier 6) is mandatory for EU lists issued from
// 2026-04-29T00:00 CEST.
UtcTime v6_deadline() { return sys_days{year{2026} / April / 28} + hours{22}; }

// `t` plus `n` calendar months, the day clamped to the target month's last day.
UtcTime add_months(UtcTime t, int n) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  year_month ym = year_month{ymd.year(), ymd.month()} + months{n};
  const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  const year_month_day target{ym.year(), ym.month(), std::min(ymd.day(), last)};
  return sys_days{target} + (t - day);
}

bool has_english(const MultiLangString& values) {
  return std::any_of(values.begin(), values.end(), [](const LocalizedString& v) { return v.lang == "en" || v.lang == "EN"; });
}

// True when the parser already reported a finding at `path` (missing or unreadable element):
// lint does not add a second finding for the same absence.
bool parser_reported(const TrustedList& list, const std::string& path) {
  return std::any_of(list.findings.begin(), list.findings.end(), [&](const engine::Finding& f) { return f.path == path; });
}

bool contains(const MultiLangString& values, std::string_view uri) {
  return std::any_of(values.begin(), values.end(), [&](const LocalizedString& v) { return v.value == uri; });
}

void check_tag_version_sequence(const TrustedList& list, const LintOptions& o, LintFindings& out) {
  const auto& s = list.scheme;
  // TS 119 612 5.2.1: the TSLTag attribute value (absence is the parser's tsl.scheme.missing_tsl_tag).
  if (!s.tsl_tag.empty() && s.tsl_tag != ns::kTslTag) {
    add_finding(out, id::kBadTslTag, Severity::kError, "TS 119 612 5.2.1", "/TrustServiceStatusList/@TSLTag", s.tsl_tag,
                "TSLTag must be " + std::string(ns::kTslTag));
  }
  if (s.version == 5 && s.issue_date_time) {
    const std::string issued = engine::format_utc_time(*s.issue_date_time);
    if (*s.issue_date_time >= v6_deadline()) {
      add_finding(out, id::kV5IssuedAfterDeadline, Severity::kError, "TS 119 612 5.3.1",
                  scheme_path("TSLVersionIdentifier"), "5",
                  "list issued " + issued + " is version 5; version 6 is required from 2026-04-28T22:00:00Z");
    } else if (o.trust_time >= v6_deadline()) {
      add_finding(out, id::kV5InForceAfterDeadline, Severity::kWarning, "TS 119 612 5.3.1",
                  scheme_path("TSLVersionIdentifier"), "5",
                  "version 5 list (issued " + issued + ") is still the one in force at " +
                      engine::format_utc_time(o.trust_time) + ", after the v6 deadline 2026-04-28T22:00:00Z");
    }
  }
  const std::string seq_path = scheme_path("TSLSequenceNumber");
  if (s.sequence_number < 1 && !parser_reported(list, seq_path)) {
    add_finding(out, id::kBadSequenceNumber, Severity::kError, "TS 119 612 5.3.2", seq_path,
                std::to_string(s.sequence_number), "TSLSequenceNumber must be 1 or more");
  }
}

void check_type_and_operator(const TrustedList& list, LintFindings& out) {
  const auto& s = list.scheme;
  const bool lotl = list.kind() == ListKind::kLotl;
  const std::string_view expected_type = lotl ? ns::kTypeLotl : ns::kTypeEuGeneric;
  if (!s.tsl_type.empty() && s.tsl_type != expected_type) {
    add_finding(out, id::kBadTslType, Severity::kError, "TS 119 612 5.3.3", scheme_path("TSLType"), s.tsl_type,
                "TSLType of an EU " + std::string(lotl ? "list of the lists" : "national list") + " must be " +
                    std::string(expected_type));
  }
  if (!s.operator_name.empty() && !has_english(s.operator_name)) {
    add_finding(out, id::kOperatorNameNoEnglish, Severity::kError, "TS 119 612 5.3.4", scheme_path("SchemeOperatorName"),
                preferred(s.operator_name), "SchemeOperatorName has no English (xml:lang=\"en\") value");
  }
  const auto& a = s.operator_address;
  const bool english_postal = std::any_of(a.postal.begin(), a.postal.end(),
                                          [](const PostalAddress& p) { return p.lang == "en" || p.lang == "EN"; });
  const std::string address_path = scheme_path("SchemeOperatorAddress");
  if ((!english_postal || a.electronic.empty()) && !parser_reported(list, address_path)) {
    add_finding(out, id::kOperatorAddressIncomplete, Severity::kError, "TS 119 612 5.3.5", address_path,
                std::to_string(a.postal.size()) + " postal, " + std::to_string(a.electronic.size()) + " electronic",
                !english_postal ? "SchemeOperatorAddress has no English postal address"
                                : "SchemeOperatorAddress has no electronic address");
  }
  // EU profile: "XX:" followed by the scheme's name, in every language.
  if (!s.territory.empty()) {
    const std::string prefix = s.territory + ":";
    for (std::size_t i = 0; i < s.scheme_name.size(); ++i) {
      if (!s.scheme_name[i].value.starts_with(prefix)) {
        add_finding(out, id::kSchemeNameWithoutTerritory, Severity::kError, "TS 119 612 5.3.6",
                    scheme_path("SchemeName/Name") + (s.scheme_name.size() > 1 ? "[" + std::to_string(i + 1) + "]" : ""),
                    s.scheme_name[i].value, "SchemeName does not start with \"" + prefix + "\"");
      }
    }
  }
}

void check_rules_and_period(const TrustedList& list, LintFindings& out) {
  const auto& s = list.scheme;
  const bool lotl = list.kind() == ListKind::kLotl;
  const std::string approach = std::string(kStatusDetnPrefix) + (lotl ? "EUlistofthelists" : "EUappropriate");
  if (!s.status_determination_approach.empty() && s.status_determination_approach != approach) {
    add_finding(out, id::kBadStatusDetermination, Severity::kError, "TS 119 612 5.3.8",
                scheme_path("StatusDeterminationApproach"), s.status_determination_approach,
                "StatusDeterminationApproach must be " + approach);
  }
  std::vector<std::string> required;
  if (lotl) {
    required.push_back(std::string(kSchemeRulesPrefix) + "EUlistofthelists");
  } else {
    required.push_back(std::string(kSchemeRulesPrefix) + "EUcommon");
    if (!s.territory.empty()) required.push_back(std::string(kSchemeRulesPrefix) + s.territory);
  }
  const std::string rules_path = scheme_path("SchemeTypeCommunityRules");
  if (!parser_reported(list, rules_path)) {
    for (const auto& uri : required) {
      if (!contains(s.scheme_type_community_rules, uri)) {
        std::string present;
        for (const auto& v : s.scheme_type_community_rules) present += (present.empty() ? "" : " ") + v.value;
        add_finding(out, id::kMissingCommunityRule, Severity::kError, "TS 119 612 5.3.9", rules_path, present,
                    "SchemeTypeCommunityRules lacks " + uri);
      }
    }
  }
  // EU profile: history is kept forever (65535 days, the largest value).
  if (s.historical_information_period && *s.historical_information_period != 65535) {
    add_finding(out, id::kBadHistoricalPeriod, Severity::kError, "TS 119 612 5.3.12",
                scheme_path("HistoricalInformationPeriod"), std::to_string(*s.historical_information_period),
                "HistoricalInformationPeriod must be 65535 in EU lists");
  }
  if (!lotl) {
    const bool points_home = std::any_of(s.pointers.begin(), s.pointers.end(),
                                         [](const OtherTslPointer& p) { return p.tsl_type == ns::kTypeLotl; });
    if (!points_home) {
      add_finding(out, id::kNoLotlPointer, Severity::kError, "TS 119 612 5.3.13", scheme_path("PointersToOtherTSL"),
                  std::to_string(s.pointers.size()) + " pointers",
                  "national list has no OtherTSLPointer to the EU list of the lists");
    }
  }
}

void check_dates(const TrustedList& list, const LintOptions& o, LintFindings& out) {
  const auto& s = list.scheme;
  if (s.issue_date_time && *s.issue_date_time > o.trust_time) {
    add_finding(out, id::kIssuedInFuture, Severity::kError, "TS 119 612 5.3.14", scheme_path("ListIssueDateTime"),
                engine::format_utc_time(*s.issue_date_time),
                "ListIssueDateTime is after the trust time " + engine::format_utc_time(o.trust_time));
  }
  const std::string next_path = scheme_path("NextUpdate");
  if (!s.next_update) {
    // Missing element: the parser said so. An empty NextUpdate: a closed list (TS 119 612 5.3.15).
    if (!parser_reported(list, next_path) && !parser_reported(list, next_path + "/dateTime")) {
      add_finding(out, id::kClosedList, Severity::kInfo, "TS 119 612 5.3.15", next_path, "",
                  "NextUpdate is empty: the scheme is closed and this is its last list");
    }
  } else {
    const std::string next = engine::format_utc_time(*s.next_update);
    // Compared by calendar day: lists issued at a local time in summer announce the same local
    // time in winter, one hour later in UTC, and that is not what the 6-month rule is about.
    if (s.issue_date_time && floor<days>(*s.next_update) > floor<days>(add_months(*s.issue_date_time, 6))) {
      add_finding(out, id::kNextUpdateTooFar, Severity::kError, "TS 119 612 5.3.15", next_path + "/dateTime", next,
                  "NextUpdate is more than 6 months after ListIssueDateTime " +
                      engine::format_utc_time(*s.issue_date_time));
    }
    if (*s.next_update < o.trust_time) {
      add_finding(out, id::kNextUpdatePassed, Severity::kError, "TS 119 612 5.3.15", next_path + "/dateTime", next,
                  "NextUpdate has passed at the trust time " + engine::format_utc_time(o.trust_time) +
                      ": the list is stale");
    }
  }
  if (s.distribution_points.empty()) {
    add_finding(out, id::kNoDistributionPoints, Severity::kError, "TS 119 612 5.3.16", scheme_path("DistributionPoints"),
                "", "no DistributionPoints URI: relying parties cannot fetch the list");
  }
}

}  // namespace

void check_scheme(const TrustedList& list, const LintOptions& options, LintFindings& out) {
  check_tag_version_sequence(list, options, out);
  check_type_and_operator(list, out);
  check_rules_and_period(list, out);
  check_dates(list, options, out);
}

}  // namespace assay::tsl::lint
