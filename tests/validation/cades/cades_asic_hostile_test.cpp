// Hostile CMS and ZIP input through validate_document: a clear error or a failing signature,
// never a crash — truncated CMS, indefinite-length BER (refused inside the signed attributes,
// normalised outside), 10,000 SignerInfos, and for ASiC zip bombs, traversal names, duplicates,
// a central directory lying about sizes; and the ASiC container rules on containers built here
// (ASiC-S / ASiC-E with XAdES-less CAdES signatures, a tampered member, an extra unsigned file).
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/base64.h"
#include "engine/cms/cades_builder.h"
#include "engine/x509/ocsp_response.h"
#include "engine/zip/zip_archive.h"
#include "samples/internal/asic_builder.h"
#include "tests/validation/validation_test_pki.h"
#include "validation/asic/asic_findings.h"
#include "validation/asic/asic_reader.h"
#include "validation/cades/cades_findings.h"
#include "validation/cades/cades_reader.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"

namespace assay::validation {
namespace {

using testing::day;
namespace cms = engine::cms;
namespace zip = engine::zip;

// Re-encodes DER with indefinite lengths on every constructed element up to `max_depth` (0 =
// the outermost), leaving deeper elements as they are.
std::string to_indefinite(std::string_view der, int max_depth, int depth = 0) {
  std::string out;
  std::size_t pos = 0;
  while (pos < der.size()) {
    const auto tag = static_cast<unsigned char>(der[pos]);
    std::size_t length = static_cast<unsigned char>(der[pos + 1]);
    std::size_t header = 2;
    if (length & 0x80) {
      const std::size_t n = length & 0x7f;
      length = 0;
      for (std::size_t i = 0; i < n; ++i) length = (length << 8) | static_cast<unsigned char>(der[pos + 2 + i]);
      header += n;
    }
    const auto value = der.substr(pos + header, length);
    if ((tag & 0x20) && depth <= max_depth) {
      out.push_back(static_cast<char>(tag));
      out.push_back('\x80');
      out += to_indefinite(value, max_depth, depth + 1);
      out.append(2, '\0');
    } else {
      out += der.substr(pos, header + length);
    }
    pos += header + length;
  }
  return out;
}

class HostileTest : public ::testing::Test {
 protected:
  std::string cades(bool detached = false, std::string content = "a contract\n") const {
    cms::CadesSpec s;
    s.content = std::move(content);
    s.detached = detached;
    s.signing_time = day(2025, 5, 1);
    s.chain = {pki_.ca};
    return *cms::build_cades(s, *pki_.ee, testing::test_key(3));
  }
  engine::Result<DocumentValidationReport> validate(std::string_view bytes, std::vector<DetachedFile> detached = {}) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(&anchors_);
    ctx.certificates.revocation = &checker_;
    ctx.at = day(2025, 7, 1);
    return validate_document(bytes, detached, ctx);
  }
  static std::string outcome(const engine::Result<DocumentValidationReport>& r) {
    if (!r) return "error";
    if (r->signatures.empty()) return "none";
    const auto& s = r->signatures.front();
    return std::string(main_indication_name(s.indication)) + "/" + s.subindication;
  }
  static bool has_finding(const SignatureValidationReport& r, std::string_view id) {
    const auto* fc = r.block("FC");
    if (!fc) return false;
    for (const auto& c : fc->constraints) {
      if (c.id.find(id) != std::string::npos) return true;
    }
    return false;
  }
  testing::TestPki pki_;
  ExplicitTrustAnchors anchors_{{pki_.root}};
  testing::ScriptedChecker checker_;
};

TEST_F(HostileTest, EveryTruncationIsAClearError) {
  const auto bytes = cades();
  for (std::size_t n = 0; n < bytes.size(); n += 7) {
    const auto r = cades::read_cades(std::string_view(bytes).substr(0, n));
    EXPECT_FALSE(r.has_value()) << n;
  }
  EXPECT_EQ(outcome(validate(bytes.substr(0, bytes.size() / 2))), "error");
}

TEST_F(HostileTest, BerOutsideTheSignedAttributesIsNormalisedInsideRefused) {
  const auto der = cades();
  // ContentInfo, [0], SignedData: indefinite lengths, as streaming encoders write them.
  const auto outer = to_indefinite(der, 2);
  ASSERT_NE(outer, der);
  const auto ok = validate(outer);
  EXPECT_EQ(outcome(ok), "TOTAL_PASSED/");
  // Everything, the signed attributes included: RFC 5652 5.4 requires DER there.
  const auto all = validate(to_indefinite(der, 64));
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(outcome(all), "TOTAL_FAILED/FORMAT_FAILURE");
  EXPECT_TRUE(has_finding(all->signatures.at(0), cades::finding::kSignedAttributesBer));
  // BER with a missing end-of-contents is an error.
  auto broken = outer;
  broken.resize(broken.size() - 2);
  EXPECT_EQ(outcome(validate(broken)), "error");
}

TEST_F(HostileTest, TenThousandSignerInfosAreRefused) {
  const auto der = cades();
  auto sd = cms::SignedData::parse_der(der);
  ASSERT_TRUE(sd);
  // Rebuild the SignedData with its one SignerInfo repeated: the reader's limit says no. The
  // SignerInfo is the SEQUENCE whose contents start with its signed fields (a 2..4 byte header).
  const auto at = der.find(sd.value()->signer_infos()[0].signed_fields_der);
  ASSERT_NE(at, std::string::npos);
  std::string signer_info;
  for (std::size_t h = 4; h >= 2 && signer_info.empty(); --h) {
    if (static_cast<unsigned char>(der[at - h]) == 0x30) signer_info = der.substr(at - h);
  }
  ASSERT_FALSE(signer_info.empty());
  std::string many;
  for (int i = 0; i < 10000; ++i) many += signer_info;
  auto to_tlv = [](unsigned char tag, const std::string& v) {
    std::string out(1, static_cast<char>(tag));
    std::string len;
    for (std::size_t l = v.size(); l; l >>= 8) len.insert(len.begin(), static_cast<char>(l & 0xff));
    if (v.size() < 0x80) {
      out.push_back(static_cast<char>(v.size()));
    } else {
      out.push_back(static_cast<char>(0x80 | len.size()));
      out += len;
    }
    return out + v;
  };
  // SignedData: version, digestAlgorithms, encapContentInfo, certificates as in the original.
  const std::string body = "\x02\x01\x01" + to_tlv(0x31, to_tlv(0x30, std::string("\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01", 11))) +
                           to_tlv(0x30, std::string("\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01", 11)) +
                           to_tlv(0xa0, pki_.ee->der()) + to_tlv(0x31, many);
  const std::string content_info =
      to_tlv(0x30, std::string("\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02", 11) + to_tlv(0xa0, to_tlv(0x30, body)));
  const auto r = cades::read_cades(content_info);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), engine::Code::kResourceExhausted) << r.error().message();
}

