// Test helper: whether the top of a chain reaches a trusted-list anchor at a time ("anchor"),
// only at other times ("sunset"), or not at all ("none"), with a line of evidence.
#pragma once

#include <string>
#include <vector>

#include "engine/time.h"
#include "validation/trusted_list_anchors.h"

namespace assay::validation::testing_support {

// "anchor", "sunset" or "none" for the top of `chain` at `at`.
inline std::string anchor_verdict(const TrustedListAnchors& anchors,
                                  const std::vector<engine::CertificatePtr>& chain, engine::UtcTime at, std::string* evidence) {
  // The chain is end entity first; walk up and ask for the issuer of each element, so a chain
  // that includes its listed CA is judged on that CA (anchors_for_certificate) as well.
  for (const auto& c : chain) {
    auto found = anchors.anchors_for(*c, at);
    if (found.empty()) found = anchors.anchors_for_certificate(*c, at);
    if (!found.empty()) {
      const auto& l = *found.front().list;
      *evidence = l.territory + "#" + std::to_string(l.sequence) + " " + l.service_name + " " +
                  std::string(l.status.substr(l.status.rfind('/') + 1));
      return "anchor";
    }
  }
  for (const auto& c : chain) {
    const auto sunset = anchors.anchors_at_other_times(*c, at);
    if (!sunset.empty()) {
      const auto& l = *sunset.front().list;
      *evidence = l.service_name + " " + std::string(l.status.substr(l.status.rfind('/') + 1)) + " since " +
                  engine::format_utc_time(l.status_start);
      return "sunset";
    }
  }
  evidence->clear();
  return "none";
}

}  // namespace assay::validation::testing_support
