// Trust anchors from trusted lists on hand-written lists: the periods a service's status allows
// (a CA withdrawn in 2024 anchors 2023, not 2025), the regime rules, evidence, history states
// without certificates, AKI ordering, unreadable listed certificates, and intermediates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/parser.h"
#include "tsl/trust_snapshot.h"
#include "validation/trusted_list_anchors.h"

namespace assay::validation {
namespace {

using testing::ListFixture;
using testing::provider_xml;
using testing::service_xml;
using ::testing::IsEmpty;
using ::testing::SizeIs;

engine::UtcTime at(const char* text) { return *engine::parse_utc_time(text); }

std::string status_uri(const std::string& s) { return "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/" + s; }

std::string cert_id(const engine::Certificate& c) {
  return "<DigitalId><X509Certificate>" + engine::base64_encode(c.der()) + "</X509Certificate></DigitalId>";
}

std::string history_xml(const std::string& status, const std::string& start, const std::string& identity,
                         const std::string& type = "CA/QC") {
  return "<ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/" + type +
         "</ServiceTypeIdentifier><ServiceName><Name xml:lang=\"en\">Old name</Name></ServiceName>"
         "<ServiceDigitalIdentity>" +
         identity + "</ServiceDigitalIdentity><ServiceStatus>" + status_uri(status) +
         "</ServiceStatus><StatusStartingTime>" + start + "</StatusStartingTime></ServiceHistoryInstance>";
}

// A CA and an end-entity certificate it issued.
struct Pki {
  engine::PrivateKey ca_key = *engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  engine::PrivateKey ee_key = *engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  engine::CertificatePtr ca;
  engine::CertificatePtr ee;

  explicit Pki(const std::string& cn = "Sample CA") {
    engine::CertificateSpec ca_spec;
    ca_spec.subject = {{"C", "XA"}, {"O", "Sample TSP"}, {"CN", cn}};
    ca_spec.not_before = at("2015-01-01T00:00:00Z");
    ca_spec.not_after = at("2035-01-01T00:00:00Z");
    ca_spec.ca = true;
    ca_spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kKeyCertSign, engine::KeyUsageBit::kCrlSign});
    ca = *engine::build_self_signed(ca_spec, ca_key);
    engine::CertificateSpec ee_spec;
    ee_spec.subject = {{"C", "XA"}, {"CN", "Signer"}};
    ee_spec.serial_hex = "1234";
    ee_spec.not_before = at("2020-01-01T00:00:00Z");
    ee_spec.not_after = at("2030-01-01T00:00:00Z");
    ee = *engine::build_certificate(ee_spec, ee_key.public_key_der(), *ca, ca_key);
  }
};

tsl::TrustSnapshotPtr snapshot_of(const std::string& services, const std::string& auth = "authenticated") {
  ListFixture f;
  f.providers = provider_xml("Sample TSP", services);
  auto list = tsl::parse_trusted_list(f.xml());
  EXPECT_TRUE(list.has_value());
  tsl::SnapshotInput in;
  in.lists.push_back({"https://example.invalid/xa.xml", *list, auth, {}});
  in.trust_time = at("2026-01-01T00:00:00Z");
  return tsl::TrustSnapshot::build(std::move(in));
}

