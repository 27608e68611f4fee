#include "samples/list_writer.h"

#include "engine/base64.h"
#include "samples/xml_writer.h"

namespace assay::samples {
namespace {

constexpr const char* kTslNs = "http://uri.etsi.org/02231/v2#";
constexpr const char* kTypeLotl = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists";
constexpr const char* kEn = "en";

using Attrs = XmlWriter::Attributes;

Attrs lang() { return {{"xml:lang", kEn}}; }

void names(XmlWriter& w, const char* wrapper, const std::string& value) {
  w.open(wrapper);
  w.element("Name", value, lang());
  w.close();
}

void uris(XmlWriter& w, const char* wrapper, const std::vector<std::string>& values) {
  w.open(wrapper);
  for (const auto& v : values) w.element("URI", v, lang());
  w.close();
}

void address(XmlWriter& w, const char* wrapper, const std::string& territory, const std::string& uri) {
  w.open(wrapper);
  w.open("PostalAddresses");
  w.open("PostalAddress", lang());
  w.element("StreetAddress", "1 Sample Street (fictitious)");
  w.element("Locality", "Sample City");
  w.element("PostalCode", "00000");
  w.element("CountryName", territory);
  w.close();
  w.close();
  w.open("ElectronicAddress");
  w.element("URI", uri, lang());
  w.close();
  w.close();
}

void criteria(XmlWriter& w, const CriteriaSpec& c) {
  w.open("sie:CriteriaList", {{"assert", c.assert_}});
  for (const auto& ku : c.key_usage) {
    w.open("sie:KeyUsage");
    for (const auto& [bit, value] : ku) w.element("sie:KeyUsageBit", value ? "true" : "false", {{"name", bit}});
    w.close();
  }
  for (const auto& set : c.policy_sets) {
    w.open("sie:PolicySet");
    for (const auto& oid : set) {
      w.open("sie:PolicyIdentifier");
      w.element("xades:Identifier", oid);
      w.close();
    }
    w.close();
  }
  for (const auto& nested : c.nested) criteria(w, nested);
  if (!c.extended_key_usage.empty()) {
    w.open("sie:otherCriteriaList");
    for (const auto& eku : c.extended_key_usage) {
      w.open("tslx:ExtendedKeyUsage");
      for (const auto& oid : eku) {
        w.open("tslx:KeyPurposeId");
        w.element("xades:Identifier", oid);
        w.close();
      }
      w.close();
    }
    w.close();
  }
  w.close();
}

void extensions(XmlWriter& w, const StateSpec& s) {
  if (s.asi.empty() && s.qualifications.empty() && s.expired_certs_revocation_info.empty()) return;
  w.open("ServiceInformationExtensions");
  for (const auto& asi : s.asi) {
    w.open("Extension", {{"Critical", "true"}});
    w.open("AdditionalServiceInformation");
    w.element("URI", extension_uri(asi), lang());
    w.close();
    w.close();
  }
  if (!s.qualifications.empty()) {
    w.open("Extension", {{"Critical", "true"}});
    w.open("sie:Qualifications");
    for (const auto& q : s.qualifications) {
      w.open("sie:QualificationElement");
      w.open("sie:Qualifiers");
      for (const auto& name : q.qualifiers) w.empty("sie:Qualifier", {{"uri", extension_uri(name)}});
      w.close();
      criteria(w, q.criteria);
      w.close();
    }
    w.close();
    w.close();
  }
  if (!s.expired_certs_revocation_info.empty()) {
    w.open("Extension", {{"Critical", "false"}});
    w.element("ExpiredCertsRevocationInfo", s.expired_certs_revocation_info);
    w.close();
  }
  w.close();
}

void identity(XmlWriter& w, const IdentityDoc& id) {
  w.open("ServiceDigitalIdentity");
  if (!id.certificate_der.empty()) {
    w.open("DigitalId");
    w.element("X509Certificate", engine::base64_encode(id.certificate_der));
    w.close();
  } else {
    w.open("DigitalId");
    w.element("X509SKI", engine::base64_encode(id.ski));
    w.close();
  }
  w.close();
}

void state(XmlWriter& w, const char* element, const ServiceDoc& service, const StateSpec& s) {
  w.open(element);
  w.element("ServiceTypeIdentifier", service_type_uri(s.type));
  names(w, "ServiceName", service.spec.name);
  identity(w, service.identity);
  w.element("ServiceStatus", status_uri(s.status));
  w.element("StatusStartingTime", s.start);
  if (std::string(element) == "ServiceInformation") {
    w.open("ServiceSupplyPoints");
    w.element("ServiceSupplyPoint", std::string("https://federation.assay.invalid/services/") + service.spec.id);
    w.close();
    uris(w, "TSPServiceDefinitionURI", {std::string("https://federation.assay.invalid/services/") + service.spec.id + "/policy"});
  }
  extensions(w, s);
  w.close();
}

void pointer(XmlWriter& w, const PointerDoc& p) {
  w.open("OtherTSLPointer");
  w.open("ServiceDigitalIdentities");
  for (const auto& der : p.certificates_der) {
    w.open("ServiceDigitalIdentity");
    w.open("DigitalId");
    w.element("X509Certificate", engine::base64_encode(der));
    w.close();
    w.close();
  }
  w.close();
  w.element("TSLLocation", p.location);
  w.open("AdditionalInformation");
  w.open("OtherInformation");
  w.element("TSLType", p.tsl_type);
  w.close();
  w.open("OtherInformation");
  w.element("SchemeTerritory", p.territory);
  w.close();
  w.open("OtherInformation");
  w.element("tslx:MimeType", p.mime_type);
  w.close();
  w.open("OtherInformation");
  names(w, "SchemeOperatorName", p.operator_name);
  w.close();
  w.open("OtherInformation");
  uris(w, "SchemeTypeCommunityRules", {p.community_rules});
  w.close();
  w.close();
  w.close();
}

}  // namespace

std::string status_uri(const std::string& short_name) {
  return "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/" + short_name;
}
std::string service_type_uri(const std::string& short_name) { return "http://uri.etsi.org/TrstSvc/Svctype/" + short_name; }
std::string extension_uri(const std::string& short_name) {
  return "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/" + short_name;
}

std::string write_list(const SchemeDoc& scheme, const std::string& tsp_name, const std::vector<ServiceDoc>& services) {
  const bool lotl = scheme.tsl_type == kTypeLotl;
  XmlWriter w;
  w.open("TrustServiceStatusList", {{"xmlns", kTslNs},
                                    {"xmlns:tslx", "http://uri.etsi.org/02231/v2/additionaltypes#"},
                                    {"xmlns:sie", "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"},
                                    {"xmlns:xades", "http://uri.etsi.org/01903/v1.3.2#"},
                                    {"Id", "sample-tsl-" + scheme.territory},
                                    {"TSLTag", "http://uri.etsi.org/19612/TSLTag"}});
  // TS 119 612 5.3: scheme information, in schema order.
  w.open("SchemeInformation");
  w.element("TSLVersionIdentifier", "6");
  w.element("TSLSequenceNumber", std::to_string(scheme.sequence));
  w.element("TSLType", scheme.tsl_type);
  names(w, "SchemeOperatorName", scheme.operator_name);
  address(w, "SchemeOperatorAddress", scheme.territory == "EU" ? "XE" : scheme.territory,
          "mailto:operator-" + scheme.territory + "@federation.assay.invalid");
  names(w, "SchemeName", scheme.territory + ":Sample trusted list for tests and demonstrations (not a real scheme)");
  uris(w, "SchemeInformationURI", scheme.scheme_information_uris);
  w.element("StatusDeterminationApproach", lotl ? "http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUlistofthelists"
                                                : "http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate");
  if (lotl) {
    uris(w, "SchemeTypeCommunityRules", {"http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUlistofthelists"});
  } else {
    uris(w, "SchemeTypeCommunityRules", {"http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon",
                                         "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/" + scheme.territory});
  }
  w.element("SchemeTerritory", scheme.territory);
  w.open("PolicyOrLegalNotice");
  w.element("TSLLegalNotice", "Sample data generated by assay for tests; it carries no legal meaning.", lang());
  w.close();
  w.element("HistoricalInformationPeriod", "65535");
  w.open("PointersToOtherTSL");
  for (const auto& p : scheme.pointers) pointer(w, p);
  w.close();
  w.element("ListIssueDateTime", engine::format_utc_time(scheme.issue));
  w.open("NextUpdate");
  if (scheme.next_update) w.element("dateTime", engine::format_utc_time(*scheme.next_update));
  w.close();
  w.open("DistributionPoints");
  w.element("URI", scheme.distribution_point);
  w.close();
  w.close();

  if (!lotl) {
    w.open("TrustServiceProviderList");
    w.open("TrustServiceProvider");
    w.open("TSPInformation");
    names(w, "TSPName", tsp_name);
    names(w, "TSPTradeName", "VATZZ-SAMPLE-" + scheme.territory);
    address(w, "TSPAddress", scheme.territory, "https://federation.assay.invalid/tsp/" + scheme.territory);
    uris(w, "TSPInformationURI", {"https://federation.assay.invalid/tsp/" + scheme.territory});
    w.close();
    w.open("TSPServices");
    for (const auto& service : services) {
      w.open("TSPService");
      state(w, "ServiceInformation", service, service.spec.current);
      if (!service.spec.history.empty()) {
        w.open("ServiceHistory");
        for (const auto& h : service.spec.history) state(w, "ServiceHistoryInstance", service, h);
        w.close();
      }
      w.close();
    }
    w.close();
    w.close();
    w.close();
  }
  w.close();
  return w.str();
}

}  // namespace assay::samples
