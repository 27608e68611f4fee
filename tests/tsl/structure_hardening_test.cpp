// Issue 21, defects 6 and 7: repeated schema singletons are findings (and, for the values
// authentication relies on, a rejection), and the trusted-list XML limits bound a parse.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/tsl/support/finding_matchers.h"
#include "tests/tsl/support/list_fixture.h"
#include "tests/tsl/support/signed_fixture.h"
#include "tsl/authentication.h"
#include "tsl/finding_ids.h"
#include "tsl/parser.h"

namespace assay::tsl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HasFinding;
using testing::ListFixture;
using testing::sign_xml;
using testing::test_signer;

const engine::UtcTime kTrustTime = *engine::parse_utc_time("2026-02-01T00:00:00Z");

std::size_t count(const engine::Findings& findings, std::string_view id, std::string_view path_end) {
  std::size_t n = 0;
  for (const auto& f : findings) n += f.id == id && f.path.ends_with(path_end);
  return n;
}

TEST(StructureHardening, RepeatedSequenceNumberIsAStructuralFindingAndAmbiguous) {
  ListFixture fixture;
  fixture.sequence = "7</TSLSequenceNumber><TSLSequenceNumber>9";
  auto list = parse_trusted_list(fixture.xml());
  ASSERT_TRUE(list) << list.error().message();
  EXPECT_EQ(count((*list)->findings, finding::kDuplicateElement, "/SchemeInformation/TSLSequenceNumber"), 1u);
  EXPECT_THAT((*list)->ambiguous_elements, ElementsAre("TSLSequenceNumber"));
}

TEST(StructureHardening, RepeatedServiceStatusIsAFindingOnly) {
  ListFixture fixture;
  const std::string status = "granted</ServiceStatus><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn";
  fixture.providers = testing::provider_xml(
      "TSP", testing::service_xml("http://uri.etsi.org/TrstSvc/Svctype/CA/QC", status, "2020-01-01T00:00:00Z"));
  auto list = parse_trusted_list(fixture.xml());
  ASSERT_TRUE(list) << list.error().message();
  EXPECT_EQ(count((*list)->findings, finding::kDuplicateElement, "/ServiceInformation/ServiceStatus"), 1u);
  EXPECT_TRUE((*list)->ambiguous_elements.empty());
}

TEST(StructureHardening, AWellFormedListHasNoDuplicateFindings) {
  auto list = parse_trusted_list(ListFixture{}.xml());
  ASSERT_TRUE(list);
  EXPECT_THAT((*list)->findings, ::testing::Not(HasFinding(finding::kDuplicateElement)));
}

TEST(StructureHardening, ASignedListRepeatingAReliedOnValueIsNotAuthenticated) {
  const auto& signer = test_signer("XA signer");
  SignerSet trusted;
  trusted.add_certificate(signer.certificate);
  for (const auto& [field, value] : std::vector<std::pair<std::string, std::string>>{
           {"sequence", "7</TSLSequenceNumber><TSLSequenceNumber>9"},
           {"territory", "XA</SchemeTerritory><SchemeTerritory>XB"},
           {"issued", "2026-01-01T00:00:00Z</ListIssueDateTime><ListIssueDateTime>2025-01-01T00:00:00Z"}}) {
    ListFixture fixture;
    if (field == "sequence") fixture.sequence = value;
    if (field == "territory") fixture.territory = value;
    if (field == "issued") fixture.issued = value;
    auto loaded = load_list("https://x.invalid/XA.xml", sign_xml(fixture.xml(), signer));
    ASSERT_TRUE(loaded) << field << ": " << loaded.error().message();
    const auto a = authenticate_list(*loaded, trusted, kTrustTime);
    EXPECT_EQ(a.status, AuthStatus::kMalformed) << field;
    EXPECT_THAT(a.findings, HasFinding(finding::kAmbiguousSignedValue)) << field;
    EXPECT_THAT(a.detail, HasSubstr("repeats")) << field;
  }
}

// Defect 7: unsigned content may not grow the tree without bound before the signature is checked.
TEST(StructureHardening, TrustedListLimitsStopHugeUnsignedContent) {
  const std::string xml = ListFixture{}.xml();
  const auto close = xml.rfind("</TrustServiceStatusList>");
  ASSERT_NE(close, std::string::npos);
  std::string elements, comments;
  elements.reserve(300'000 * 4);
  for (int i = 0; i < 300'000; ++i) elements += "<x/>";
  comments.reserve(1'100'000 * 7);
  for (int i = 0; i < 1'100'000; ++i) comments += "<!---->";
  for (const auto& [what, filler] : {std::pair{"elements", &elements}, std::pair{"nodes", &comments}}) {
    std::string hostile = xml;
    hostile.insert(close, "<tslx:Padding>" + *filler + "</tslx:Padding>");
    auto list = parse_trusted_list(hostile);
    ASSERT_FALSE(list) << what;
    EXPECT_EQ(list.error().code(), engine::Code::kResourceExhausted) << what;
    EXPECT_THAT(list.error().message(), HasSubstr(what)) << what;
  }
  // The generic limits are still available to callers that ask for them.
  EXPECT_EQ(engine::xml::Limits{}.max_elements, std::size_t{4} << 20);
  EXPECT_LT(ParseOptions{}.limits.max_elements, engine::xml::Limits{}.max_elements);
}

}  // namespace
}  // namespace assay::tsl
