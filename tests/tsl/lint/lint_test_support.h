// Helpers for the lint tests: a fixture list that passes every error rule, lint runs on XML
// text, and certificates built in the test.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/authentication.h"
#include "tsl/lint/lint_ids.h"
#include "tsl/lint/linter.h"

namespace assay::testing {

inline constexpr char kEuCommon[] = "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon";

inline engine::UtcTime at(const char* text) { return *engine::parse_utc_time(text); }

// The trust time every test uses unless it says otherwise (inside the fixture's validity).
inline engine::UtcTime default_trust_time() { return at("2026-03-01T00:00:00Z"); }

// "<Extension><AdditionalServiceInformation><URI>..ForeSignatures</URI>..." for a service.
inline std::string asi_xml(const std::string& name) {
  return "<Extension Critical=\"false\"><AdditionalServiceInformation><URI xml:lang=\"en\">"
         "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/" + name + "</URI></AdditionalServiceInformation></Extension>";
}

inline std::string qualifier(const std::string& name) {
  return "<sie:Qualifier uri=\"http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/" + name + "\"/>";
}

inline std::string certificate_id(const engine::CertificatePtr& c) {
  return "<DigitalId><X509Certificate>" + engine::base64_encode(c->der()) + "</X509Certificate></DigitalId>";
}

// A self-signed certificate built from `spec` with a fresh P-256 key (or `key` when given).
inline engine::CertificatePtr make_certificate(engine::CertificateSpec spec, const engine::PrivateKey* key = nullptr) {
  if (spec.subject.empty()) spec.subject = {{"C", "XA"}, {"O", "Sample TSP"}, {"CN", "Sample CA"}};
  if (spec.not_before == engine::UtcTime{}) spec.not_before = at("2019-01-01T00:00:00Z");
  if (spec.not_after == engine::UtcTime{}) spec.not_after = at("2030-01-01T00:00:00Z");
  auto generated = key ? std::optional<engine::PrivateKey>() : engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256).value();
  auto c = engine::build_self_signed(spec, key ? *key : *generated);
  EXPECT_TRUE(c.has_value()) << (c ? "" : c.error().message());
  return *c;
}

// A CA certificate fit for a CA/QC service.
inline engine::CertificatePtr ca_certificate() {
  engine::CertificateSpec spec;
  spec.ca = true;
  spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kKeyCertSign, engine::KeyUsageBit::kCrlSign});
  return make_certificate(spec);
}

// The pointer to the EU LOTL that every national list carries.
inline std::string lotl_pointer_xml(const engine::CertificatePtr& signer) {
  return "<OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity>" + certificate_id(signer) +
         "</ServiceDigitalIdentity></ServiceDigitalIdentities>"
         "<TSLLocation>https://ec.europa.eu/tools/lotl/eu-lotl.xml</TSLLocation><AdditionalInformation>"
         "<OtherInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists</TSLType></OtherInformation>"
         "<OtherInformation><SchemeTerritory>EU</SchemeTerritory></OtherInformation>"
         "<OtherInformation><tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType></OtherInformation>"
         "</AdditionalInformation></OtherTSLPointer>";
}

// A CA/QC service granted since 2020 with ForeSignatures, identified by a proper CA certificate.
inline std::string clean_service(const std::string& extensions = asi_xml("ForeSignatures")) {
  return service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z", extensions, "", certificate_id(ca_certificate()));
}

// The shared fixture made conformant: territory rules, a LOTL pointer, a clean service.
inline ListFixture clean_fixture() {
  ListFixture f;
  f.pointers = lotl_pointer_xml(ca_certificate());
  f.providers = provider_xml("Sample TSP", clean_service());
  return f;
}

// The fixture's XML with the territory's community rules added (the shared fixture only has
// EUcommon), then `from` replaced by `to` once (when `from` is not empty).
inline std::string xml_of(const ListFixture& f, const std::string& from = "", const std::string& to = "") {
  std::string xml = f.xml();
  const std::string eu = std::string("<URI xml:lang=\"en\">") + kEuCommon + "</URI>";
  if (auto at = xml.find(eu); at != std::string::npos) {
    xml.insert(at + eu.size(),
               "<URI xml:lang=\"en\">http://uri.etsi.org/TrstSvc/TrustedList/schemerules/" + f.territory + "</URI>");
  }
  if (!from.empty()) {
    const auto at = xml.find(from);
    EXPECT_NE(at, std::string::npos) << "test edit target not found: " << from;
    if (at != std::string::npos) xml.replace(at, from.size(), to);
  }
  return xml;
}

inline tsl::lint::LintedList lint_xml(const std::string& xml, engine::UtcTime trust_time = default_trust_time()) {
  auto loaded = tsl::load_list("test.xml", xml);
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message());
  tsl::lint::LintListsOptions options;
  options.rules.trust_time = trust_time;
  std::vector<tsl::LoadedList> lists{*loaded};
  return std::move(tsl::lint::lint_lists(lists, options).front());
}

inline std::vector<std::string> ids(const tsl::lint::LintedList& l) {
  std::vector<std::string> out;
  for (const auto& f : l.findings) out.push_back(f.id);
  return out;
}

inline std::vector<std::string> error_ids(const tsl::lint::LintedList& l) {
  std::vector<std::string> out;
  for (const auto& f : l.findings) {
    if (f.severity == engine::Severity::kError) out.push_back(f.id);
  }
  return out;
}

inline const tsl::lint::LintFinding* find(const tsl::lint::LintedList& l, const std::string& id) {
  for (const auto& f : l.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

}  // namespace assay::testing