TEST_F(HostileTest, FlippedBytesNeverCrashAndNeverPass) {
  const auto der = cades();
  int errors = 0, reports = 0;
  for (std::size_t i = 0; i < der.size(); i += 3) {
    std::string mutated = der;
    mutated[i] = static_cast<char>(mutated[i] ^ 0x5a);
    const auto r = validate(mutated);
    if (!r) {
      ++errors;
      continue;
    }
    ++reports;
    // A changed byte may sit in an unsigned certificate copy or a length the parser reads the
    // same, but never makes a signature that passes unless the signed bytes are untouched.
    for (const auto& s : r->signatures) {
      if (s.indication == MainIndication::kTotalPassed) {
        EXPECT_EQ(s.signature_value_sha256, engine::sha256(cms::SignedData::parse_der(der).value()->signer_infos()[0].signature))
            << i;
      }
    }
  }
  EXPECT_GT(errors, 0);
  EXPECT_GT(reports, 0);
}

// ---- ASiC --------------------------------------------------------------------------------------

TEST_F(HostileTest, ZipLimitsGiveClearErrors) {
  const auto bomb = zip::write_zip({{"mimetype", "application/vnd.etsi.asic-e+zip", true},
                                    {"zeros.bin", std::string(4u << 20, '\0'), false}});
  ASSERT_TRUE(bomb);
  auto r = zip::read_zip(*bomb);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), engine::Code::kResourceExhausted) << r.error().message();
  EXPECT_EQ(outcome(validate(*bomb)), "error");

  zip::ZipLimits few;
  few.max_entries = 2;
  auto three = zip::write_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}});
  ASSERT_TRUE(three);
  EXPECT_EQ(zip::read_zip(*three, few).error().code(), engine::Code::kResourceExhausted);

  // Names: the writer refuses them, so patch a written archive (same length names).
  auto named = zip::write_zip({{"xx/evil.txt", "boom"}, {"ok.txt", "fine"}, {"ok2txt", "dup"}});
  ASSERT_TRUE(named);
  const auto patch = [&](std::string from, std::string to) {
    std::string bytes = *named;
    for (auto at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + 1)) bytes.replace(at, from.size(), to);
    return bytes;
  };
  for (const auto& bad : {patch("xx/evil", "../evil"), patch("xx/evil", "/x/evil"), patch("ok2txt", "ok.txt")}) {
    auto read = zip::read_zip(bad);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code(), engine::Code::kMalformed) << read.error().message();
  }
}

