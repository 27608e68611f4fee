// Document-level time-stamps of ASiC containers (EN 319 162-1 4.3.3.1, 4.4.3, A.6) through
// validate_document, on containers built here with a test TSA: a time-stamp-only ASiC-S (good,
// data changed, no data object), an ASiC-E with a time-stamped ASiCManifest, an ASiCArchiveManifest
// over a signed ASiC-E (good, member changed, member missing), uncovered files; and how the JSON,
// DSS and text views of `assay validate` report them.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>

#include "engine/cms/cades_builder.h"
#include "engine/cms/timestamp_builder.h"
#include "engine/zip/zip_archive.h"
#include "samples/internal/asic_builder.h"
#include "service/dss/dss_reports.h"
#include "service/json/signature_validation_json.h"
#include "service/report/etsi_validation_report.h"
#include "tests/engine/cms/tst_fixture.h"
#include "tests/validation/validation_test_pki.h"
#include "validation/asic/asic_findings.h"
#include "validation/asic/asic_reader.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/signature/document_timestamp.h"

namespace assay::validation {
namespace {

using testing::day;
namespace zip = engine::zip;

constexpr const char* kMimeS = "application/vnd.etsi.asic-s+zip";
constexpr const char* kMimeE = "application/vnd.etsi.asic-e+zip";

class AsicTimestampTest : public ::testing::Test {
 protected:
  std::string token(std::string_view covered) const {
    return *engine::cms::build_timestamp_token(tsa_.spec(std::string(covered)), *tsa_.tsa, tsa_.tsa_key);
  }
  engine::Result<DocumentValidationReport> validate(std::string_view bytes) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(&anchors_);
    ctx.certificates.revocation = &checker_;
    ctx.at = day(2025, 7, 1);
    return validate_document(bytes, {}, ctx);
  }
  // mimetype, the data object, META-INF/timestamp.tst over `stamped` (the data by default).
  std::string asic_s(const std::string& data, std::optional<std::string> stamped = std::nullopt) const {
    return *zip::write_zip({{"mimetype", kMimeS, true},
                            {"deed.txt", data, false},
                            {"META-INF/timestamp.tst", token(stamped.value_or(data)), false}});
  }
  // An ASiC-E with a CAdES signature over an ASiCManifest of `files`, plus extra entries.
  std::string signed_asic_e(const samples::ContainerFiles& files) const {
    samples::ContainerSpec spec;
    spec.asic_e = true;
    spec.cades = true;
    spec.files = files;
    spec.chain_der = {pki_.ca->der()};
    spec.signing_time = day(2025, 5, 1);
    return *samples::build_container(spec, *pki_.ee, testing::test_key(3));
  }
  // The signed ASiC-E with an ASiCArchiveManifest over every member and its time-stamp; then
  // `change` applied to the members (name → new bytes, "" removes it).
  std::string archived(const std::map<std::string, std::string>& change = {}) const {
    const auto base = zip::read_zip(signed_asic_e({{"a.txt", "first"}, {"b.txt", "second"}}));
    samples::ContainerFiles members;
    for (const auto& e : base->entries) {
      if (e.name != "mimetype") members.emplace_back(e.name, e.bytes);
    }
    const auto manifest = samples::asic_archive_manifest(members, "META-INF/timestamp.tst");
    std::vector<zip::ZipWriteEntry> entries;
    for (const auto& e : base->entries) {
      auto it = change.find(e.name);
      if (it != change.end() && it->second.empty()) continue;
      entries.push_back({e.name, it != change.end() ? it->second : e.bytes, e.stored});
    }
    entries.push_back({"META-INF/ASiCArchiveManifest.xml", manifest, false});
    entries.push_back({"META-INF/timestamp.tst", token(manifest), false});
    return *zip::write_zip(entries);
  }
  static std::string outcome(const DocumentTimestampResult& t) {
    return std::string(indication_name(t.report.indication)) + "/" + t.report.subindication;
  }
  static bool has(const engine::Findings& list, std::string_view id, std::string_view text = {}) {
    return std::any_of(list.begin(), list.end(),
                       [&](const engine::Finding& f) { return f.id == id && f.message.find(text) != std::string::npos; });
  }