TEST(TrustedListAnchors, WithdrawnCaAnchorsBeforeItsSunsetOnly) {
  Pki pki;
  const auto anchors = TrustedListAnchors::build(snapshot_of(service_xml(
      "CA/QC", "withdrawn", "2024-03-01T00:00:00Z", "", history_xml("granted", "2017-01-01T00:00:00Z", cert_id(*pki.ca)),
      cert_id(*pki.ca))));
  EXPECT_THAT(anchors->findings(), IsEmpty());

  const auto in_2023 = anchors->anchors_for(*pki.ee, at("2023-06-01T00:00:00Z"));
  ASSERT_THAT(in_2023, SizeIs(1));
  const TrustAnchor& a = in_2023[0];
  EXPECT_EQ(a.source, AnchorSource::kTrustedList);
  EXPECT_EQ(a.certificate->sha256_fingerprint(), pki.ca->sha256_fingerprint());
  EXPECT_EQ(a.spki_der, pki.ca->public_key().der);
  ASSERT_TRUE(a.list.has_value());
  EXPECT_EQ(a.list->territory, "XA");
  EXPECT_EQ(a.list->sequence, 7);
  EXPECT_EQ(a.list->list_sha256, anchors->snapshot().lists()[0].list().sha256);
  EXPECT_EQ(a.list->provider, "Sample TSP");
  EXPECT_EQ(a.list->service_name, "Old name");
  EXPECT_EQ(a.list->service_type, "http://uri.etsi.org/TrstSvc/Svctype/CA/QC");
  EXPECT_EQ(a.list->status, status_uri("granted"));
  EXPECT_EQ(a.list->status_start, at("2017-01-01T00:00:00Z"));
  EXPECT_EQ(a.list->status_end, at("2024-03-01T00:00:00Z"));

  EXPECT_THAT(anchors->anchors_for(*pki.ee, at("2025-06-01T00:00:00Z")), IsEmpty());
  // Half-open: the withdrawal instant itself is no longer covered.
  EXPECT_THAT(anchors->anchors_for(*pki.ee, at("2024-03-01T00:00:00Z")), IsEmpty());
  EXPECT_THAT(anchors->anchors_for(*pki.ee, at("2024-02-29T23:59:59Z")), SizeIs(1));
  // Before the service existed: nothing.
  EXPECT_THAT(anchors->anchors_for(*pki.ee, at("2016-01-01T00:00:00Z")), IsEmpty());

  // The sunset is visible to path validation (NO_CERTIFICATE_CHAIN_FOUND_NO_POE).
  const auto sunset = anchors->anchors_at_other_times(*pki.ee, at("2025-06-01T00:00:00Z"));
  ASSERT_THAT(sunset, SizeIs(1));
  EXPECT_EQ(sunset[0].list->status, status_uri("withdrawn"));
  EXPECT_EQ(sunset[0].list->status_start, at("2024-03-01T00:00:00Z"));
  EXPECT_THAT(anchors->anchors_at_other_times(*pki.ee, at("2023-06-01T00:00:00Z")), IsEmpty());
}

TEST(TrustedListAnchors, AcceptingStatusesFollowTheRegimeOfThePeriod) {
  const auto post = at("2020-01-01T00:00:00Z");
  const auto pre = at("2010-01-01T00:00:00Z");
  for (const char* s : {"granted", "recognisedatnationallevel", "setbynationallaw"}) {
    EXPECT_TRUE(status_allows_anchor(status_uri(s), post)) << s;
    EXPECT_FALSE(status_allows_anchor(status_uri(s), pre)) << s;
  }
  for (const char* s : {"undersupervision", "supervisionincessation", "accredited"}) {
    EXPECT_TRUE(status_allows_anchor(status_uri(s), pre)) << s;
    EXPECT_FALSE(status_allows_anchor(status_uri(s), post)) << s;
  }
  for (const char* s : {"withdrawn", "deprecatedatnationallevel", "deprecatedbynationallaw", "supervisionceased",
                        "supervisionrevoked", "accreditationceased", "accreditationrevoked"}) {
    EXPECT_FALSE(status_allows_anchor(status_uri(s), post)) << s;
    EXPECT_FALSE(status_allows_anchor(status_uri(s), pre)) << s;
  }
  EXPECT_FALSE(status_allows_anchor("urn:example:granted", post));
}

TEST(TrustedListAnchors, HistoryStateWithoutCertificateVouchesForTheServiceCertificates) {
  Pki pki;
  // The accredited period names the CA by SKI only (a common quirk of real lists).
  const auto anchors = TrustedListAnchors::build(snapshot_of(
      service_xml("CA/QC", "granted", "2016-06-30T22:00:00Z", "",
                  history_xml("accredited", "2012-01-01T00:00:00Z", "<DigitalId><X509SKI>AQIDBA==</X509SKI></DigitalId>"),
                  cert_id(*pki.ca))));
  const auto pre = anchors->anchors_for(*pki.ee, at("2014-01-01T00:00:00Z"));
  ASSERT_THAT(pre, SizeIs(1));
  EXPECT_EQ(pre[0].list->status, status_uri("accredited"));
  EXPECT_THAT(anchors->anchors_for(*pki.ee, at("2020-01-01T00:00:00Z")), SizeIs(1));
}

TEST(TrustedListAnchors, OnlyCertificateAuthorityTypesByDefault) {
  Pki pki;
  const auto services = service_xml("TSA/QTST", "granted", "2017-01-01T00:00:00Z", "", "", cert_id(*pki.ca));
  EXPECT_THAT(TrustedListAnchors::build(snapshot_of(services))->anchors_for(*pki.ee, at("2020-01-01T00:00:00Z")),
              IsEmpty());
  const auto all = TrustedListAnchors::build(snapshot_of(services), {.types = AnchorServiceTypes::kAll});
  EXPECT_THAT(all->anchors_for(*pki.ee, at("2020-01-01T00:00:00Z")), SizeIs(1));
  // Not an anchor, but still offered for path building.
  EXPECT_THAT(TrustedListAnchors::build(snapshot_of(services))->intermediates_for(pki.ee->issuer()), SizeIs(1));
}