TEST_F(HostileTest, ACentralDirectoryLyingAboutSizesIsAnError) {
  auto archive = zip::write_zip({{"file.txt", "sixteen bytes!!!", true}});
  ASSERT_TRUE(archive);
  // Central directory header: uncompressed size at offset 24, compressed at 20.
  const auto cd = archive->find("PK\x01\x02");
  ASSERT_NE(cd, std::string::npos);
  for (std::size_t field : {20u, 24u}) {
    for (unsigned char value : {0x05, 0xff}) {
      std::string lying = *archive;
      lying[cd + field] = static_cast<char>(value);
      auto r = zip::read_zip(lying);
      EXPECT_FALSE(r) << field << " " << int(value);
      EXPECT_EQ(outcome(validate(lying)), "error");
    }
  }
}

class AsicTest : public HostileTest {
 protected:
  // An ASiC-E with CAdES: the signature covers the ASiCManifest listing `files`.
  std::string asic_e(const std::vector<std::pair<std::string, std::string>>& files,
                     const std::vector<std::pair<std::string, std::string>>& extra = {}) const {
    std::string manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><asic:ASiCManifest xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\" "
        "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><asic:SigReference URI=\"META-INF/signature001.p7s\" "
        "MimeType=\"application/x-pkcs7-signature\"/>";
    for (const auto& [name, bytes] : files) {
      manifest += "<asic:DataObjectReference URI=\"" + name +
                  "\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>" +
                  engine::base64_encode(engine::digest_by_oid("2.16.840.1.101.3.4.2.1", bytes).value()) +
                  "</ds:DigestValue></asic:DataObjectReference>";
    }
    manifest += "</asic:ASiCManifest>";
    std::vector<zip::ZipWriteEntry> entries{{"mimetype", "application/vnd.etsi.asic-e+zip", true}};
    for (const auto& [name, bytes] : files) entries.push_back({name, bytes});
    for (const auto& [name, bytes] : extra) entries.push_back({name, bytes});
    entries.push_back({"META-INF/ASiCManifest.xml", manifest});
    entries.push_back({"META-INF/signature001.p7s", cades(true, manifest)});
    return *zip::write_zip(entries);
  }
};

TEST_F(AsicTest, AsicEWithCadesPassesAndReportsItsScope) {
  const auto r = validate(asic_e({{"a.txt", "first"}, {"b.txt", "second"}}));
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  ASSERT_TRUE(r);
  std::vector<std::string> names;
  for (const auto& e : r->signatures.at(0).scope) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"META-INF/ASiCManifest.xml", "a.txt", "b.txt"}));
}

TEST_F(AsicTest, ATamperedMemberIsHashFailure) {
  auto bytes = asic_e({{"a.txt", "first"}, {"b.txt", "second"}});
  // Same length, other content (stored entries would show it; deflated ones fail the CRC), so
  // rebuild the container with a changed member instead.
  const auto good = asic::read_asic(bytes);
  ASSERT_TRUE(good);
  auto zipped = zip::read_zip(bytes);
  ASSERT_TRUE(zipped);
  std::vector<zip::ZipWriteEntry> entries;
  for (const auto& e : zipped->entries) entries.push_back({e.name, e.name == "b.txt" ? "SECOND" : e.bytes, e.stored});
  EXPECT_EQ(outcome(validate(*zip::write_zip(entries))), "TOTAL_FAILED/HASH_FAILURE");
  // A member removed: the manifest names it, it is not there.
  entries.erase(std::remove_if(entries.begin(), entries.end(), [](const auto& e) { return e.name == "b.txt"; }), entries.end());
  EXPECT_EQ(outcome(validate(*zip::write_zip(entries))), "INDETERMINATE/SIGNED_DATA_NOT_FOUND");
}

