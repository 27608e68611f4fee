// The fixture of the qualification rule tests: one CA with an EC key, end entities issued by it,
// and single-list snapshots built from TSPService XML (QUALIFICATION.md steps 1-9).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/parser.h"
#include "tsl/qualification/qualification.h"

namespace assay::tsl {

constexpr std::string_view kExt = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/";

inline UtcTime t(const char* s) { return *engine::parse_utc_time(s); }

inline std::string asi(std::initializer_list<const char*> names) {
  std::string s;
  for (auto n : names) {
    s += "<Extension Critical=\"true\"><AdditionalServiceInformation><URI xml:lang=\"en\">" + std::string(kExt) + n +
         "</URI></AdditionalServiceInformation></Extension>";
  }
  return s;
}

inline std::string quals(std::initializer_list<const char*> names, const std::string& criteria = R"(<sie:CriteriaList assert="all"/>)") {
  std::string q;
  for (auto n : names) q += "<sie:Qualifier uri=\"" + std::string(kExt) + n + "\"/>";
  return testing::qualification_xml(q, criteria);
}

inline bool has_reason(const engine::Findings& f, std::string_view id) {
  return std::any_of(f.begin(), f.end(), [&](const engine::Finding& x) { return x.id == id; });
}

class Rules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ca_key_ = new engine::PrivateKey(*engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256));
    other_key_ = new engine::PrivateKey(*engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256));
    engine::CertificateSpec spec;
    spec.subject = {{"C", "XA"}, {"O", "Unit TSP"}, {"CN", "Unit QC CA"}};
    spec.not_before = t("2010-01-01T00:00:00Z");
    spec.not_after = t("2040-01-01T00:00:00Z");
    spec.ca = true;
    spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kKeyCertSign, engine::KeyUsageBit::kCrlSign});
    ca_ = new engine::CertificatePtr(*engine::build_self_signed(spec, *ca_key_));
  }

  // An end entity issued by the CA (or forged with `key`).
  static engine::CertificatePtr ee(engine::QcStatementsSpec qc, const char* not_before = "2024-01-10T00:00:00Z",
                           std::vector<std::string> policies = {}, const engine::PrivateKey* key = nullptr,
                           std::uint16_t ku = engine::key_usage_bits({engine::KeyUsageBit::kNonRepudiation})) {
    engine::CertificateSpec spec;
    spec.subject = {{"C", "XA"}, {"CN", "Unit end entity"}};
    spec.serial_hex = "1234";
    spec.not_before = t(not_before);
    spec.not_after = t("2039-01-01T00:00:00Z");
    spec.key_usage = ku;
    spec.policies = std::move(policies);
    spec.qc_statements = std::move(qc);
    auto r = engine::build_certificate(spec, other_key_->public_key_der(), **ca_, key ? *key : *ca_key_);
    EXPECT_TRUE(r.has_value());
    return *r;
  }

  static engine::QcStatementsSpec esig_qscd() {
    engine::QcStatementsSpec q;
    q.compliance = true;
    q.sscd = true;
    q.type_oids = {std::string(engine::qc_oid::kTypeESign)};
    return q;
  }

  static std::string identity() {
    return "<DigitalId><X509Certificate>" + engine::base64_encode((*ca_)->der()) + "</X509Certificate></DigitalId>";
  }

 public:
  static std::string identity_xml() { return identity(); }

 protected:

  // A snapshot with one list holding `services` (TSPService XML).
  static TrustSnapshotPtr snapshot(const std::string& services, const char* trust_time = "2026-01-15T00:00:00Z") {
    testing::ListFixture f;
    f.providers = testing::provider_xml("Unit TSP", services);
    auto list = parse_trusted_list(f.xml());
    EXPECT_TRUE(list.has_value()) << (list ? "" : list.error().message());
    SnapshotInput in;
    in.trust_time = t(trust_time);
    in.lists.push_back({"https://example.invalid/tl.xml", *list, "authenticated", {}});
    return TrustSnapshot::build(std::move(in));
  }

  static std::string service(const std::string& extensions, const char* status = "granted",
                             const char* start = "2020-01-01T00:00:00Z", const char* type = "CA/QC",
                             const std::string& history = "") {
    return testing::service_xml(type, status, start, extensions, history, identity());
  }

  static QualificationResult run(const TrustSnapshot& s, std::vector<engine::CertificatePtr> chain,
                                 const char* at = "2025-06-01T00:00:00Z") {
    return qualify(s, chain, t(at));
  }

  static inline engine::PrivateKey* ca_key_ = nullptr;
  static inline engine::PrivateKey* other_key_ = nullptr;
  static inline engine::CertificatePtr* ca_ = nullptr;
};

}  // namespace assay::tsl
