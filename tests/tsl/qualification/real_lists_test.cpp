// The real EU lists (../shared/corpus/eu-2026-08): every CA/QC service identity certificate is
// found by the indexes, and a forged certificate naming a real granted CA/QC is not treated as
// issued by it.
#include <gtest/gtest.h>

#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "tests/tsl/qualification/federation_snapshot.h"
#include "tsl/qualification/explain.h"
#include "tsl/qualification/qualification.h"
#include "tsl/qualification/reason_ids.h"

namespace assay::tsl {
namespace {

using namespace testing_support;

constexpr std::string_view kCaQc = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";

TrustSnapshotPtr eu_snapshot() {
  static TrustSnapshotPtr s = [] {
    const fs::path corpus = testing::shared_dir() / "corpus";
    const fs::path oj = corpus / "oj-2019";
    // The anchors folder holds several PEM files: concatenate them for the helper.
    const fs::path anchors = fs::temp_directory_path() / ("assay-oj-" + std::to_string(::getpid()) + ".pem");
    {
      std::ofstream out(anchors);
      for (const auto& e : fs::directory_iterator(oj)) out << slurp(e.path()) << "\n";
    }
    auto snap = federation_snapshot(corpus / "eu-2026-08/urls.tsv", anchors, "https://ec.europa.eu/tools/lotl/eu-lotl.xml",
                                    *engine::parse_utc_time("2026-08-21T00:00:00Z"));
    fs::remove(anchors);
    return snap;
  }();
  return s;
}

TEST(QualificationRealLists, EveryCaQcIdentityIsFoundByTheIndex) {
  ASSAY_REQUIRE_SHARED();
  const auto s = eu_snapshot();
  ASSERT_NE(s, nullptr);
  ASSERT_GE(s->lists().size(), 27u);
  std::size_t checked = 0, unparsable = 0;
  for (std::uint32_t i = 0; i < s->services().size(); ++i) {
    const auto& timeline = s->service(i);
    for (const auto& st : timeline.states) {
      if (st.state->type != kCaQc) continue;
      for (const auto& id : st.state->identity.ids) {
        if (id.kind != DigitalId::Kind::kX509Certificate) continue;
        auto cert = engine::Certificate::parse_der(id.certificate_der);
        if (!cert) {
          ++unparsable;
          continue;
        }
        OrderedChain chain;
        chain.elements.push_back({*cert, 0, ChainLink::kEndEntity});
        engine::Findings reasons;
        const auto found = find_candidates(*s, chain, nullptr, reasons);
        const bool hit = std::any_of(found.begin(), found.end(), [&](const CandidateService& c) { return c.service == i; });
        EXPECT_TRUE(hit) << timeline.name() << " (" << timeline.version->territory << ")";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000u);
  std::printf("CA/QC identity certificates checked: %zu (unparsable: %zu)\n", checked, unparsable);
}

TEST(QualificationRealLists, ForgedCertificateWithARealIssuerNameIsNotIssuedByIt) {
  ASSAY_REQUIRE_SHARED();
  const auto s = eu_snapshot();
  ASSERT_NE(s, nullptr);
  // A granted CA/QC service whose current certificate has an SKI.
  engine::CertificatePtr issuer;
  for (const auto* timeline : s->services()) {
    const auto& cur = timeline->states.back();
    if (cur.state->type != kCaQc || !cur.state->status.ends_with("/granted")) continue;
    for (const auto& id : cur.state->identity.ids) {
      if (id.kind != DigitalId::Kind::kX509Certificate) continue;
      auto c = engine::Certificate::parse_der(id.certificate_der);
      if (c && (*c)->subject_key_id()) issuer = *c;
    }
    if (issuer) break;
  }
  ASSERT_NE(issuer, nullptr);
  auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  ASSERT_TRUE(key.has_value());
  engine::CertificateSpec spec;
  spec.subject = {{"C", "XA"}, {"CN", "Forged end entity"}};
  spec.not_before = *engine::parse_utc_time("2026-01-01T00:00:00Z");
  spec.not_after = *engine::parse_utc_time("2028-01-01T00:00:00Z");
  engine::QcStatementsSpec qc;
  qc.compliance = true;
  qc.sscd = true;
  qc.type_oids = {std::string(engine::qc_oid::kTypeESign)};
  spec.qc_statements = qc;
  auto forged = engine::build_certificate(spec, key->public_key_der(), *issuer, *key);
  ASSERT_TRUE(forged.has_value());
  ASSERT_EQ((*forged)->authority_key_id(), issuer->subject_key_id());

  const auto alone = qualify(*s, std::vector<engine::CertificatePtr>{*forged}, *engine::parse_utc_time("2026-06-01T00:00:00Z"));
  EXPECT_TRUE(alone.candidates.empty());
  EXPECT_EQ(alone.result.qc, QcStatus::kNo);
  const auto mismatch = std::find_if(alone.reasons.begin(), alone.reasons.end(), [](const engine::Finding& f) {
    return f.id == reason::kListedIssuerSignatureMismatch;
  });
  ASSERT_NE(mismatch, alone.reasons.end());
  EXPECT_NE(mismatch->message.find("names matched but the signature did not"), std::string::npos);

  const auto with_issuer = qualify(*s, std::vector<engine::CertificatePtr>{*forged, issuer},
                                   *engine::parse_utc_time("2026-06-01T00:00:00Z"));
  EXPECT_TRUE(with_issuer.candidates.empty());
  EXPECT_TRUE(std::any_of(with_issuer.reasons.begin(), with_issuer.reasons.end(),
                          [](const engine::Finding& f) { return f.id == reason::kChainSignatureMismatch; }));
}

}  // namespace
}  // namespace assay::tsl
