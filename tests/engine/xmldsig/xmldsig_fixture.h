// Shared helpers for the xmldsig tests: keys and certificates generated once per binary, a small
// trusted-list-shaped document, pinned times, and string surgery on signed documents.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "engine/crypto/private_key.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/signer.h"
#include "engine/xmldsig/verifier.h"
#include "tests/engine/support/self_signed_certificate.h"

namespace assay::engine::xmldsig::testing {

using namespace std::chrono_literals;

// Pinned instants: certificates valid 2025-01-01 .. 2030-01-01, signed 2026-03-01T10:00:00Z.
inline UtcTime at(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / m / d);
}
inline UtcTime signing_time() { return at(2026, 3, 1) + 10h; }

struct Signer {
  PrivateKey key;
  x509::CertificateDer cert;
};

// Keys are generated once per process (RSA generation is slow) and never change afterwards.
inline const Signer& signer_for(KeyAlgorithm spec, std::string_view name = "Test Signer") {
  struct Slot {
    KeyAlgorithm spec;
    std::string name;
    std::unique_ptr<Signer> signer;
  };
  static std::vector<Slot> slots;
  for (auto& s : slots) {
    if (s.spec == spec && s.name == name) return *s.signer;
  }
  auto key = PrivateKey::generate(spec);
  EXPECT_TRUE(key.has_value());
  ::assay::testing::TestCertificateOptions options;
  options.common_name = std::string(name);
  options.not_before = at(2025, 1, 1);
  options.not_after = at(2030, 1, 1);
  options.serial = static_cast<long>(slots.size() + 1);
  auto cert = ::assay::testing::make_self_signed_certificate(*key, options);
  slots.push_back(Slot{spec, std::string(name), std::make_unique<Signer>(Signer{*key, cert})});
  return *slots.back().signer;
}

inline const Signer& rsa_signer() { return signer_for(KeyAlgorithm::kRsa2048); }

// A trusted-list-shaped document with a root Id and an inner Id (for wrapping attacks).
inline constexpr std::string_view kList = R"(<?xml version="1.0" encoding="UTF-8"?>
<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" Id="TSL-1" TSLTag="http://uri.etsi.org/19612/TSLTag">
  <tsl:SchemeInformation Id="SI-1">
    <tsl:TSLVersionIdentifier>6</tsl:TSLVersionIdentifier>
    <tsl:SchemeOperatorName><tsl:Name xml:lang="en">Operator</tsl:Name></tsl:SchemeOperatorName>
  </tsl:SchemeInformation>
  <tsl:TrustServiceProviderList>
    <tsl:TrustServiceProvider>
      <tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang="en">GoodCorp</tsl:Name></tsl:TSPName></tsl:TSPInformation>
    </tsl:TrustServiceProvider>
  </tsl:TrustServiceProviderList>
</tsl:TrustServiceStatusList>
)";

inline SignOptions default_options() {
  SignOptions o;
  o.signing_time = signing_time();
  return o;
}

inline std::string sign(std::string_view xml, const Signer& s, const SignOptions& options = default_options()) {
  auto signed_doc = sign_enveloped(xml, s.key, s.cert, options);
  EXPECT_TRUE(signed_doc.has_value()) << (signed_doc ? "" : signed_doc.error().message());
  return signed_doc.value_or("");
}

// Parses and verifies; fails the test on parse or internal errors.
inline SignatureReport verify(std::string_view xml, const VerifyOptions& options = {}) {
  auto doc = xml::Document::parse(xml);
  EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message());
  if (!doc) return {};
  auto report = verify_enveloped_signature(**doc, options);
  EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message());
  return report.value_or(SignatureReport{});
}

// Replaces the first occurrence of `from`; the test fails when it is absent.
inline std::string replace_once(std::string s, std::string_view from, std::string_view to) {
  const auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << "not found: " << from;
  if (pos != std::string::npos) s.replace(pos, from.size(), to);
  return s;
}

// The text between `open` and `close` (exclusive), searched from the first `open`.
inline std::string between(const std::string& s, std::string_view open, std::string_view close) {
  const auto b = s.find(open);
  EXPECT_NE(b, std::string::npos) << "not found: " << open;
  if (b == std::string::npos) return {};
  const auto e = s.find(close, b + open.size());
  EXPECT_NE(e, std::string::npos) << "not found: " << close;
  return s.substr(b + open.size(), e - b - open.size());
}

}  // namespace assay::engine::xmldsig::testing
