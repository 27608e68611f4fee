#include "tsl/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "tests/tsl/support/finding_matchers.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/finding_ids.h"

namespace assay::tsl {
namespace {

using testing::HasFinding;
using testing::ListFixture;
using testing::provider_xml;
using testing::qualification_xml;
using testing::service_xml;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::shared_ptr<const TrustedList> parse_ok(const std::string& xml) {
  auto list = parse_trusted_list(xml);
  EXPECT_TRUE(list.has_value()) << (list ? "" : list.error().message());
  return list ? *list : nullptr;
}

const ServiceState& first_service(const TrustedList& l) { return l.tsps.at(0).services.at(0).current; }

TEST(Parser, ReadsSchemeInformation) {
  auto list = parse_ok(ListFixture{}.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, IsEmpty());
  const auto& s = list->scheme;
  EXPECT_EQ(s.version, 6);
  EXPECT_EQ(s.sequence_number, 7u);
  EXPECT_EQ(s.territory, "XA");
  EXPECT_EQ(list->kind(), ListKind::kNational);
  EXPECT_EQ(engine::format_utc_time(*s.issue_date_time), "2026-01-01T00:00:00Z");
  EXPECT_EQ(engine::format_utc_time(*s.next_update), "2026-07-01T00:00:00Z");
  ASSERT_EQ(s.operator_name.size(), 2u);
  EXPECT_EQ(s.operator_name[1].lang, "fr");
  EXPECT_EQ(s.operator_name[1].value, "Opérateur");
  EXPECT_EQ(s.operator_address.postal.at(0).locality, "y");
  EXPECT_EQ(s.historical_information_period, 65535u);
  EXPECT_EQ(s.tsl_tag, "http://uri.etsi.org/19612/TSLTag");
  EXPECT_THAT(s.distribution_points, ElementsAre("https://example.invalid/tl.xml"));
  EXPECT_EQ(list->root_id, "tsl");
  EXPECT_EQ(list->sha256.size(), 64u);
  EXPECT_EQ(list->tsps.at(0).trade_names.at(0).value, "VATXA-123");
}

TEST(Parser, ClosedListHasNoNextUpdateAndNoFinding) {
  ListFixture f;
  f.next_update = "";
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_FALSE(list->scheme.next_update.has_value());
  EXPECT_THAT(list->findings, IsEmpty());
}

TEST(Parser, UnsupportedVersionIsAFinding) {
  ListFixture f;
  f.version = "4";
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, HasFinding(finding::kUnsupportedVersion));
}

TEST(Parser, MissingMandatoryElementsAreFindings) {
  std::string xml = ListFixture{}.xml();
  xml.replace(xml.find("<TSLType>"), xml.find("</TSLType>") + 10 - xml.find("<TSLType>"), "");
  auto list = parse_ok(xml);
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, HasFinding(finding::kMissingElement));
  EXPECT_EQ(list->findings.at(0).path, "/TrustServiceStatusList/SchemeInformation/TSLType");
}

TEST(Parser, BadNumbersAndDatesAreFindings) {
  ListFixture f;
  f.sequence = "seven";
  f.issued = "2026-02-30T00:00:00Z";
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, HasFinding(finding::kBadNumber));
  EXPECT_THAT(list->findings, HasFinding(finding::kBadDate));
  EXPECT_FALSE(list->scheme.issue_date_time.has_value());
}

TEST(Parser, DateWithoutZoneIsReadAsUtcAndFlagged) {
  ListFixture f;
  f.issued = "2026-01-01T10:00:00";
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, HasFinding(finding::kDateWithoutZone));
  EXPECT_EQ(engine::format_utc_time(*list->scheme.issue_date_time), "2026-01-01T10:00:00Z");
}

TEST(Parser, WrongRootIsAnError) {
  auto list = parse_trusted_list(R"(<?xml version="1.0"?><html><body>Service unavailable</body></html>)");
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().code(), engine::Code::kMalformed);
  EXPECT_NE(list.error().message().find("not a trusted list"), std::string::npos);
}

