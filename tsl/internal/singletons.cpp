#include "tsl/internal/singletons.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "tsl/finding_ids.h"
#include "tsl/namespaces.h"

namespace assay::tsl::internal {
namespace {

using engine::Severity;

// TS 119 612 Annex C: children declared with the default maxOccurs of 1, per parent type.
constexpr std::array<std::string_view, 3> kRoot{"SchemeInformation", "TrustServiceProviderList", "Signature"};
constexpr std::array<std::string_view, 17> kSchemeInformation{
    "TSLVersionIdentifier", "TSLSequenceNumber", "TSLType", "SchemeOperatorName", "SchemeOperatorAddress",
    "SchemeName", "SchemeInformationURI", "StatusDeterminationApproach", "SchemeTypeCommunityRules",
    "SchemeTerritory", "PolicyOrLegalNotice", "HistoricalInformationPeriod", "PointersToOtherTSL",
    "ListIssueDateTime", "NextUpdate", "DistributionPoints", "SchemeExtensions"};
constexpr std::array<std::string_view, 3> kPointer{"ServiceDigitalIdentities", "TSLLocation", "AdditionalInformation"};
constexpr std::array<std::string_view, 2> kProvider{"TSPInformation", "TSPServices"};
constexpr std::array<std::string_view, 5> kTspInformation{"TSPName", "TSPTradeName", "TSPAddress",
                                                          "TSPInformationURI", "TSPInformationExtensions"};
constexpr std::array<std::string_view, 2> kService{"ServiceInformation", "ServiceHistory"};
constexpr std::array<std::string_view, 9> kServiceInformation{
    "ServiceTypeIdentifier", "ServiceName", "ServiceDigitalIdentity", "ServiceStatus", "StatusStartingTime",
    "SchemeServiceDefinitionURI", "ServiceSupplyPoints", "TSPServiceDefinitionURI", "ServiceInformationExtensions"};
constexpr std::array<std::string_view, 6> kHistoryInstance{"ServiceTypeIdentifier", "ServiceName",
                                                           "ServiceDigitalIdentity", "ServiceStatus",
                                                           "StatusStartingTime", "ServiceInformationExtensions"};

// The scheme values authentication and the refresh decide on (version, sequence, type,
// territory, dates), plus the two containers whose first copy is the one interpreted.
constexpr std::array<std::string_view, 8> kReliedOn{"TSLVersionIdentifier", "TSLSequenceNumber", "TSLType",
                                                    "SchemeTerritory",      "ListIssueDateTime", "NextUpdate",
                                                    "SchemeInformation",    "TrustServiceProviderList"};

template <std::size_t N>
void check(Reader& reader, const Node& parent, const std::array<std::string_view, N>& names,
           std::vector<std::string>* relied) {
  std::map<std::string_view, int> counts;
  for (const Node& child : parent.child_elements()) {
    const auto name = child.local_name();
    const bool ours = child.namespace_uri() == ns::kTsl || (name == "Signature" && child.namespace_uri() == ns::kDs);
    if (ours && std::find(names.begin(), names.end(), name) != names.end()) ++counts[name];
  }
  for (const auto& [name, n] : counts) {
    if (n < 2) continue;
    reader.report(finding::kDuplicateElement, Severity::kError,
                  std::string(name) + " occurs " + std::to_string(n) +
                      " times; TS 119 612 allows it once (the first is the one read)",
                  parent.path() + "/" + std::string(name));
    if (relied != nullptr && std::find(kReliedOn.begin(), kReliedOn.end(), name) != kReliedOn.end()) {
      relied->emplace_back(name);
    }
  }
}

void check_service_parts(Reader& reader, const Node& service) {
  check(reader, service, kService, nullptr);
  if (const Node info = service.child(ns::kTsl, "ServiceInformation")) check(reader, info, kServiceInformation, nullptr);
  if (const Node history = service.child(ns::kTsl, "ServiceHistory")) {
    for (const Node& instance : history.children(ns::kTsl, "ServiceHistoryInstance")) {
      check(reader, instance, kHistoryInstance, nullptr);
    }
  }
}

}  // namespace

std::vector<std::string> check_singletons(Reader& reader, const Node& root) {
  std::vector<std::string> relied;
  check(reader, root, kRoot, &relied);
  if (const Node si = root.child(ns::kTsl, "SchemeInformation")) {
    check(reader, si, kSchemeInformation, &relied);
    if (const Node pointers = si.child(ns::kTsl, "PointersToOtherTSL")) {
      for (const Node& p : pointers.children(ns::kTsl, "OtherTSLPointer")) check(reader, p, kPointer, nullptr);
    }
  }
  if (const Node providers = root.child(ns::kTsl, "TrustServiceProviderList")) {
    for (const Node& tsp : providers.children(ns::kTsl, "TrustServiceProvider")) {
      check(reader, tsp, kProvider, nullptr);
      if (const Node info = tsp.child(ns::kTsl, "TSPInformation")) check(reader, info, kTspInformation, nullptr);
      if (const Node services = tsp.child(ns::kTsl, "TSPServices")) {
        for (const Node& service : services.children(ns::kTsl, "TSPService")) check_service_parts(reader, service);
      }
    }
  }
  return relied;
}

}  // namespace assay::tsl::internal
