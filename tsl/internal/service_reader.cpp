// TS 119 612 5.4 (TSP information) and 5.5 / 5.6 (service information and history).
#include <algorithm>
#include <map>

#include "tsl/finding_ids.h"
#include "tsl/internal/reader.h"
#include "tsl/namespaces.h"
#include "tsl/vocabulary.h"

namespace assay::tsl::internal {
namespace {

using engine::Severity;

constexpr int kMaxCriteriaDepth = 16;

// "urn:oid:1.2.3" and " 1.2.3 " are both "1.2.3".
std::string normalise_oid(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  if (s.size() > 8 && (s.compare(0, 8, "urn:oid:") == 0 || s.compare(0, 8, "URN:OID:") == 0)) s.erase(0, 8);
  return s;
}

// The OIDs in the `Identifier` grandchildren of `container` (PolicyIdentifier, KeyPurposeId,
// AttributeOID all wrap an XAdES Identifier; the namespace of that wrapper varies in practice).
std::vector<std::string> identifiers(const Node& container) {
  std::vector<std::string> out;
  for (const Node& wrapper : container.child_elements()) {
    for (const Node& id : wrapper.child_elements()) {
      if (id.local_name() == "Identifier") out.push_back(normalise_oid(id.text()));
    }
  }
  return out;
}

ServiceDigitalIdentity read_identity(Reader& reader, const Node& sdi) {
  ServiceDigitalIdentity out;
  if (!sdi) return out;
  for (const Node& id : sdi.children(ns::kTsl, "DigitalId")) {
    DigitalId d;
    const Node value = id.first_child_element();
    if (!value) continue;
    const std::string_view name = value.local_name();
    if (name == "X509Certificate") {
      d.kind = DigitalId::Kind::kX509Certificate;
      auto der = reader.base64(value);
      if (!der) continue;
      d.certificate_der = std::move(*der);
    } else if (name == "X509SubjectName") {
      d.kind = DigitalId::Kind::kX509SubjectName;
      d.subject_name = value.trimmed_text();
    } else if (name == "X509SKI") {
      d.kind = DigitalId::Kind::kX509Ski;
      auto ski = reader.base64(value);
      if (!ski) continue;
      d.ski = std::move(*ski);
    } else if (name == "KeyValue") {
      d.kind = DigitalId::Kind::kKeyValue;
      d.key_value_xml = value.path();
    } else {
      d.kind = DigitalId::Kind::kOther;
    }
    out.ids.push_back(std::move(d));
  }
  return out;
}

std::vector<KeyUsageBit> read_key_usage(Reader& reader, const Node& key_usage) {
  std::vector<KeyUsageBit> bits;
  for (const Node& bit : key_usage.children(ns::kSie, "KeyUsageBit")) {
    const std::string value = bit.trimmed_text();
    if (value != "true" && value != "false" && value != "1" && value != "0") {
      reader.report(finding::kBadKeyUsageBit, Severity::kError, "KeyUsageBit value '" + value + "' is not boolean", bit);
      continue;
    }
    bits.push_back(KeyUsageBit{bit.attribute("name").value_or(""), value == "true" || value == "1"});
  }
  return bits;
}

void read_other_criteria(Reader& reader, const Node& other, CriteriaList& out) {
  for (const Node& c : other.child_elements()) {
    if (c.local_name() == "ExtendedKeyUsage") {
      out.extended_key_usage.push_back(identifiers(c));
    } else if (c.local_name() == "CertSubjectDNAttribute") {
      out.cert_subject_dn_attributes.push_back(identifiers(c));
    } else {
      out.unknown_criteria.push_back(std::string(c.namespace_uri()) + " " + std::string(c.local_name()));
      reader.report(finding::kUnknownCriterion, Severity::kWarning,
                    "unknown criterion " + std::string(c.local_name()) + " (an unknown criterion never matches)", c);
    }
  }
}

ServiceExtensions read_extensions(Reader& reader, const Node& extensions) {
  ServiceExtensions out;
  if (!extensions) return out;
  for (const Node& ext : extensions.children(ns::kTsl, "Extension")) {
    for (const Node& content : ext.child_elements()) {
      if (content.is(ns::kTsl, "AdditionalServiceInformation")) {
        if (auto uri = reader.child_text(content, "URI", true)) {
          if (!vocabulary::is_known_additional_service_information(*uri)) {
            reader.report(finding::kUnknownAsi, Severity::kInfo, "additional service information " + *uri +
                          " is not in the TS 119 612 vocabulary", content);
          }
          out.additional_service_information.push_back(std::move(*uri));
        }
      } else if (content.is(ns::kSie, "Qualifications")) {
        for (const Node& qe : content.children(ns::kSie, "QualificationElement")) {
          QualificationElement element;
          if (const Node qualifiers = qe.child(ns::kSie, "Qualifiers")) {
            for (const Node& q : qualifiers.children(ns::kSie, "Qualifier")) {
              std::string uri = q.attribute("uri").value_or("");
              if (!vocabulary::is_known_qualifier(uri)) {
                reader.report(finding::kUnknownQualifier, Severity::kWarning,
                              "qualifier '" + uri + "' is not in the TS 119 612 vocabulary", q);
              }
              element.qualifiers.push_back(std::move(uri));
            }
          }
          if (const Node criteria = qe.child(ns::kSie, "CriteriaList")) {
            element.criteria = read_criteria_list(reader, criteria, 0);
          } else {
            reader.report(finding::kMissingElement, Severity::kError, "QualificationElement without CriteriaList", qe);
          }
          out.qualifications.push_back(std::move(element));
        }
      } else if (content.is(ns::kTsl, "ExpiredCertsRevocationInfo")) {
        out.expired_certs_revocation_info = reader.date(content);
      } else if (content.local_name() == "TakenOverBy") {
        std::string who;
        if (const Node tsp_name = content.child(ns::kTslAdditionalTypes, "TSPName")) {
          who = preferred(reader.multilang(tsp_name, "Name"));
        }
        if (const Node territory = content.child(ns::kTsl, "SchemeTerritory")) {
          who += " (" + territory.trimmed_text() + ")";
        }
        out.taken_over_by.push_back(std::move(who));
      } else {
        out.unknown_extensions.push_back(std::string(content.namespace_uri()) + " " + std::string(content.local_name()));
      }
    }
  }
  return out;
}

}  // namespace

CriteriaList read_criteria_list(Reader& reader, const Node& criteria, int depth) {
  CriteriaList out;
  const std::string assertion = criteria.attribute("assert").value_or("all");
  if (assertion == "all") {
    out.assert_ = CriteriaList::Assert::kAll;
  } else if (assertion == "atLeastOne") {
    out.assert_ = CriteriaList::Assert::kAtLeastOne;
  } else if (assertion == "none") {
    out.assert_ = CriteriaList::Assert::kNone;
  } else {
    // An assertion we cannot evaluate must not match anything: treat it as atLeastOne over
    // nothing recognisable would be wrong, so keep kAll and flag it loudly.
    reader.report(finding::kBadCriteriaAssert, Severity::kError, "unknown CriteriaList assert '" + assertion + "'",
                  criteria);
  }
  for (const Node& c : criteria.child_elements()) {
    if (c.is(ns::kSie, "KeyUsage")) {
      out.key_usage.push_back(read_key_usage(reader, c));
    } else if (c.is(ns::kSie, "PolicySet")) {
      out.policy_sets.push_back(identifiers(c));
    } else if (c.is(ns::kSie, "CriteriaList")) {
      if (depth + 1 >= kMaxCriteriaDepth) {
        reader.report(finding::kUnknownCriterion, Severity::kError, "CriteriaList nested too deeply", c);
        out.unknown_criteria.push_back("nesting limit");
        continue;
      }
      out.nested.push_back(read_criteria_list(reader, c, depth + 1));
    } else if (c.is(ns::kSie, "otherCriteriaList")) {
      read_other_criteria(reader, c, out);
    } else if (c.is(ns::kSie, "Description")) {
      out.description = c.trimmed_text();
    } else {
      out.unknown_criteria.push_back(std::string(c.namespace_uri()) + " " + std::string(c.local_name()));
      reader.report(finding::kUnknownCriterion, Severity::kWarning,
                    "unknown criterion " + std::string(c.local_name()) + " (an unknown criterion never matches)", c);
    }
  }
  return out;
}

ServiceState read_service_state(Reader& reader, const Node& element) {
  ServiceState s;
  s.type = reader.child_text(element, "ServiceTypeIdentifier", true).value_or("");
  if (!s.type.empty() && !vocabulary::is_known_service_type(s.type)) {
    reader.report(finding::kUnknownServiceType, Severity::kWarning, "service type '" + s.type + "' is not in the vocabulary",
                  element.child(ns::kTsl, "ServiceTypeIdentifier"));
  }
  s.names = reader.multilang_in(element, "ServiceName", "Name");
  if (s.names.empty()) {
    reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element ServiceName",
                  element.path() + "/ServiceName");
  }
  const Node sdi = element.child(ns::kTsl, "ServiceDigitalIdentity");
  s.identity = read_identity(reader, sdi);
  if (s.identity.ids.empty()) {
    reader.report(finding::kNoDigitalId, Severity::kError, "service has no usable digital identity",
                  element.path() + "/ServiceDigitalIdentity");
  }
  s.status = reader.child_text(element, "ServiceStatus", true).value_or("");
  if (const Node start = element.child(ns::kTsl, "StatusStartingTime")) {
    s.status_starting_time = reader.date(start);
  } else {
    reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element StatusStartingTime",
                  element.path() + "/StatusStartingTime");
  }
  if (!s.status.empty()) {
    const auto regime = vocabulary::status_regime(s.status);
    if (regime == vocabulary::Regime::kUnknown) {
      reader.report(finding::kUnknownStatus, Severity::kWarning, "status '" + s.status + "' is not in the vocabulary",
                    element.child(ns::kTsl, "ServiceStatus"));
    } else if (s.status_starting_time &&
               (regime == vocabulary::Regime::kPostEidas) != vocabulary::is_post_eidas(*s.status_starting_time)) {
      reader.report(finding::kStatusRegimeMismatch, Severity::kWarning,
                    "status " + std::string(vocabulary::short_name(s.status)) + " belongs to the other regime than its starting time " +
                        engine::format_utc_time(*s.status_starting_time),
                    element.child(ns::kTsl, "ServiceStatus"));
    }
  }
  s.extensions = read_extensions(reader, element.child(ns::kTsl, "ServiceInformationExtensions"));
  return s;
}