TEST(Parser, ReadsPointers) {
  ListFixture f;
  f.type = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists";
  f.pointers =
      "<OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId><X509Certificate>" +
      engine::base64_encode("not really DER") +
      "</X509Certificate></DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities>"
      "<TSLLocation>https://example.invalid/XB.xml</TSLLocation><AdditionalInformation>"
      "<OtherInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</TSLType></OtherInformation>"
      "<OtherInformation><SchemeOperatorName><Name xml:lang=\"en\">XB operator</Name></SchemeOperatorName></OtherInformation>"
      "<OtherInformation><SchemeTerritory>XB</SchemeTerritory></OtherInformation>"
      "<OtherInformation><tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType></OtherInformation>"
      "</AdditionalInformation></OtherTSLPointer>"
      "<OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId><X509Certificate>%%%</X509Certificate>"
      "</DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities><TSLLocation>https://example.invalid/XC.pdf</TSLLocation>"
      "</OtherTSLPointer>";
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind(), ListKind::kLotl);
  ASSERT_EQ(list->scheme.pointers.size(), 2u);
  const auto& p = list->scheme.pointers[0];
  EXPECT_EQ(p.location, "https://example.invalid/XB.xml");
  EXPECT_EQ(p.territory, "XB");
  EXPECT_EQ(p.mime_type, "application/vnd.etsi.tsl+xml");
  EXPECT_EQ(p.tsl_type, "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric");
  EXPECT_THAT(p.signer_certificates_der, ElementsAre("not really DER"));
  EXPECT_EQ(p.operator_names.at(0).value, "XB operator");
  EXPECT_THAT(list->findings, HasFinding(finding::kBadBase64));
  EXPECT_THAT(list->findings, HasFinding(finding::kPointerWithoutCertificates));
}

TEST(Parser, ReadsServiceStateAndIdentities) {
  ListFixture f;
  f.providers = provider_xml(
      "Good<!-- inserted -->Corp",
      service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z",
                  "<Extension Critical=\"true\"><AdditionalServiceInformation><URI xml:lang=\"en\">"
                  "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures</URI></AdditionalServiceInformation></Extension>"
                  "<Extension Critical=\"false\"><ExpiredCertsRevocationInfo>2019-05-01T00:00:00Z</ExpiredCertsRevocationInfo></Extension>"
                  "<Extension Critical=\"false\"><tslx:TakenOverBy><tslx:URI xml:lang=\"en\">https://x.invalid</tslx:URI><tslx:TSPName>"
                  "<Name xml:lang=\"en\">Successor</Name></tslx:TSPName><SchemeOperatorName><Name xml:lang=\"en\">Op</Name>"
                  "</SchemeOperatorName><SchemeTerritory>XA</SchemeTerritory></tslx:TakenOverBy></Extension>",
                  "", "<DigitalId><X509SubjectName>CN=Sample CA,C=XA</X509SubjectName></DigitalId>"
                      "<DigitalId><X509SKI>AQIDBA==</X509SKI></DigitalId>"));
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, IsEmpty());
  EXPECT_EQ(list->tsps[0].names[0].value, "GoodCorp");
  const auto& s = first_service(*list);
  EXPECT_EQ(s.type, "http://uri.etsi.org/TrstSvc/Svctype/CA/QC");
  EXPECT_EQ(s.status, "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted");
  EXPECT_EQ(engine::format_utc_time(*s.status_starting_time), "2020-01-01T00:00:00Z");
  ASSERT_EQ(s.identity.ids.size(), 2u);
  EXPECT_EQ(s.identity.ids[0].kind, DigitalId::Kind::kX509SubjectName);
  EXPECT_EQ(s.identity.ids[0].subject_name, "CN=Sample CA,C=XA");
  EXPECT_EQ(s.identity.ids[1].kind, DigitalId::Kind::kX509Ski);
  EXPECT_EQ(s.identity.ids[1].ski, std::string("\x01\x02\x03\x04"));
  EXPECT_THAT(s.extensions.additional_service_information,
              ElementsAre("http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures"));
  EXPECT_EQ(engine::format_utc_time(*s.extensions.expired_certs_revocation_info), "2019-05-01T00:00:00Z");
  EXPECT_THAT(s.extensions.taken_over_by, ElementsAre("Successor (XA)"));
}

