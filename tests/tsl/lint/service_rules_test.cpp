// Service and qualifier rules on a conformant fixture with one rule broken per test.
#include <cctype>
#include <ostream>
#include <string>

#include "tests/tsl/lint/lint_test_support.h"
#include "tsl/finding_ids.h"

namespace assay::testing {
namespace {

namespace id = tsl::lint::id;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

ListFixture with_services(const std::string& services) {
  auto f = clean_fixture();
  f.providers = provider_xml("Sample TSP", services);
  return f;
}

std::string caqc_with_qualifiers(const std::string& qualifiers, const std::string& asis = asi_xml("ForeSignatures")) {
  return clean_service(asis + qualification_xml(qualifiers, R"(<sie:CriteriaList assert="all"/>)"));
}

TEST(LintServices, TradeNameWithoutRegistrationIdentifierIsAWarning) {
  const auto l = lint_xml(xml_of(clean_fixture(), "VATXA-123", "Sample Trading"));
  EXPECT_THAT(ids(l), ElementsAre(id::kNoRegistrationIdentifier));
  EXPECT_EQ(find(l, id::kNoRegistrationIdentifier)->severity, engine::Severity::kWarning);
  EXPECT_EQ(find(l, id::kNoRegistrationIdentifier)->tsp, 1);
  for (const char* good : {"NTRXA-42", "PSDXA-BANK-1", "LEIXG-5299001", "XA:12345"}) {
    EXPECT_THAT(ids(lint_xml(xml_of(clean_fixture(), "VATXA-123", good))), IsEmpty()) << good;
  }
}

TEST(LintServices, StatusStartingInTheFuture) {
  const auto l = lint_xml(xml_of(with_services(service_xml("CA/QC", "granted", "2026-06-01T00:00:00Z",
                                                           asi_xml("ForeSignatures"), "", certificate_id(ca_certificate())))));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kStartInFuture));
  EXPECT_EQ(find(l, id::kStartInFuture)->service, 1);
  EXPECT_EQ(find(l, id::kStartInFuture)->path,
            "/TrustServiceStatusList/TrustServiceProviderList/TrustServiceProvider/TSPServices/TSPService/"
            "ServiceInformation/StatusStartingTime");
}

TEST(LintServices, QualificationsOnATsaService) {
  engine::CertificateSpec spec;
  spec.ca = false;
  spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature});
  spec.extended_key_usages = {"1.3.6.1.5.5.7.3.8"};
  const auto tsa = make_certificate(spec);
  const auto l = lint_xml(xml_of(with_services(service_xml(
      "TSA/QTST", "granted", "2020-01-01T00:00:00Z",
      qualification_xml(qualifier("QCStatement"), R"(<sie:CriteriaList assert="all"/>)"), "", certificate_id(tsa)))));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kQualificationsNotCaQc));
}

TEST(LintServices, GrantedCaQcWithoutUsageAsi) {
  EXPECT_THAT(error_ids(lint_xml(xml_of(with_services(clean_service(""))))), ElementsAre(id::kCaQcWithoutUsageAsi));
  // A withdrawn service need not say it.
  const auto withdrawn = service_xml("CA/QC", "withdrawn", "2020-01-01T00:00:00Z", "", "", certificate_id(ca_certificate()));
  EXPECT_THAT(error_ids(lint_xml(xml_of(with_services(withdrawn)))), IsEmpty());
}

// History order is the parser's rule: lint reports its finding once and adds none of its own.
TEST(LintServices, HistoryOrderIsTheParserFinding) {
  const auto cert = certificate_id(ca_certificate());
  const std::string history =
      "<ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>"
      "<ServiceName><Name xml:lang=\"en\">Old</Name></ServiceName><ServiceDigitalIdentity>" + cert +
      "</ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn</ServiceStatus>"
      "<StatusStartingTime>2021-01-01T00:00:00Z</StatusStartingTime></ServiceHistoryInstance>";
  const auto l = lint_xml(xml_of(with_services(service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z",
                                                           asi_xml("ForeSignatures"), history, cert))));
  EXPECT_THAT(ids(l), ElementsAre(tsl::finding::kHistoryOutOfOrder));
}

struct QualifierCase {
  std::string qualifiers;
  std::string asis;
  const char* expected;
};

// gtest prints a parameter into the test's listed name: the expected id, not raw bytes.
void PrintTo(const QualifierCase& c, std::ostream* os) { *os << c.expected; }

class LintQualifiers : public ::testing::TestWithParam<QualifierCase> {};

TEST_P(LintQualifiers, ContradictionGetsItsId) {
  const auto& c = GetParam();
  const auto l = lint_xml(xml_of(with_services(caqc_with_qualifiers(c.qualifiers, c.asis))));
  EXPECT_THAT(error_ids(l), ElementsAre(c.expected));
}

INSTANTIATE_TEST_SUITE_P(
    Step7, LintQualifiers,
    ::testing::Values(
        QualifierCase{qualifier("QCStatement") + qualifier("NotQualified"), asi_xml("ForeSignatures"), id::kQcAndNotQualified},
        QualifierCase{qualifier("QCWithQSCD") + qualifier("QCNoQSCD"), asi_xml("ForeSignatures"), id::kQscdConflict},
        QualifierCase{qualifier("QCQSCDStatusAsInCert") + qualifier("QCWithQSCD"), asi_xml("ForeSignatures"),
                      id::kAsInCertConflict},
        QualifierCase{qualifier("QCForESig") + qualifier("QCForESeal"), asi_xml("ForeSignatures") + asi_xml("ForeSeals"),
                      id::kMultipleUsages},
        QualifierCase{qualifier("QCForLegalPerson") + qualifier("QCForESig"), asi_xml("ForeSignatures"),
                      id::kLegalPersonForESig},
        QualifierCase{qualifier("QCForESeal"), asi_xml("ForeSignatures"), id::kUsageWithoutAsi}),
    // Named after the expected finding id, so test names are stable (not the case's raw bytes).
    [](const ::testing::TestParamInfo<QualifierCase>& info) {
      std::string name = info.param.expected;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(LintQualifiersConsistent, ConsistentSetsHaveNoFinding) {
  for (const auto& q : {qualifier("QCStatement") + qualifier("QCWithQSCD"), qualifier("QCForESig"),
                        qualifier("QCQSCDStatusAsInCert") + qualifier("QCStatement")}) {
    EXPECT_THAT(ids(lint_xml(xml_of(with_services(caqc_with_qualifiers(q)))))  , IsEmpty()) << q;
  }
}

}  // namespace
}  // namespace assay::testing