namespace {

void check_history_order(Reader& reader, const Node& service_element, const TspService& service) {
  std::optional<UtcTime> newer = service.current.status_starting_time;
  for (std::size_t i = 0; i < service.history.size(); ++i) {
    const auto& t = service.history[i].status_starting_time;
    if (!t || !newer) {
      newer = t;
      continue;
    }
    auto path = [&] {
      return service_element.path() + "/ServiceHistory/ServiceHistoryInstance[" + std::to_string(i + 1) + "]";
    };
    if (*t > *newer) {
      reader.report(finding::kHistoryOutOfOrder, Severity::kWarning,
                    "history instance starting " + engine::format_utc_time(*t) + " is newer than the state before it (" +
                        engine::format_utc_time(*newer) + ")", path());
    } else if (*t == *newer) {
      reader.report(finding::kHistoryDuplicateTime, Severity::kWarning,
                    "history instance has the same starting time as the newer state (" + engine::format_utc_time(*t) + ")",
                    path());
    }
    newer = t;
  }
}

// Two services of one provider are duplicates when type and every digital id are equal.
bool same_identity(const ServiceState& a, const ServiceState& b) {
  if (a.type != b.type || a.identity.ids.size() != b.identity.ids.size()) return false;
  for (std::size_t i = 0; i < a.identity.ids.size(); ++i) {
    const auto& x = a.identity.ids[i];
    const auto& y = b.identity.ids[i];
    if (x.kind != y.kind || x.certificate_der != y.certificate_der || x.subject_name != y.subject_name ||
        x.ski != y.ski) {
      return false;
    }
  }
  return true;
}

// Cheap bucket key for duplicate detection (exact comparison happens within a bucket).
std::size_t identity_hash(const ServiceState& s) {
  std::size_t h = std::hash<std::string_view>{}(s.type);
  for (const auto& id : s.identity.ids) {
    h = h * 31 + std::hash<std::string_view>{}(id.certificate_der) + std::hash<std::string_view>{}(id.subject_name) +
        std::hash<std::string_view>{}(id.ski);
  }
  return h;
}

}  // namespace