TEST(Parser, ReadsHistoryAndFlagsDisorder) {
  const std::string h1 =
      "<ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>"
      "<ServiceName><Name xml:lang=\"en\">old</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509SKI>AQIDBA==</X509SKI>"
      "</DigitalId></ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited"
      "</ServiceStatus><StatusStartingTime>2010-01-01T00:00:00Z</StatusStartingTime></ServiceHistoryInstance>";
  const std::string h2 =
      "<ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>"
      "<ServiceName><Name xml:lang=\"en\">older</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509SKI>AQIDBA==</X509SKI>"
      "</DigitalId></ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/undersupervision"
      "</ServiceStatus><StatusStartingTime>2012-01-01T00:00:00Z</StatusStartingTime></ServiceHistoryInstance>";
  ListFixture f;
  f.providers = provider_xml("TSP", service_xml("CA/QC", "granted", "2016-07-01T00:00:00Z", "", h1 + h2));
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  const auto& service = list->tsps[0].services[0];
  ASSERT_EQ(service.history.size(), 2u);
  EXPECT_EQ(service.history[0].names[0].value, "old");
  EXPECT_EQ(list->history_instance_count(), 2u);
  EXPECT_THAT(list->findings, HasFinding(finding::kHistoryOutOfOrder));

  f.providers = provider_xml("TSP", service_xml("CA/QC", "granted", "2010-01-01T00:00:00Z", "", h1));
  list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, HasFinding(finding::kHistoryDuplicateTime));
}

TEST(Parser, FlagsUnknownVocabularyButKeepsIt) {
  ListFixture f;
  f.providers = provider_xml("TSP", service_xml("Made/Up", "madeup", "2020-01-01T00:00:00Z"));
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, HasFinding(finding::kUnknownServiceType));
  EXPECT_THAT(list->findings, HasFinding(finding::kUnknownStatus));
  EXPECT_EQ(first_service(*list).status, "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/madeup");
}

TEST(Parser, FlagsStatusOfTheWrongRegime) {
  ListFixture f;
  f.providers = provider_xml("TSP", service_xml("CA/QC", "granted", "2015-01-01T00:00:00Z"));
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, HasFinding(finding::kStatusRegimeMismatch));
}

TEST(Parser, FlagsEmptyProvidersDuplicatesAndMissingIdentity) {
  ListFixture f;
  const std::string s = service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z");
  f.providers = provider_xml("Empty", "") + provider_xml("Twice", s + s) +
                provider_xml("NoId", service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z", "", "", ""));
  auto list = parse_ok(f.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, HasFinding(finding::kEmptyTsp));
  EXPECT_THAT(list->findings, HasFinding(finding::kDuplicateService));
  EXPECT_THAT(list->findings, HasFinding(finding::kNoDigitalId));
  EXPECT_EQ(list->tsps.size(), 3u);
}

TEST(Parser, AnyPrefixesBomAndCommentsOutsideTheRoot) {
  std::string xml = ListFixture{}.xml();
  // Same document with an explicit prefix for the TSL namespace.
  std::string prefixed;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml[i] == '<' && i + 1 < xml.size() && std::isupper(static_cast<unsigned char>(xml[i + 1]))) {
      prefixed += "<tsl:";
    } else if (xml.compare(i, 2, "</") == 0 && i + 2 < xml.size() && std::isupper(static_cast<unsigned char>(xml[i + 2]))) {
      prefixed += "</tsl:";
      ++i;
    } else {
      prefixed += xml[i];
    }
  }
  prefixed.replace(prefixed.find("xmlns=\""), 7, "xmlns:tsl=\"");
  prefixed = "\xEF\xBB\xBF" + prefixed + "\n<!-- trailing comment -->\n";
  auto list = parse_ok(prefixed);
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, IsEmpty());
  EXPECT_EQ(list->scheme.territory, "XA");
  EXPECT_EQ(list->service_count(), 1u);
}

