// Element paths and the finding helper shared by the rule families.
#include "tsl/lint/rules.h"

namespace assay::tsl::lint {
namespace {

// "[n]" (1-based) when there are same-named siblings, as engine::xml::Node::path() writes it.
std::string index(std::size_t i, std::size_t count) {
  return count > 1 ? "[" + std::to_string(i + 1) + "]" : std::string();
}

}  // namespace

std::string scheme_path(std::string_view element) {
  return "/TrustServiceStatusList/SchemeInformation/" + std::string(element);
}

std::string tsp_path(const TrustedList& list, std::size_t tsp) {
  return "/TrustServiceStatusList/TrustServiceProviderList/TrustServiceProvider" + index(tsp, list.tsps.size());
}

std::string service_path(const TrustedList& list, std::size_t tsp, std::size_t service) {
  return tsp_path(list, tsp) + "/TSPServices/TSPService" + index(service, list.tsps[tsp].services.size());
}

std::string state_path(const TrustedList& list, std::size_t tsp, std::size_t service,
                       std::optional<std::size_t> history) {
  std::string p = service_path(list, tsp, service);
  if (!history) return p + "/ServiceInformation";
  return p + "/ServiceHistory/ServiceHistoryInstance" + index(*history, list.tsps[tsp].services[service].history.size());
}

void add_finding(LintFindings& out, const char* id, engine::Severity severity, const char* rule, std::string path,
                 std::string value, std::string message) {
  LintFinding f;
  f.id = id;
  f.severity = severity;
  f.rule = rule;
  f.path = std::move(path);
  f.value = std::move(value);
  f.message = std::move(message);
  out.push_back(std::move(f));
}

}  // namespace assay::tsl::lint