std::vector<TrustServiceProvider> read_providers(Reader& reader, const Node& provider_list) {
  std::vector<TrustServiceProvider> out;
  if (!provider_list) return out;
  for (const Node& tsp_element : provider_list.children(ns::kTsl, "TrustServiceProvider")) {
    TrustServiceProvider tsp;
    const Node info = tsp_element.child(ns::kTsl, "TSPInformation");
    if (!info) {
      reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element TSPInformation",
                    tsp_element.path() + "/TSPInformation");
    } else {
      tsp.names = reader.multilang_in(info, "TSPName", "Name");
      if (tsp.names.empty()) {
        reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element TSPName", info.path() + "/TSPName");
      }
      tsp.trade_names = reader.multilang_in(info, "TSPTradeName", "Name");
      tsp.address = reader.address(info.child(ns::kTsl, "TSPAddress"));
      tsp.information_uris = reader.multilang_in(info, "TSPInformationURI", "URI");
    }
    std::multimap<std::size_t, std::size_t> seen;  // identity hash -> index in tsp.services
    if (const Node services = tsp_element.child(ns::kTsl, "TSPServices")) {
      for (const Node& service_element : services.children(ns::kTsl, "TSPService")) {
        TspService service;
        const Node current = service_element.child(ns::kTsl, "ServiceInformation");
        if (!current) {
          reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element ServiceInformation",
                        service_element.path() + "/ServiceInformation");
          continue;
        }
        service.current = read_service_state(reader, current);
        if (const Node points = current.child(ns::kTsl, "ServiceSupplyPoints")) {
          for (const Node& p : points.children(ns::kTsl, "ServiceSupplyPoint")) service.supply_points.push_back(p.trimmed_text());
        }
        service.definition_uris = reader.multilang_in(current, "TSPServiceDefinitionURI", "URI");
        service.scheme_service_definition_uris = reader.multilang_in(current, "SchemeServiceDefinitionURI", "URI");
        if (const Node history = service_element.child(ns::kTsl, "ServiceHistory")) {
          for (const Node& h : history.children(ns::kTsl, "ServiceHistoryInstance")) {
            service.history.push_back(read_service_state(reader, h));
          }
        }
        check_history_order(reader, service_element, service);
        const std::size_t hash = identity_hash(service.current);
        const auto [first, last] = seen.equal_range(hash);
        for (auto it = first; it != last; ++it) {
          if (same_identity(tsp.services[it->second].current, service.current)) {
            reader.report(finding::kDuplicateService, Severity::kWarning,
                          "provider lists the same service type and digital identity more than once", service_element);
            break;
          }
        }
        seen.emplace(hash, tsp.services.size());
        tsp.services.push_back(std::move(service));
      }
    }
    if (tsp.services.empty()) {
      reader.report(finding::kEmptyTsp, Severity::kError, "trust service provider has no services", tsp_element);
    }
    out.push_back(std::move(tsp));
  }
  return out;
}

}  // namespace assay::tsl::internal