TEST(TrustedListAnchors, UnauthenticatedListsVouchForNothing) {
  Pki pki;
  const auto anchors = TrustedListAnchors::build(
      snapshot_of(service_xml("CA/QC", "granted", "2017-01-01T00:00:00Z", "", "", cert_id(*pki.ca)), "signature_invalid"));
  EXPECT_THAT(anchors->anchors_for(*pki.ee, at("2020-01-01T00:00:00Z")), IsEmpty());
  EXPECT_THAT(anchors->intermediates_for(pki.ee->issuer()), IsEmpty());
}

TEST(TrustedListAnchors, SameNameCandidatesComeAkiMatchFirst) {
  Pki first("Sample CA");
  Pki second("Sample CA");  // same subject, another key (a key rollover)
  const auto anchors = TrustedListAnchors::build(
      snapshot_of(service_xml("CA/QC", "granted", "2017-01-01T00:00:00Z", "", "", cert_id(*first.ca)) +
                  service_xml("CA/QC", "granted", "2017-01-01T00:00:00Z", "", "", cert_id(*second.ca))));
  const auto for_second = anchors->anchors_for(*second.ee, at("2020-01-01T00:00:00Z"));
  ASSERT_THAT(for_second, SizeIs(2));
  EXPECT_EQ(for_second[0].certificate->sha256_fingerprint(), second.ca->sha256_fingerprint());
  const auto for_first = anchors->anchors_for(*first.ee, at("2020-01-01T00:00:00Z"));
  ASSERT_THAT(for_first, SizeIs(2));
  EXPECT_EQ(for_first[0].certificate->sha256_fingerprint(), first.ca->sha256_fingerprint());
}

TEST(TrustedListAnchors, NameMatchingFollowsRfc5280CaseAndSpaceFolding) {
  Pki pki;
  engine::CertificateSpec spec;
  spec.subject = {{"C", "XA"}, {"O", "sample   TSP"}, {"CN", "SAMPLE CA"}};  // equivalent to the CA's name
  spec.not_before = at("2020-01-01T00:00:00Z");
  spec.not_after = at("2030-01-01T00:00:00Z");
  auto other_key = *engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  auto renamed = *engine::build_self_signed(spec, other_key);
  const auto anchors = TrustedListAnchors::build(
      snapshot_of(service_xml("CA/QC", "granted", "2017-01-01T00:00:00Z", "", "", cert_id(*pki.ca))));
  EXPECT_THAT(anchors->intermediates_for(renamed->subject()), SizeIs(1));
}

TEST(TrustedListAnchors, TheListedCertificateItselfIsFoundBySubjectAndKey) {
  Pki pki;
  const auto anchors = TrustedListAnchors::build(
      snapshot_of(service_xml("CA/QC", "granted", "2017-01-01T00:00:00Z", "", "", cert_id(*pki.ca))));
  EXPECT_THAT(anchors->anchors_for_certificate(*pki.ca, at("2020-01-01T00:00:00Z")), SizeIs(1));
  EXPECT_THAT(anchors->anchors_for_certificate(*pki.ca, at("2016-01-01T00:00:00Z")), IsEmpty());
  EXPECT_THAT(anchors->anchors_for_certificate(*pki.ee, at("2020-01-01T00:00:00Z")), IsEmpty());
}

TEST(TrustedListAnchors, UnreadableListedCertificateIsAFindingNotACrash) {
  Pki pki;
  const std::string garbage = "<DigitalId><X509Certificate>" + engine::base64_encode("\x30\x03\x02\x01\x01") +
                              "</X509Certificate></DigitalId>";
  const auto anchors = TrustedListAnchors::build(
      snapshot_of(service_xml("CA/QC", "granted", "2017-01-01T00:00:00Z", "", "", garbage + cert_id(*pki.ca))));
  ASSERT_THAT(anchors->findings(), SizeIs(1));
  EXPECT_EQ(anchors->findings()[0].id, anchor_findings::kBadCertificate);
  EXPECT_THAT(anchors->anchors_for(*pki.ee, at("2020-01-01T00:00:00Z")), SizeIs(1));
  EXPECT_EQ(anchors->certificate_count(), 1u);
}

TEST(TrustedListAnchors, EmptySnapshotHasNoAnchors) {
  Pki pki;
  const auto anchors = TrustedListAnchors::build(nullptr);
  EXPECT_THAT(anchors->anchors_for(*pki.ee, at("2020-01-01T00:00:00Z")), IsEmpty());
  EXPECT_THAT(anchors->intermediates_for(pki.ee->issuer()), IsEmpty());
}

}  // namespace
}  // namespace assay::validation
