// The sealed evidence package of a campaign (issue 17 item 4): one ASiC-E container
//   mimetype, report.html, report.json, suite/ (the suite's files), evidence/<case>/... (inputs,
//   requests, responses), META-INF/manifest.xml, META-INF/signatures001.xml
// sealed with a XAdES signature over every member (B-B; B-T with a signature time-stamp when a
// time-stamping unit is configured). `verify` checks the seal and every member and names the first that fails.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "service/audit/campaign.h"

namespace assay::service::audit {

struct SealOptions {
  std::filesystem::path key;          // PEM private key (empty: unsealed package, said so)
  std::filesystem::path certificate;  // PEM certificate of that key (+ chain)
  // A time-stamping service over HTTP (RFC 3161 3.4): the seal gets a signature time-stamp from
  // it (XAdES-BASELINE-T), checked before use (internal/remote_tsa.h). check_seal() asks it once
  // (a probe over a fixed imprint) so that a campaign does not run only to fail at sealing; if it
  // fails at sealing all the same, no package is written and the error says why.
  std::string tsa_url;
  // A local time-stamping unit (PEM key and certificate + chain): the seal gets a signature
  // time-stamp from it (XAdES-BASELINE-T). Both or neither.
  std::filesystem::path tsa_key;
  std::filesystem::path tsa_certificate;
  std::chrono::milliseconds tsa_timeout{30000};  // the service's answer, as a whole
  std::string tsa_ca_bundle;          // PEM trust anchors for an https TSA (empty: the system's)
};

// Loads the seal key and certificate and checks they belong together, so a campaign does not run
// only to fail at sealing. kInvalidArgument when they do not match; OK for an unsealed package.
// With a TSA URL, also asks the service once (its errors as request_remote_timestamp's).
engine::Result<void> check_seal(const SealOptions& seal);

// The container's bytes. kInvalidArgument when the key and the certificate do not match.
engine::Result<std::string> write_evidence_package(const CampaignResult& result, const Suite& suite,
                                                   const SealOptions& seal);

struct PackageCheck {
  bool intact = false;                 // the seal verifies and covers every member, nothing extra
  std::string failure;                 // the member or the seal that failed, and why
  std::string sealed_by;               // subject of the seal certificate
  std::string seal_level;              // "XAdES-BASELINE-B" / "XAdES-BASELINE-T" (when intact)
  std::optional<engine::UtcTime> timestamp_time;  // the signature time-stamp's genTime (B-T)
  std::string timestamp_tsa;           // subject of the TSA certificate in that token
  // Read back from report.json when it is readable: trustworthy only when `intact` (a package
  // that is not intact is still shown by `audit show`, flagged as such).
  std::optional<CampaignResult> result;
};

// `expected_certificate`: when set, a seal by any other certificate is not intact.
engine::Result<PackageCheck> verify_evidence_package(std::string_view bytes,
                                                     const std::optional<std::string>& expected_certificate_der = {});

}  // namespace assay::service::audit