// --- Qualifications and every criteria-list form (TS 119 612 5.5.9.2) ---

const CriteriaList& criteria_of(const TrustedList& l) {
  return first_service(l).extensions.qualifications.at(0).criteria;
}

std::shared_ptr<const TrustedList> with_qualification(const std::string& qualifiers, const std::string& criteria) {
  ListFixture f;
  f.providers = provider_xml("TSP", service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z",
                                                qualification_xml(qualifiers, criteria)));
  return parse_ok(f.xml());
}

const char kQcStatement[] =
    "<sie:Qualifier uri=\"http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCStatement\"/>";

TEST(Criteria, KeyUsageWithAssertAll) {
  auto list = with_qualification(
      kQcStatement, "<sie:CriteriaList assert=\"all\"><sie:KeyUsage><sie:KeyUsageBit name=\"nonRepudiation\">true</sie:KeyUsageBit>"
                    "<sie:KeyUsageBit name=\"digitalSignature\">false</sie:KeyUsageBit></sie:KeyUsage></sie:CriteriaList>");
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, IsEmpty());
  const auto& q = first_service(*list).extensions.qualifications.at(0);
  EXPECT_THAT(q.qualifiers, ElementsAre("http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCStatement"));
  const auto& c = q.criteria;
  EXPECT_EQ(c.assert_, CriteriaList::Assert::kAll);
  ASSERT_EQ(c.key_usage.size(), 1u);
  ASSERT_EQ(c.key_usage[0].size(), 2u);
  EXPECT_EQ(c.key_usage[0][0].name, "nonRepudiation");
  EXPECT_TRUE(c.key_usage[0][0].value);
  EXPECT_FALSE(c.key_usage[0][1].value);
}

TEST(Criteria, PolicySetsWithUrnOidAndPlainOids) {
  auto list = with_qualification(
      kQcStatement,
      "<sie:CriteriaList assert=\"atLeastOne\"><sie:PolicySet><sie:PolicyIdentifier><xades:Identifier Qualifier=\"OIDAsURN\">"
      "urn:oid:0.4.0.194112.1.2</xades:Identifier></sie:PolicyIdentifier><sie:PolicyIdentifier><xades:Identifier>1.2.3"
      "</xades:Identifier></sie:PolicyIdentifier></sie:PolicySet><sie:PolicySet><sie:PolicyIdentifier><xades:Identifier>"
      "0.4.0.1456.1.1</xades:Identifier></sie:PolicyIdentifier></sie:PolicySet></sie:CriteriaList>");
  ASSERT_TRUE(list);
  const auto& c = criteria_of(*list);
  EXPECT_EQ(c.assert_, CriteriaList::Assert::kAtLeastOne);
  ASSERT_EQ(c.policy_sets.size(), 2u);
  EXPECT_THAT(c.policy_sets[0], ElementsAre("0.4.0.194112.1.2", "1.2.3"));
  EXPECT_THAT(c.policy_sets[1], ElementsAre("0.4.0.1456.1.1"));
}

TEST(Criteria, NestedListsAndNone) {
  auto list = with_qualification(
      kQcStatement,
      "<sie:CriteriaList assert=\"all\"><sie:CriteriaList assert=\"none\"><sie:PolicySet><sie:PolicyIdentifier>"
      "<xades:Identifier>1.2.3</xades:Identifier></sie:PolicyIdentifier></sie:PolicySet></sie:CriteriaList>"
      "<sie:CriteriaList assert=\"atLeastOne\"><sie:KeyUsage><sie:KeyUsageBit name=\"keyCertSign\">true</sie:KeyUsageBit>"
      "</sie:KeyUsage></sie:CriteriaList><sie:Description>nested</sie:Description></sie:CriteriaList>");
  ASSERT_TRUE(list);
  const auto& c = criteria_of(*list);
  ASSERT_EQ(c.nested.size(), 2u);
  EXPECT_EQ(c.nested[0].assert_, CriteriaList::Assert::kNone);
  EXPECT_EQ(c.nested[1].assert_, CriteriaList::Assert::kAtLeastOne);
  EXPECT_EQ(c.nested[1].key_usage.at(0).at(0).name, "keyCertSign");
  EXPECT_EQ(c.description, "nested");
}

