// TrustSnapshot identity indexes, ListHistory in-force versions, and every change kind of
// diff_lists, on hand-written lists and freshly generated certificates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "engine/x509/certificate_keys.h"
#include "tests/tsl/support/finding_matchers.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/list_diff.h"
#include "tsl/list_history.h"
#include "tsl/parser.h"
#include "tsl/timeline_findings.h"
#include "tsl/trust_snapshot.h"

namespace assay::tsl {
namespace {

using testing::HasFinding;
using testing::ListFixture;
using testing::provider_xml;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

UtcTime at(const char* text) { return *engine::parse_utc_time(text); }
const std::string kStatus = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/";
const std::string kAsi = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/";

engine::CertificatePtr make_cert(const engine::PrivateKey& key, const std::string& cn, const std::string& serial) {
  engine::CertificateSpec spec;
  spec.subject = {{"C", "XA"}, {"CN", cn}};  // DER order: RFC 4514 text is "CN=...,C=XA"
  spec.serial_hex = serial;
  spec.not_before = at("2015-01-01T00:00:00Z");
  spec.not_after = at("2035-01-01T00:00:00Z");
  spec.ca = true;
  auto cert = engine::build_self_signed(spec, key);
  EXPECT_TRUE(cert.has_value());
  return *cert;
}

std::string cert_id(const engine::Certificate& c) {
  return "<DigitalId><X509Certificate>" + engine::base64_encode(c.der()) + "</X509Certificate></DigitalId>";
}

// A TSPService with a chosen name and optional extension / history XML.
std::string service(const std::string& name, const std::string& type, const std::string& status, const std::string& start,
                    const std::string& identity, const std::string& extensions = "", const std::string& history = "") {
  std::string s = "<TSPService><ServiceInformation><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/" + type +
                  "</ServiceTypeIdentifier><ServiceName><Name xml:lang=\"en\">" + name +
                  "</Name></ServiceName><ServiceDigitalIdentity>" + identity + "</ServiceDigitalIdentity><ServiceStatus>" +
                  kStatus + status + "</ServiceStatus><StatusStartingTime>" + start + "</StatusStartingTime>";
  if (!extensions.empty()) s += "<ServiceInformationExtensions>" + extensions + "</ServiceInformationExtensions>";
  s += "</ServiceInformation>";
  if (!history.empty()) s += "<ServiceHistory>" + history + "</ServiceHistory>";
  return s + "</TSPService>";
}

std::string asi(const std::string& v) {
  return "<Extension Critical=\"true\"><AdditionalServiceInformation><URI xml:lang=\"en\">" + kAsi + v +
         "</URI></AdditionalServiceInformation></Extension>";
}

std::string qualifiers(const std::string& q) {
  return testing::qualification_xml("<sie:Qualifier uri=\"" + kAsi + q + "\"/>",
                                    "<sie:CriteriaList assert=\"all\"><sie:PolicySet><sie:PolicyIdentifier>"
                                    "<xades:Identifier>1.2.3.4</xades:Identifier></sie:PolicyIdentifier></sie:PolicySet>"
                                    "</sie:CriteriaList>");
}

std::shared_ptr<const TrustedList> parse(const ListFixture& f) {
  auto list = parse_trusted_list(f.xml());
  EXPECT_TRUE(list.has_value()) << (list ? "" : list.error().message());
  return *list;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = std::make_unique<engine::PrivateKey>(*engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256));
    cert_ = make_cert(*key_, "Sample Root CA", "01");
    ListFixture f;
    f.providers =
        provider_xml("Sample TSP",
                     service("Root", "CA/QC", "granted", "2016-06-30T22:00:00Z", cert_id(*cert_), "",
                             "<ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
                             "</ServiceTypeIdentifier><ServiceName><Name xml:lang=\"en\">Root</Name></ServiceName>"
                             "<ServiceDigitalIdentity><DigitalId><X509SubjectName>CN=Sample Root CA, C=XA</X509SubjectName>"
                             "</DigitalId></ServiceDigitalIdentity><ServiceStatus>" +
                                 kStatus + "accredited</ServiceStatus><StatusStartingTime>2012-01-01T00:00:00Z"
                                           "</StatusStartingTime></ServiceHistoryInstance>") +
            service("Stamps", "TSA/QTST", "granted", "2018-01-01T00:00:00Z",
                    "<DigitalId><X509SKI>" + engine::base64_encode(*cert_->subject_key_id()) + "</X509SKI></DigitalId>"));
    SnapshotInput input;
    input.trust_time = at("2026-08-21T00:00:00Z");
    input.lists.push_back({"file:XA.xml", parse(f), "authenticated", {}});
    snapshot_ = TrustSnapshot::build(std::move(input));
  }

