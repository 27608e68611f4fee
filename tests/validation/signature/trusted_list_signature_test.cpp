// Every real trusted list of ../shared/corpus (eu-2019-09, eu-2026-08, lotl-history, tl-history,
// pivots) validated end to end through validation::validate_document as an ordinary XAdES
// signature (issue 15, "Conformance and real data"):
// - with its signer certificate (the ds:X509Certificate of its ds:KeyInfo) as the only explicit
//   trust anchor, at a time inside the signer's validity → TOTAL_PASSED. The time is the list's
//   own claimed signing time when the certificate was valid then (the instant the signer vouched
//   for), else the certificate's notBefore + 1 day. An anchor needs no revocation data
//   (VALIDATION.md §3, RevocationDataSkip for anchors), so none is given and no network is used.
// - with one content byte changed (a digit of TSLVersionIdentifier) → TOTAL_FAILED/HASH_FAILURE.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "engine/base64.h"
#include "tests/support/corpus.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"

namespace assay::validation {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> xml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The text of the first element whose local name is `name` after `from` ("" when none).
std::string element_text(const std::string& xml, std::string_view name, std::size_t from = 0) {
  for (auto pos = xml.find(name, from); pos != std::string::npos; pos = xml.find(name, pos + 1)) {
    const char before = pos > 0 ? xml[pos - 1] : '\0';
    const auto end_name = pos + name.size();
    if ((before != '<' && before != ':') || end_name >= xml.size()) continue;
    // Only an opening tag: `<name>` or `<name attr...>`, not `</name>`.
    const auto tag_start = xml.rfind('<', pos);
    if (tag_start == std::string::npos || xml[tag_start + 1] == '/') continue;
    if (xml[end_name] != '>' && xml[end_name] != ' ') continue;
    const auto open_end = xml.find('>', end_name);
    const auto close = xml.find('<', open_end);
    if (open_end == std::string::npos || close == std::string::npos) return "";
    return xml.substr(open_end + 1, close - open_end - 1);
  }
  return "";
}

// The signer certificate the list announces: the first X509Certificate of its ds:KeyInfo.
engine::CertificatePtr key_info_certificate(const std::string& xml) {
  const auto key_info = xml.find("KeyInfo");
  if (key_info == std::string::npos) return nullptr;
  std::string text = element_text(xml, "X509Certificate", key_info);
  std::erase_if(text, [](char c) { return c == '\n' || c == '\r' || c == ' ' || c == '\t'; });
  const auto der = engine::base64_decode(text);
  if (!der) return nullptr;
  auto cert = engine::Certificate::parse_der(*der);
  return cert ? *cert : nullptr;
}

TEST(TrustedListSignatures, EveryRealListPassesWithItsSignerAsAnchorAndFailsWhenChanged) {
  ASSAY_REQUIRE_SHARED();
  std::size_t lists = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const char* sub : {"eu-2019-09", "eu-2026-08", "lotl-history", "tl-history", "pivots"}) {
    for (const auto& file : xml_files(::assay::testing::shared_dir() / "corpus" / sub)) {
      const std::string name = std::string(sub) + "/" + file.filename().string();
      const std::string bytes = ::assay::testing::read_bytes(file);
      const auto signer = key_info_certificate(bytes);
      ASSERT_NE(signer, nullptr) << name << ": no readable KeyInfo certificate";
      ++lists;

      auto at = signer->not_before() + std::chrono::days(1);
      std::string when = "notBefore + 1 day";
      if (auto claimed = engine::parse_utc_time(element_text(bytes, "SigningTime")); claimed && signer->is_valid_at(*claimed)) {
        at = *claimed;
        when = "its signing time";
      }
      const ExplicitTrustAnchors anchors({signer});
      SignatureValidationContext context;
      context.certificates.anchors.push_back(&anchors);
      context.at = at;

      auto report = validate_document(bytes, {}, context);
      ASSERT_TRUE(report.has_value()) << name << ": " << report.error().message();
      ASSERT_EQ(report->signatures.size(), 1u) << name;
      const auto& s = report->signatures[0];
      std::string errors;
      for (const auto& e : s.errors()) errors += "\n  " + e.id + ": " + e.message;
      EXPECT_EQ(s.indication, MainIndication::kTotalPassed)
          << name << " at " << engine::format_utc_time(at) << " (" << when << "): " << main_indication_name(s.indication)
          << "/" << s.subindication << errors;

      std::string changed = bytes;
      const auto pos = changed.find("TSLVersionIdentifier>");
      ASSERT_NE(pos, std::string::npos) << name;
      char& digit = changed[pos + 21];
      digit = digit == '9' ? '8' : static_cast<char>(digit + 1);
      auto tampered = validate_document(changed, {}, context);
      ASSERT_TRUE(tampered.has_value()) << name << ": " << tampered.error().message();
      ASSERT_EQ(tampered->signatures.size(), 1u) << name;
      EXPECT_EQ(tampered->signatures[0].indication, MainIndication::kTotalFailed) << name << " changed";
      EXPECT_EQ(tampered->signatures[0].subindication, sub::kHashFailure) << name << " changed";
    }
  }
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  std::cout << lists << " trusted lists validated twice (original, changed) in " << ms << " ms\n";
  EXPECT_EQ(lists, 110u);
}

}  // namespace
}  // namespace assay::validation
