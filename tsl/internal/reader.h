// Shared helpers for building the trusted-list model from a parsed tree: typed reads that turn
// every problem into a finding and keep going.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/finding.h"
#include "engine/xml/document.h"
#include "tsl/trusted_list.h"

namespace assay::tsl::internal {

using engine::xml::Node;

class Reader {
 public:
  explicit Reader(engine::Findings& findings) : findings_(findings) {}

  void report(const char* id, engine::Severity severity, std::string message, const Node& at);
  void report(const char* id, engine::Severity severity, std::string message, std::string path);

  // The trimmed text of child `local` (TSL namespace unless `ns` is given). When absent and
  // `required`, a missing-element finding names the child under `parent`.
  std::optional<std::string> child_text(const Node& parent, std::string_view local, bool required,
                                        std::string_view ns = {});
  // Children named `local` (each with xml:lang) as a multilingual string.
  MultiLangString multilang(const Node& parent, std::string_view local, std::string_view ns = {});
  // A child container `container` holding `item` elements (e.g. SchemeName/Name).
  MultiLangString multilang_in(const Node& parent, std::string_view container, std::string_view item);
  // An xsd:dateTime element's value; findings for unparsable values or a missing zone.
  std::optional<UtcTime> date(const Node& element);
  std::optional<std::uint64_t> number(const Node& element);
  // Decodes base64 element text; a finding and nullopt when it is not base64.
  std::optional<std::string> base64(const Node& element);
  // The `URI` children of a container such as DistributionPoints.
  std::vector<std::string> uris(const Node& container);

  Address address(const Node& address_element);

 private:
  engine::Findings& findings_;
};

// Parses providers and their services (TrustServiceProviderList).
std::vector<TrustServiceProvider> read_providers(Reader& reader, const Node& provider_list);

// Parses one ServiceInformation or ServiceHistoryInstance.
ServiceState read_service_state(Reader& reader, const Node& state_element);

// Parses a sie:CriteriaList (recursively).
CriteriaList read_criteria_list(Reader& reader, const Node& criteria_element, int depth);

}  // namespace assay::tsl::internal