TEST_F(AsicTest, FlippedContainerBytesNeverCrash) {
  const auto bytes = asic_e({{"a.txt", "first"}, {"b.txt", "second"}});
  for (std::size_t i = 0; i < bytes.size(); i += 5) {
    std::string mutated = bytes;
    mutated[i] = static_cast<char>(mutated[i] ^ 0xff);
    // ZIP metadata, a CRC, a signed member, the signature: an error or a report, never a crash
    // (the sanitizer build runs this). A flipped signed byte fails libzip's CRC or the digests.
    const auto r = validate(mutated);
    if (r && !r->signatures.empty() && r->signatures[0].indication == MainIndication::kTotalPassed) {
      const auto zipped = zip::read_zip(mutated);
      ASSERT_TRUE(zipped);
      EXPECT_EQ(zipped->find("a.txt")->bytes, "first") << i;
      EXPECT_EQ(zipped->find("b.txt")->bytes, "second") << i;
    }
  }
}

TEST_F(AsicTest, AnExtraUnsignedFileIsAWarning) {
  const auto bytes = asic_e({{"a.txt", "first"}}, {{"added-later.txt", "not signed"}});
  auto read = asic::read_asic(bytes);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->unsigned_files, std::vector<std::string>{"added-later.txt"});
  const auto r = validate(bytes);
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  EXPECT_TRUE(has_finding(r->signatures.at(0), asic::finding::kUnsignedFile));
}

TEST_F(AsicTest, AsicSRules) {
  const std::string data = "the only data object";
  const auto good = zip::write_zip({{"mimetype", "application/vnd.etsi.asic-s+zip", true},
                                    {"doc.txt", data},
                                    {"META-INF/signature.p7s", cades(true, data)}});
  ASSERT_TRUE(good);
  auto read = asic::read_asic(*good);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->type, asic::ContainerType::kAsicS);
  EXPECT_EQ(outcome(validate(*good)), "TOTAL_PASSED/");
  const auto two = zip::write_zip({{"mimetype", "application/vnd.etsi.asic-s+zip", true},
                                   {"doc.txt", data},
                                   {"other.txt", "x"},
                                   {"META-INF/signature.p7s", cades(true, data)}});
  EXPECT_EQ(outcome(validate(*two)), "TOTAL_FAILED/FORMAT_FAILURE");
  const auto bad_mime = zip::write_zip({{"mimetype", "application/zip", true},
                                        {"doc.txt", data},
                                        {"META-INF/signature.p7s", cades(true, data)}});
  EXPECT_EQ(outcome(validate(*bad_mime)), "TOTAL_FAILED/FORMAT_FAILURE");
  // mimetype compressed: a warning only.
  const auto deflated = zip::write_zip({{"mimetype", "application/vnd.etsi.asic-s+zip", false},
                                        {"doc.txt", data},
                                        {"META-INF/signature.p7s", cades(true, data)}});
  const auto r = validate(*deflated);
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  EXPECT_TRUE(has_finding(r->signatures.at(0), asic::finding::kMimetypePlacement));
}

TEST_F(AsicTest, AsicWithXadesUsesTheContainerFilesAsDetachedContent) {
  samples::ContainerSpec spec;
  spec.files = {{"a.txt", "first"}, {"dir/b.txt", "second"}};
  spec.signing_time = day(2025, 5, 1);
  spec.chain_der = {pki_.ca->der()};
  auto e = samples::build_container(spec, *pki_.ee, testing::test_key(3));
  ASSERT_TRUE(e) << e.error().message();
  const auto r = validate(*e);
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->signatures.at(0).level, "XAdES-BASELINE-B");
  // A changed member: the XAdES reference to it no longer matches.
  auto zipped = zip::read_zip(*e);
  ASSERT_TRUE(zipped);
  std::vector<zip::ZipWriteEntry> entries;
  for (const auto& x : zipped->entries) entries.push_back({x.name, x.name == "a.txt" ? "FIRST" : x.bytes, x.stored});
  EXPECT_EQ(outcome(validate(*zip::write_zip(entries))), "TOTAL_FAILED/HASH_FAILURE");
  // ASiC-S with XAdES.
  spec.asic_e = false;
  spec.files.pop_back();
  auto s = samples::build_container(spec, *pki_.ee, testing::test_key(3));
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_EQ(outcome(validate(*s)), "TOTAL_PASSED/");
  EXPECT_EQ(asic::read_asic(*s)->type, asic::ContainerType::kAsicS);
}

}  // namespace
}  // namespace assay::validation
