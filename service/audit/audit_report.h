// The campaign report in its two forms (issue 17 item 4): report.json for machines and
// report.html for people, written from a CampaignResult (and the suite, for the inputs by
// SHA-256), and report.json read back for `audit verify` / `audit show`. docs/audit.md shows both.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>

#include "engine/error.h"
#include "service/audit/campaign.h"
#include "service/audit/suite.h"

namespace assay::service::audit {

// "assay-audit-report/1": the report.json format version.
inline constexpr std::string_view kReportFormat = "assay-audit-report/1";

// "answered", "service_error", "timeout", "unparseable", "no_signature".
std::string_view observation_status_name(Observation::Status s) noexcept;

// `suite` may be null (no "inputs" per case then). `seal` is a sentence on how the package is
// sealed ("XAdES-BASELINE-B by CN=..." or "not sealed").
boost::json::object campaign_json(const CampaignResult& result, const Suite* suite, std::string_view seal);
std::string campaign_html(const CampaignResult& result, const Suite* suite, std::string_view seal);

// Reads report.json back (evidence files by name, without their bytes). kMalformed naming the key.
engine::Result<CampaignResult> campaign_from_json(std::string_view text);

// The closing line of a campaign: "12 cases: 10 Conforming, 1 Major non-conformity, ...".
std::string campaign_summary_line(const CampaignResult& result);

}  // namespace assay::service::audit