TEST(Criteria, ExtendedKeyUsageAndSubjectAttributes) {
  auto list = with_qualification(
      kQcStatement,
      "<sie:CriteriaList assert=\"all\"><sie:otherCriteriaList><tslx:ExtendedKeyUsage><tslx:KeyPurposeId>"
      "<xades:Identifier Qualifier=\"OIDAsURN\">urn:oid:1.3.6.1.5.5.7.3.1</xades:Identifier></tslx:KeyPurposeId>"
      "<tslx:KeyPurposeId><xades:Identifier>1.3.6.1.5.5.7.3.2</xades:Identifier></tslx:KeyPurposeId></tslx:ExtendedKeyUsage>"
      "<tslx:CertSubjectDNAttribute><tslx:AttributeOID><xades:Identifier>2.5.4.97</xades:Identifier></tslx:AttributeOID>"
      "</tslx:CertSubjectDNAttribute></sie:otherCriteriaList></sie:CriteriaList>");
  ASSERT_TRUE(list);
  EXPECT_THAT(list->findings, IsEmpty());
  const auto& c = criteria_of(*list);
  ASSERT_EQ(c.extended_key_usage.size(), 1u);
  EXPECT_THAT(c.extended_key_usage[0], ElementsAre("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"));
  ASSERT_EQ(c.cert_subject_dn_attributes.size(), 1u);
  EXPECT_THAT(c.cert_subject_dn_attributes[0], ElementsAre("2.5.4.97"));
}

TEST(Criteria, EmptyListsUnknownCriteriaAndBadAssertions) {
  auto empty = with_qualification(kQcStatement, "<sie:CriteriaList assert=\"atLeastOne\"/>");
  ASSERT_TRUE(empty);
  EXPECT_EQ(criteria_of(*empty).assert_, CriteriaList::Assert::kAtLeastOne);
  EXPECT_TRUE(criteria_of(*empty).key_usage.empty());

  auto unknown = with_qualification(kQcStatement,
                                    "<sie:CriteriaList assert=\"all\"><sie:otherCriteriaList><tslx:Mystery/>"
                                    "</sie:otherCriteriaList></sie:CriteriaList>");
  ASSERT_TRUE(unknown);
  EXPECT_THAT(unknown->findings, HasFinding(finding::kUnknownCriterion));
  EXPECT_EQ(criteria_of(*unknown).unknown_criteria.size(), 1u);

  auto bad = with_qualification(kQcStatement, "<sie:CriteriaList assert=\"most\"/>");
  ASSERT_TRUE(bad);
  EXPECT_THAT(bad->findings, HasFinding(finding::kBadCriteriaAssert));

  auto bit = with_qualification(kQcStatement, "<sie:CriteriaList><sie:KeyUsage><sie:KeyUsageBit name=\"x\">maybe</sie:KeyUsageBit>"
                                              "</sie:KeyUsage></sie:CriteriaList>");
  ASSERT_TRUE(bit);
  EXPECT_THAT(bit->findings, HasFinding(finding::kBadKeyUsageBit));

  auto q = with_qualification("<sie:Qualifier uri=\"http://example.invalid/Q\"/>", "<sie:CriteriaList/>");
  ASSERT_TRUE(q);
  EXPECT_THAT(q->findings, HasFinding(finding::kUnknownQualifier));
}

}  // namespace
}  // namespace assay::tsl
