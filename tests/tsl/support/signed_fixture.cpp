#include "tests/tsl/support/signed_fixture.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "engine/x509/certificate_builder.h"

namespace assay::testing {
namespace {

engine::CertificateSpec spec_for(const std::string& common_name, const std::string& serial) {
  engine::CertificateSpec spec;
  spec.subject = {{"C", "XA"}, {"O", "Sample Scheme Operator"}, {"CN", common_name}};
  spec.serial_hex = serial;
  spec.not_before = *engine::parse_utc_time("2020-01-01T00:00:00Z");
  spec.not_after = *engine::parse_utc_time("2030-01-01T00:00:00Z");
  spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature, engine::KeyUsageBit::kNonRepudiation});
  return spec;
}

}  // namespace

const TestSigner& test_signer(const std::string& common_name) {
  static std::map<std::string, std::unique_ptr<TestSigner>> cache;
  auto& slot = cache[common_name];
  if (!slot) {
    auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
    EXPECT_TRUE(key.has_value());
    auto cert = engine::build_self_signed(spec_for(common_name, "0a"), *key);
    EXPECT_TRUE(cert.has_value()) << (cert ? "" : cert.error().message());
    slot = std::make_unique<TestSigner>(TestSigner{*key, *cert});
  }
  return *slot;
}

engine::CertificatePtr reissued_certificate(const TestSigner& signer) {
  auto spec = spec_for(std::string(*signer.certificate->subject().find("CN")), "0b");
  spec.not_after = *engine::parse_utc_time("2031-01-01T00:00:00Z");
  auto cert = engine::build_self_signed(spec, signer.key);
  EXPECT_TRUE(cert.has_value());
  return *cert;
}

std::string sign_xml(const std::string& xml, const TestSigner& signer, engine::xmldsig::SignOptions options) {
  if (options.signing_time == engine::UtcTime{}) options.signing_time = *engine::parse_utc_time("2026-01-02T00:00:00Z");
  auto signed_xml = engine::xmldsig::sign_enveloped(xml, signer.key, signer.certificate->der(), options);
  EXPECT_TRUE(signed_xml.has_value()) << (signed_xml ? "" : signed_xml.error().message());
  return signed_xml ? *signed_xml : std::string();
}

}  // namespace assay::testing
