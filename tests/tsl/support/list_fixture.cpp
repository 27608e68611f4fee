#include "tests/tsl/support/list_fixture.h"

namespace assay::testing {

std::string service_xml(const std::string& type, const std::string& status, const std::string& start,
                        const std::string& extensions, const std::string& history, const std::string& identity) {
  std::string s = "<TSPService><ServiceInformation><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/" + type +
                  "</ServiceTypeIdentifier><ServiceName><Name xml:lang=\"en\">Sample " + type +
                  "</Name></ServiceName><ServiceDigitalIdentity>" + identity +
                  "</ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/" + status +
                  "</ServiceStatus><StatusStartingTime>" + start + "</StatusStartingTime>";
  if (!extensions.empty()) s += "<ServiceInformationExtensions>" + extensions + "</ServiceInformationExtensions>";
  s += "</ServiceInformation>";
  if (!history.empty()) s += "<ServiceHistory>" + history + "</ServiceHistory>";
  return s + "</TSPService>";
}

std::string provider_xml(const std::string& name, const std::string& services) {
  return "<TrustServiceProvider><TSPInformation><TSPName><Name xml:lang=\"en\">" + name +
         "</Name></TSPName><TSPTradeName><Name xml:lang=\"en\">VATXA-123</Name></TSPTradeName>"
         "<TSPAddress><PostalAddresses><PostalAddress xml:lang=\"en\"><StreetAddress>1 Sample St</StreetAddress>"
         "<Locality>Sampleton</Locality><CountryName>XA</CountryName></PostalAddress></PostalAddresses>"
         "<ElectronicAddress><URI xml:lang=\"en\">mailto:ops@example.invalid</URI></ElectronicAddress></TSPAddress>"
         "<TSPInformationURI><URI xml:lang=\"en\">https://example.invalid/</URI></TSPInformationURI>"
         "</TSPInformation><TSPServices>" +
         services + "</TSPServices></TrustServiceProvider>";
}

std::string qualification_xml(const std::string& qualifiers, const std::string& criteria) {
  return "<Extension Critical=\"true\"><sie:Qualifications><sie:QualificationElement><sie:Qualifiers>" + qualifiers +
         "</sie:Qualifiers>" + criteria + "</sie:QualificationElement></sie:Qualifications></Extension>";
}

std::string ListFixture::xml() const {
  const std::string tsps = providers.empty()
                               ? provider_xml("Sample TSP", service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z"))
                               : providers;
  return R"(<?xml version="1.0" encoding="UTF-8"?>)"
         R"(<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" xmlns:tslx="http://uri.etsi.org/02231/v2/additionaltypes#" )"
         R"(xmlns:sie="http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#" )"
         R"(xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Id="tsl")" +
         extra_root_attributes + "><SchemeInformation><TSLVersionIdentifier>" + version +
         "</TSLVersionIdentifier><TSLSequenceNumber>" + sequence + "</TSLSequenceNumber><TSLType>" + type +
         "</TSLType><SchemeOperatorName><Name xml:lang=\"en\">Sample operator</Name><Name xml:lang=\"fr\">Opérateur</Name>"
         "</SchemeOperatorName><SchemeOperatorAddress><PostalAddresses><PostalAddress xml:lang=\"en\"><StreetAddress>x</StreetAddress>"
         "<Locality>y</Locality><CountryName>XA</CountryName></PostalAddress></PostalAddresses><ElectronicAddress>"
         "<URI xml:lang=\"en\">mailto:tl@example.invalid</URI></ElectronicAddress></SchemeOperatorAddress>"
         "<SchemeName><Name xml:lang=\"en\">XA:Sample list</Name></SchemeName>"
         "<SchemeInformationURI><URI xml:lang=\"en\">https://example.invalid/tl</URI></SchemeInformationURI>"
         "<StatusDeterminationApproach>http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate</StatusDeterminationApproach>"
         "<SchemeTypeCommunityRules><URI xml:lang=\"en\">http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon</URI>"
         "</SchemeTypeCommunityRules><SchemeTerritory>" +
         territory +
         "</SchemeTerritory><PolicyOrLegalNotice><TSLLegalNotice xml:lang=\"en\">Sample</TSLLegalNotice></PolicyOrLegalNotice>"
         "<HistoricalInformationPeriod>65535</HistoricalInformationPeriod>"
         "<PointersToOtherTSL>" +
         pointers + "</PointersToOtherTSL><ListIssueDateTime>" + issued + "</ListIssueDateTime><NextUpdate>" + next_update +
         "</NextUpdate><DistributionPoints><URI>https://example.invalid/tl.xml</URI></DistributionPoints>"
         "</SchemeInformation><TrustServiceProviderList>" +
         tsps + "</TrustServiceProviderList></TrustServiceStatusList>";
}

}  // namespace assay::testing