  std::unique_ptr<engine::PrivateKey> key_;
  engine::CertificatePtr cert_;
  TrustSnapshotPtr snapshot_;
};

TEST_F(SnapshotTest, IndexesEveryIdentityKind) {
  ASSERT_THAT(snapshot_->services(), SizeIs(2));
  EXPECT_THAT(snapshot_->findings(), IsEmpty());
  EXPECT_EQ(snapshot_->certificate_count(), 1u);
  auto by_hash = snapshot_->by_certificate(cert_->sha256_fingerprint());
  ASSERT_THAT(by_hash, SizeIs(1));
  EXPECT_EQ(by_hash[0].service, 0u);
  EXPECT_EQ(by_hash[0].state, 1u);  // the current state (the history instance is state 0)
  EXPECT_THAT(snapshot_->by_subject_and_key(cert_->subject(), cert_->public_key().der), SizeIs(1));
  // SKI: from the listed certificate's extension (service 0) and from an X509SKI (service 1).
  auto by_ski = snapshot_->by_ski(*cert_->subject_key_id());
  ASSERT_THAT(by_ski, SizeIs(2));
  EXPECT_EQ(by_ski[0].service, 0u);
  EXPECT_EQ(by_ski[1].service, 1u);
  // Subject name: the X509SubjectName of the history instance and the certificate's subject.
  auto by_name = snapshot_->by_subject_name("cn=sample root ca,c=xa");
  ASSERT_THAT(by_name, SizeIs(2));
  EXPECT_EQ(by_name[0].state, 0u);
  EXPECT_EQ(by_name[1].state, 1u);
  EXPECT_THAT(snapshot_->by_certificate(engine::Sha256{}), IsEmpty());
  EXPECT_THAT(snapshot_->by_tsp("Sample TSP"), SizeIs(2));
  EXPECT_THAT(snapshot_->by_type("http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"), SizeIs(1));
  EXPECT_THAT(snapshot_->by_territory("XA"), SizeIs(2));
  EXPECT_THAT(snapshot_->by_territory("XB"), IsEmpty());
  EXPECT_EQ(snapshot_->find(snapshot_->service(1).id), &snapshot_->service(1));
}

TEST_F(SnapshotTest, LeanKeyExtractionAgreesWithTheFullParser) {
  auto keys = engine::extract_certificate_keys(cert_->der());
  ASSERT_TRUE(keys.has_value());
  EXPECT_EQ(keys->subject_der, cert_->subject().der);
  EXPECT_EQ(keys->spki_der, cert_->public_key().der);
  ASSERT_TRUE(keys->ski.has_value());
  EXPECT_EQ(*keys->ski, *cert_->subject_key_id());
  EXPECT_EQ(engine::extract_certificate_keys(cert_->der().substr(0, 40)).error().code(), engine::Code::kMalformed);
  EXPECT_EQ(engine::extract_certificate_keys("").error().code(), engine::Code::kMalformed);
}

TEST_F(SnapshotTest, ServicesForACertificateGiveTheStateInForce) {
  auto now = snapshot_->services_for(*cert_, at("2020-01-01T00:00:00Z"));
  ASSERT_THAT(now, SizeIs(2));
  EXPECT_EQ(now[0].service, 0u);
  EXPECT_EQ(now[0].how, IdentityMatch::kCertificate);
  EXPECT_EQ(now[0].state_at->state->status, kStatus + "granted");
  EXPECT_TRUE(now[0].identity_in_force);
  EXPECT_EQ(now[1].how, IdentityMatch::kSki);
  // 2013: service 0 was accredited under a subject-name-only identity; the service is found
  // through its current certificate, but that identity was not the one in force.
  auto then = snapshot_->services_for(*cert_, at("2013-01-01T00:00:00Z"));
  ASSERT_THAT(then, SizeIs(2));
  EXPECT_EQ(then[0].state_at->state->status, kStatus + "accredited");
  EXPECT_FALSE(then[0].identity_in_force);
  EXPECT_EQ(then[1].state_at, nullptr);  // the TSA service did not exist yet
}