  testing::TestPki pki_;
  engine::testing_cms::TsaFixture tsa_;
  ExplicitTrustAnchors anchors_{{pki_.root, tsa_.root}};
  testing::ScriptedChecker checker_;
};

TEST_F(AsicTimestampTest, TimestampOnlyAsicSIsAValidDocumentTimestamp) {
  const auto r = validate(asic_s("a deed\n"));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_TRUE(r->signatures.empty());
  EXPECT_EQ(r->container, "ASiC-S");
  ASSERT_EQ(r->timestamps.size(), 1u);
  const auto& t = r->timestamps[0];
  EXPECT_EQ(outcome(t), "PASSED/");
  EXPECT_EQ(t.id, "META-INF/timestamp.tst");
  EXPECT_EQ(t.kind, "asic-timestamp");
  EXPECT_TRUE(t.report.imprint_matches);
  EXPECT_EQ(t.report.gen_time, engine::testing_cms::at("2025-06-01T12:00:00Z"));
  ASSERT_EQ(t.scope.size(), 1u);
  EXPECT_EQ(t.scope[0].name, "deed.txt");
  EXPECT_EQ(t.scope[0].sha256, engine::sha256(std::string_view("a deed\n")));
  // The data object is covered by the time-stamp: not an uncovered file.
  EXPECT_FALSE(has(r->findings, asic::finding::kUnsignedFile));
  EXPECT_TRUE(all_document_timestamps_passed(*r));
}

TEST_F(AsicTimestampTest, DataChangedAfterTimeStampingIsHashFailure) {
  const auto r = validate(asic_s("a deed, amended\n", "a deed\n"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->timestamps.size(), 1u);
  EXPECT_EQ(outcome(r->timestamps[0]), "FAILED/HASH_FAILURE");
  EXPECT_FALSE(r->timestamps[0].report.imprint_matches);
  EXPECT_FALSE(all_document_timestamps_passed(*r));
}

TEST_F(AsicTimestampTest, AnUntrustedTsaIsIndeterminate) {
  ExplicitTrustAnchors signer_only{{pki_.root}};
  SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&signer_only);
  ctx.certificates.revocation = &checker_;
  ctx.at = day(2025, 7, 1);
  const auto r = validate_document(asic_s("a deed\n"), {}, ctx);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->timestamps.size(), 1u);
  EXPECT_EQ(r->timestamps[0].report.indication, Indication::kIndeterminate);
}

TEST_F(AsicTimestampTest, AsicSWithoutADataObjectIsAFormatFailure) {
  const auto bytes = *zip::write_zip({{"mimetype", kMimeS, true}, {"META-INF/timestamp.tst", token("x"), false}});
  const auto r = validate(bytes);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->timestamps.size(), 1u);
  EXPECT_NE(r->timestamps[0].report.indication, Indication::kPassed);
  EXPECT_TRUE(has(r->timestamps[0].findings, asic::finding::kAsicSDataObjects));
}

TEST_F(AsicTimestampTest, AsicEWithATimeStampedAsicManifestCoversItsFiles) {
  const samples::ContainerFiles files{{"a.txt", "first"}, {"b.txt", "second"}};
  std::string manifest = samples::asic_manifest(files, "META-INF/timestamp.tst");
  const auto bytes = *zip::write_zip({{"mimetype", kMimeE, true},
                                      {"a.txt", "first", false},
                                      {"b.txt", "second", false},
                                      {"c.txt", "not covered", false},
                                      {"META-INF/ASiCManifest.xml", manifest, false},
                                      {"META-INF/timestamp.tst", token(manifest), false}});
  const auto r = validate(bytes);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->container, "ASiC-E");
  ASSERT_EQ(r->timestamps.size(), 1u);
  EXPECT_EQ(outcome(r->timestamps[0]), "PASSED/");
  std::vector<std::string> names;
  for (const auto& e : r->timestamps[0].scope) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"META-INF/ASiCManifest.xml", "a.txt", "b.txt"}));
  // c.txt: no signature, no time-stamp.
  EXPECT_TRUE(has(r->findings, asic::finding::kUnsignedFile, "c.txt"));
  EXPECT_FALSE(has(r->findings, asic::finding::kUnsignedFile, "a.txt"));
}

