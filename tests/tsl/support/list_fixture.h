// Hand-written minimal trusted lists for unit tests: a valid v6 national list whose parts can be
// replaced one at a time.
#pragma once

#include <string>

namespace assay::testing {

struct ListFixture {
  std::string version = "6";
  std::string sequence = "7";
  std::string type = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric";
  std::string territory = "XA";
  std::string issued = "2026-01-01T00:00:00Z";
  std::string next_update = "<dateTime>2026-07-01T00:00:00Z</dateTime>";
  std::string pointers;       // inner XML of PointersToOtherTSL
  std::string providers;      // inner XML of TrustServiceProviderList; default: one TSP, one service
  std::string extra_root_attributes = R"( TSLTag="http://uri.etsi.org/19612/TSLTag")";

  std::string xml() const;
};

// A TSPService element with the given current-state pieces (inner XML for extensions/history).
std::string service_xml(const std::string& type, const std::string& status, const std::string& start,
                        const std::string& extensions = "", const std::string& history = "",
                        const std::string& identity = "<DigitalId><X509SKI>AQIDBA==</X509SKI></DigitalId>");
std::string provider_xml(const std::string& name, const std::string& services);
// A Qualifications extension with one QualificationElement.
std::string qualification_xml(const std::string& qualifiers, const std::string& criteria);

}  // namespace assay::testing