TEST_F(SnapshotTest, AReissuedCertificateMatchesBySubjectAndKey) {
  const auto reissued = make_cert(*key_, "Sample Root CA", "02");
  EXPECT_THAT(snapshot_->by_certificate(reissued->sha256_fingerprint()), IsEmpty());
  auto m = snapshot_->services_for(*reissued, at("2020-01-01T00:00:00Z"));
  ASSERT_THAT(m, SizeIs(2));
  EXPECT_EQ(m[0].how, IdentityMatch::kSubjectAndKey);
  const auto other_key = *engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  const auto impostor = make_cert(other_key, "Sample Root CA", "01");
  EXPECT_THAT(snapshot_->by_subject_and_key(impostor->subject(), impostor->public_key().der), IsEmpty());
}

TEST(ListHistory, VersionsAreInForceFromTheirIssueTimeUntilTheNext) {
  LoadedVersions versions;
  for (auto [seq, issued] : {std::pair{"9", "2026-03-01T00:00:00Z"}, {"7", "2026-01-01T00:00:00Z"},
                             {"8", "2026-02-01T00:00:00Z"}}) {
    ListFixture f;
    f.sequence = seq;
    f.issued = issued;
    if (std::string(seq) == "9") {
      f.providers = provider_xml("Sample TSP", testing::service_xml("CA/QC", "withdrawn", "2026-02-15T00:00:00Z", "",
                                                                    "", "<DigitalId><X509SKI>AQIDBA==</X509SKI></DigitalId>"));
    }
    versions.push_back({std::string("v") + seq, parse(f), ""});
  }
  versions.push_back(versions[0]);  // the same document twice
  ListFixture undated;
  undated.issued = "yesterday";
  versions.push_back({"undated", parse(undated), ""});
  // Stored and rejected by authentication: never in force, whatever it says.
  ListFixture forged;
  forged.sequence = "10";
  forged.issued = "2026-04-01T00:00:00Z";
  versions.push_back({"store:forged", parse(forged), "signer_not_trusted"});
  const auto h = ListHistory::build(std::move(versions));
  ASSERT_THAT(h.versions(), SizeIs(3));
  EXPECT_EQ(h.versions()[0].list().scheme.sequence_number, 7u);
  EXPECT_EQ(h.versions()[0].to, at("2026-02-01T00:00:00Z"));
  EXPECT_FALSE(h.versions()[2].to.has_value());
  EXPECT_THAT(h.findings(), HasFinding(finding::kHistoryDuplicateVersion));
  EXPECT_THAT(h.findings(), HasFinding(finding::kHistoryNoIssueDate));
  EXPECT_THAT(h.findings(), HasFinding(finding::kHistoryUnauthenticatedVersion));
  EXPECT_EQ(h.in_force_at(at("2026-05-01T00:00:00Z"))->list().scheme.sequence_number, 9u);
  EXPECT_EQ(h.in_force_at(at("2025-12-31T23:59:59Z")), nullptr);
  EXPECT_EQ(h.in_force_at(at("2026-02-01T00:00:00Z"))->list().scheme.sequence_number, 8u);
  EXPECT_EQ(h.in_force_at(at("2026-01-31T23:59:59Z"))->list().scheme.sequence_number, 7u);
  EXPECT_EQ(h.with_sequence(9), &h.versions()[2]);

  const auto id = h.versions()[0].timelines->services[0].id;
  // On 2026-02-20 version 8 (granted since 2020) was in force; version 9, issued later, says the
  // service was withdrawn from 2026-02-15 — but the answer is what the list said at the time.
  auto said = h.service_at(id, at("2026-02-20T00:00:00Z"));
  ASSERT_NE(said.state, nullptr);
  EXPECT_EQ(said.version->list().scheme.sequence_number, 8u);
  EXPECT_EQ(said.state->state->status, kStatus + "granted");
  said = h.service_at(id, at("2026-03-01T00:00:00Z"));
  EXPECT_EQ(said.state->state->status, kStatus + "withdrawn");
  EXPECT_EQ(h.service_at("0000000000000000", at("2026-03-01T00:00:00Z")).timeline, nullptr);
}