TEST_F(AsicTimestampTest, ArchiveManifestTimestampIsADocumentAndAnArchiveTimestamp) {
  const auto r = validate(archived());
  ASSERT_TRUE(r);
  ASSERT_EQ(r->signatures.size(), 1u);
  EXPECT_EQ(r->signatures[0].indication, MainIndication::kTotalPassed);
  ASSERT_EQ(r->timestamps.size(), 1u);
  const auto& t = r->timestamps[0];
  EXPECT_EQ(t.kind, "asic-archive-manifest");
  EXPECT_EQ(outcome(t), "PASSED/");
  std::vector<std::string> names;
  for (const auto& e : t.scope) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"META-INF/ASiCArchiveManifest.xml", "a.txt", "b.txt",
                                             "META-INF/ASiCManifest.xml", "META-INF/signature001.p7s"}));
  // The same token is the signature's archive time-stamp.
  const auto& sts = r->signatures[0].timestamps;
  ASSERT_FALSE(sts.empty());
  EXPECT_EQ(sts.back().kind, EmbeddedTimestamp::Kind::kArchive);
  EXPECT_EQ(sts.back().report.indication, Indication::kPassed);
}

TEST_F(AsicTimestampTest, AMemberChangedAfterArchivingFailsTheTimestampNamingIt) {
  const auto r = validate(archived({{"b.txt", "SECOND"}}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->timestamps.size(), 1u);
  const auto& t = r->timestamps[0];
  EXPECT_EQ(outcome(t), "FAILED/HASH_FAILURE");
  EXPECT_TRUE(has(t.findings, document_timestamp_finding::kCoveredDataChanged, "'b.txt'"));
  EXPECT_FALSE(has(t.findings, document_timestamp_finding::kCoveredDataChanged, "a.txt"));
  // The signature over b.txt fails too, and its copy of the archive time-stamp proves nothing.
  ASSERT_EQ(r->signatures.size(), 1u);
  EXPECT_EQ(r->signatures[0].indication, MainIndication::kTotalFailed);
  for (const auto& s : r->signatures[0].timestamps) {
    if (s.kind == EmbeddedTimestamp::Kind::kArchive) {
      EXPECT_EQ(s.report.indication, Indication::kFailed);
    }
  }
}

TEST_F(AsicTimestampTest, AMemberMissingSinceArchivingIsSignedDataNotFound) {
  const auto r = validate(archived({{"b.txt", ""}}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->timestamps.size(), 1u);
  EXPECT_EQ(outcome(r->timestamps[0]), "INDETERMINATE/SIGNED_DATA_NOT_FOUND");
  EXPECT_TRUE(has(r->timestamps[0].findings, document_timestamp_finding::kCoveredDataMissing, "'b.txt'"));
}

TEST_F(AsicTimestampTest, AStrayTimestampInAnAsicEIsNotValidated) {
  const auto bytes = *zip::write_zip({{"mimetype", kMimeE, true},
                                      {"a.txt", "first", false},
                                      {"META-INF/timestamp.tst", token("first"), false}});
  const auto r = validate(bytes);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->timestamps.empty());
  EXPECT_TRUE(has(r->findings, asic::finding::kTimestampNotUsed));
  EXPECT_TRUE(has(r->findings, asic::finding::kUnsignedFile, "a.txt"));
}

TEST_F(AsicTimestampTest, FlippedTimestampContainerBytesNeverCrashNorPass) {
  const auto bytes = asic_s("a deed\n");
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::string mutated = bytes;
    mutated[i] = static_cast<char>(mutated[i] ^ 0x5a);
    const auto r = validate(mutated);
    if (!r || r->timestamps.empty() || r->timestamps[0].report.indication != Indication::kPassed) continue;
    const auto zipped = zip::read_zip(mutated);
    ASSERT_TRUE(zipped);
    EXPECT_EQ(zipped->find("deed.txt")->bytes, "a deed\n") << i;
  }
}

TEST_F(AsicTimestampTest, ReportsListDocumentTimestamps) {
  const auto good = validate(asic_s("a deed\n"));
  ASSERT_TRUE(good);
  // JSON (assay validate --json, the HTTP API).
  const auto json = service::json::signature_validation_json(*good, true);
  EXPECT_EQ(json.at("signatures_count").as_uint64(), 0u);
  EXPECT_EQ(json.at("timestamps_count").as_uint64(), 1u);
  EXPECT_EQ(json.at("valid_timestamps_count").as_uint64(), 1u);
  EXPECT_EQ(json.at("container").as_string(), "ASiC-S");
  const auto& t = json.at("timestamps").as_array().at(0).as_object();
  EXPECT_EQ(t.at("id").as_string(), "META-INF/timestamp.tst");
  EXPECT_EQ(t.at("indication").as_string(), "PASSED");
  EXPECT_EQ(t.at("scope").as_array().at(0).as_object().at("name").as_string(), "deed.txt");
  EXPECT_TRUE(t.at("detailed").as_object().at("imprint_matches").as_bool());
  // DSS: a Timestamp entry in the SimpleReport with its scope and file name.
  const auto xml = service::report::etsi_validation_report_xml(*good);
  const auto dss = service::dss::ws_reports_json(*good, "deed.asics", xml);
  const auto& simple = dss.at("SimpleReport").as_object();
  EXPECT_EQ(simple.at("ContainerType").as_string(), "ASiC-S");
  EXPECT_EQ(simple.at("SignaturesCount").as_uint64(), 0u);
  const auto& entries = simple.at("signatureOrTimestampOrEvidenceRecord").as_array();
  ASSERT_EQ(entries.size(), 1u);
  const auto& tst = entries[0].as_object().at("Timestamp").as_object();
  EXPECT_EQ(tst.at("Indication").as_string(), "PASSED");
  EXPECT_EQ(tst.at("Filename").as_string(), "META-INF/timestamp.tst");
  EXPECT_EQ(tst.at("TimestampScope").as_array().at(0).as_object().at("name").as_string(), "deed.txt");
  EXPECT_EQ(tst.at("ProductionTime").as_string(), "2025-06-01T12:00:00Z");
  EXPECT_EQ(dss.at("DetailedReport").as_object().at("signatureOrTimestampOrEvidenceRecord").as_array().size(), 1u);
  // ETSI: a timestamp validation object providing POE at genTime for the data object.
  EXPECT_NE(xml.find("urn:etsi:019102:validationObject:timestamp"), std::string::npos);
  EXPECT_NE(xml.find("<POEProvisioning><POETime>2025-06-01T12:00:00Z</POETime>"), std::string::npos);
  EXPECT_NE(xml.find("urn:etsi:019102:validationObject:signedData"), std::string::npos);

  const auto bad = validate(asic_s("a deed, amended\n", "a deed\n"));
  ASSERT_TRUE(bad);
  const auto bad_json = service::json::signature_validation_json(*bad, false);
  EXPECT_EQ(bad_json.at("valid_timestamps_count").as_uint64(), 0u);
  EXPECT_EQ(bad_json.at("timestamps").as_array().at(0).as_object().at("subindication").as_string(), "HASH_FAILURE");
  EXPECT_EQ(service::report::etsi_validation_report_xml(*bad).find("<POEProvisioning>"), std::string::npos);
}

}  // namespace
}  // namespace assay::validation