TEST(ListHistory, OnlyTrustedVersionsAreFoundBySequence) {
  ListFixture f;
  f.sequence = "7";
  const auto authentic = parse(f);
  const auto forged = parse(f);
  ListFixture other;
  other.sequence = "8";
  const LoadedVersions versions{{"store:forged", forged, "signer_not_trusted"},
                                {"store:authentic", authentic, "authenticated"},
                                {"store:unsigned", parse(other), "unsigned"},
                                {"file.xml", parse(other), ""}};
  // Same sequence: the authenticated document, even when a rejected one comes first.
  EXPECT_EQ(*trusted_version_with_sequence(versions, "XA", 7), authentic);
  // Files are taken as given.
  EXPECT_EQ(*trusted_version_with_sequence(versions, "XA", 8), versions[3].list);
  const LoadedVersions only_rejected{{"store:unsigned", parse(other), "unsigned"}};
  auto rejected = trusted_version_with_sequence(only_rejected, "XA", 8);
  ASSERT_FALSE(rejected.has_value());
  EXPECT_EQ(rejected.error().code(), engine::Code::kUnsupported);
  EXPECT_THAT(rejected.error().message(), HasSubstr("XA@8 (store:unsigned) was rejected by authentication (unsigned)"));
  auto missing = trusted_version_with_sequence(versions, "XA", 99);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), engine::Code::kNotFound);
}

TEST(ListDiff, ReportsEveryChangeKind) {
  const std::string ski1 = "<DigitalId><X509SKI>AQIDBA==</X509SKI></DigitalId>";
  const std::string ski2 = "<DigitalId><X509SKI>BQYHCA==</X509SKI></DigitalId>";
  const std::string ski3 = "<DigitalId><X509SKI>CQoLDA==</X509SKI></DigitalId>";
  const std::string ski4 = "<DigitalId><X509SKI>DQ4PEA==</X509SKI></DigitalId>";
  ListFixture older;
  older.sequence = "7";
  older.providers =
      provider_xml("Alpha", service("Alpha CA", "CA/QC", "granted", "2016-06-30T22:00:00Z", ski1,
                                    asi("ForeSignatures") + qualifiers("QCWithQSCD")) +
                                service("Alpha TSA", "TSA/QTST", "granted", "2017-01-01T00:00:00Z", ski2)) +
      provider_xml("Beta", service("Beta CA", "CA/QC", "granted", "2018-01-01T00:00:00Z", ski3)) +
      provider_xml("Gone", service("Gone CA", "CA/QC", "granted", "2018-01-01T00:00:00Z", ski4));
  ListFixture newer;
  newer.sequence = "8";
  newer.issued = "2026-06-01T00:00:00Z";
  newer.providers =
      provider_xml("Alpha", service("Alpha CA (renamed)", "CA/QC", "withdrawn", "2026-05-01T00:00:00Z",
                                    ski1 + "<DigitalId><X509SubjectName>CN=Alpha</X509SubjectName></DigitalId>",
                                    asi("ForeSeals") + qualifiers("QCNoQSCD")) +
                                service("Alpha OCSP", "Certstatus/OCSP/QC", "granted", "2026-01-01T00:00:00Z", ski2)) +
      provider_xml("Beta Renamed", service("Beta CA", "CA/QC", "granted", "2018-01-01T00:00:00Z", ski3)) +
      provider_xml("New", service("New CA", "CA/QC", "granted", "2026-01-01T00:00:00Z",
                                  "<DigitalId><X509SKI>ERITFA==</X509SKI></DigitalId>"));
  const auto d = diff_lists(*build_timelines(parse(older)), *build_timelines(parse(newer)));
  EXPECT_EQ(d.older.sequence, 7u);
  EXPECT_EQ(d.newer.sequence, 8u);
  EXPECT_THAT(d.tsps_added, ::testing::ElementsAre("Beta Renamed", "New"));
  EXPECT_THAT(d.tsps_removed, ::testing::ElementsAre("Beta", "Gone"));
  ASSERT_THAT(d.services_added, SizeIs(2));
  EXPECT_EQ(d.services_added[0].name, "Alpha OCSP");
  EXPECT_EQ(d.services_added[1].name, "New CA");
  ASSERT_THAT(d.services_removed, SizeIs(2));
  EXPECT_EQ(d.services_removed[0].name, "Alpha TSA");
  EXPECT_EQ(d.services_removed[1].name, "Gone CA");
  ASSERT_THAT(d.status_changes, SizeIs(1));
  EXPECT_EQ(d.status_changes[0].from, kStatus + "granted");
  EXPECT_EQ(d.status_changes[0].to, kStatus + "withdrawn");
  EXPECT_EQ(d.status_changes[0].since, at("2026-05-01T00:00:00Z"));
  ASSERT_THAT(d.identity_changes, SizeIs(1));
  EXPECT_THAT(d.identity_changes[0].added, ::testing::ElementsAre("subject:CN=Alpha"));
  EXPECT_THAT(d.identity_changes[0].removed, IsEmpty());
  ASSERT_THAT(d.asi_changes, SizeIs(1));
  EXPECT_THAT(d.asi_changes[0].to, ::testing::ElementsAre(kAsi + "ForeSeals"));
  ASSERT_THAT(d.qualifier_changes, SizeIs(1));
  EXPECT_THAT(d.qualifier_changes[0].from, ::testing::ElementsAre(kAsi + "QCWithQSCD"));
  EXPECT_FALSE(d.qualifier_changes[0].criteria_changed);
  ASSERT_THAT(d.name_changes, SizeIs(2));
  EXPECT_EQ(d.name_changes[0].what, "service");
  EXPECT_EQ(d.name_changes[0].to, "Alpha CA (renamed)");
  EXPECT_EQ(d.name_changes[1].what, "tsp");
  EXPECT_EQ(d.name_changes[1].from, "Beta");
  EXPECT_THAT(d.scheme_changes, SizeIs(2));  // sequence, issued
  EXPECT_EQ(d.scheme_changes[0].field, "sequence");
  EXPECT_THAT(d.pointer_changes, IsEmpty());
}

TEST(ListDiff, SameQualifiersWithDifferentCriteriaAreReported) {
  const std::string ski = "<DigitalId><X509SKI>AQIDBA==</X509SKI></DigitalId>";
  ListFixture a, b;
  a.providers = provider_xml("Alpha", service("CA", "CA/QC", "granted", "2016-06-30T22:00:00Z", ski, qualifiers("QCWithQSCD")));
  auto q = qualifiers("QCWithQSCD");
  q.replace(q.find("1.2.3.4"), 7, "1.2.3.5");
  b.providers = provider_xml("Alpha", service("CA", "CA/QC", "granted", "2016-06-30T22:00:00Z", ski, q));
  const auto d = diff_lists(*build_timelines(parse(a)), *build_timelines(parse(b)));
  ASSERT_THAT(d.qualifier_changes, SizeIs(1));
  EXPECT_TRUE(d.qualifier_changes[0].criteria_changed);
  EXPECT_TRUE(diff_lists(*build_timelines(parse(a)), *build_timelines(parse(a))).services_unchanged());
}

TEST(ListDiff, LotlPointerChanges) {
  const auto k1 = *engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  const auto c1 = make_cert(k1, "Signer 1", "01");
  const auto c2 = make_cert(k1, "Signer 2", "02");
  auto pointer = [](const std::string& url, const std::string& territory, const engine::Certificate& c) {
    return "<OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity>" + cert_id(c) +
           "</ServiceDigitalIdentity></ServiceDigitalIdentities><TSLLocation>" + url +
           "</TSLLocation><AdditionalInformation><OtherInformation><TSLType>"
           "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</TSLType></OtherInformation><OtherInformation>"
           "<SchemeTerritory>" + territory + "</SchemeTerritory></OtherInformation><OtherInformation>"
           "<tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType></OtherInformation></AdditionalInformation>"
           "</OtherTSLPointer>";
  };
  ListFixture a, b;
  a.pointers = pointer("https://a.example/tl.xml", "XA", *c1) + pointer("https://b.example/tl.xml", "XB", *c1);
  b.pointers = pointer("https://a.example/tl.xml", "XA", *c2) + pointer("https://c.example/tl.xml", "XC", *c1);
  const auto d = diff_lists(*build_timelines(parse(a)), *build_timelines(parse(b)));
  ASSERT_THAT(d.pointer_changes, SizeIs(3));
  EXPECT_EQ(d.pointer_changes[0].kind, PointerChange::Kind::kSignersChanged);
  EXPECT_THAT(d.pointer_changes[0].added_signers, ::testing::ElementsAre(c2->fingerprint_hex()));
  EXPECT_THAT(d.pointer_changes[0].removed_signers, ::testing::ElementsAre(c1->fingerprint_hex()));
  EXPECT_EQ(d.pointer_changes[1].kind, PointerChange::Kind::kAdded);
  EXPECT_EQ(d.pointer_changes[1].territory, "XC");
  EXPECT_EQ(d.pointer_changes[2].kind, PointerChange::Kind::kRemoved);
  EXPECT_EQ(d.pointer_changes[2].location, "https://b.example/tl.xml");
}

}  // namespace
}  // namespace assay::tsl
