// MirrorOnlineSource (validation/online/mirror_online_source.h) over the committed sample
// federation's revocation-urls.tsv: CRLs and caIssuers by URL, OCSP responders as folders of
// pre-produced responses answered by the request's CertID; and the setup errors of a broken map.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/x509/ocsp_response.h"
#include "tests/engine/store/store_test_util.h"
#include "tests/tsl/qualification/federation_snapshot.h"
#include "validation/online/mirror_online_source.h"

namespace assay::validation {
namespace {

using tsl::testing_support::read_chain;
using tsl::testing_support::slurp;
namespace fs = std::filesystem;

fs::path federation_dir() { return fs::path(ASSAY_SOURCE_DIR) / "samples/federation"; }
engine::UtcTime pinned() { return *engine::parse_utc_time("2026-01-15T00:00:00Z"); }

class MirrorOnlineSourceTest : public engine::store::testutil::StoreDirTest {};

TEST_F(MirrorOnlineSourceTest, OcspRequestsAreAnsweredByCertIdAndFilesByUrl) {
  auto source = MirrorOnlineSource::open(federation_dir() / "revocation-urls.tsv", nullptr, nullptr, pinned);
  ASSERT_TRUE(source.has_value()) << source.error().message();
  EXPECT_EQ((*source)->responders().size(), 2u);
  int answered = 0;
  for (const auto& entry : fs::directory_iterator(federation_dir() / "validation")) {
    const auto chain = read_chain(entry.path());
    ASSERT_EQ(chain.size(), 2u) << entry.path();
    const auto& ee = *chain[0];
    const std::string id = entry.path().stem().string();
    SCOPED_TRACE(id);
    auto request = engine::build_ocsp_request(ee, chain[1]->subject().der, chain[1]->public_key().der);
    ASSERT_TRUE(request.has_value());
    const std::vector<OnlineRequest> requests = {{OnlineKind::kOcsp, ee.ocsp_urls().at(0), *request},
                                                 {OnlineKind::kCrl, ee.crl_distribution_points().at(0), {}}};
    const auto responses = (*source)->fetch(requests);
    ASSERT_EQ(responses.size(), 2u);
    ASSERT_TRUE(responses[0].body.has_value()) << responses[0].body.error().message();
    EXPECT_EQ(*responses[0].body, slurp(federation_dir() / "revocation" / (id + ".ocsp")));
    ASSERT_TRUE(responses[1].body.has_value()) << responses[1].body.error().message();
    EXPECT_EQ(*responses[1].body, slurp(federation_dir() / "revocation" / fs::path(ee.crl_distribution_points()[0]).filename()));
    ++answered;

    // A request with a nonce names the same CertID: the same pre-produced answer (RFC 5019 2.2).
    auto with_nonce = engine::build_ocsp_request(ee, chain[1]->subject().der, chain[1]->public_key().der,
                                                 engine::DigestAlgorithm::kSha1, std::string("0123456789abcdef"));
    ASSERT_TRUE(with_nonce.has_value());
    const OnlineRequest nonce_request{OnlineKind::kOcsp, ee.ocsp_urls()[0] + "/", *with_nonce};
    auto again = (*source)->fetch(std::span(&nonce_request, 1));
    ASSERT_TRUE(again[0].body.has_value()) << again[0].body.error().message();
    EXPECT_EQ(*again[0].body, *responses[0].body);

    // Another CertID hash: the folder has none; the error names the serial.
    auto sha256 = engine::build_ocsp_request(ee, chain[1]->subject().der, chain[1]->public_key().der,
                                             engine::DigestAlgorithm::kSha256);
    ASSERT_TRUE(sha256.has_value());
    const OnlineRequest other{OnlineKind::kOcsp, ee.ocsp_urls()[0], *sha256};
    auto missing = (*source)->fetch(std::span(&other, 1));
    ASSERT_FALSE(missing[0].body.has_value());
    EXPECT_EQ(missing[0].body.error().code(), engine::Code::kNotFound);
    EXPECT_NE(missing[0].body.error().message().find("no response for serial"), std::string::npos);
  }
  EXPECT_EQ(answered, 5);
}

TEST_F(MirrorOnlineSourceTest, GarbageRequestsAndUnknownUrlsAreErrorsNotCrashes) {
  auto source = MirrorOnlineSource::open(federation_dir() / "revocation-urls.tsv", nullptr, nullptr, pinned);
  ASSERT_TRUE(source.has_value()) << source.error().message();
  const std::vector<OnlineRequest> requests = {
      {OnlineKind::kOcsp, "https://federation.assay.invalid/ocsp/xa-qc-esig-ca", "not DER"},
      {OnlineKind::kOcsp, "https://federation.assay.invalid/ocsp/xa-qc-esig-ca", std::string("\x30\x00", 2)},
      {OnlineKind::kCrl, "https://elsewhere.invalid/x.crl", {}}};
  const auto responses = (*source)->fetch(requests);
  ASSERT_EQ(responses.size(), 3u);
  for (const auto& r : responses) ASSERT_FALSE(r.body.has_value());
  EXPECT_EQ(responses[0].body.error().code(), engine::Code::kMalformed);
  EXPECT_EQ(responses[1].body.error().code(), engine::Code::kMalformed);
  EXPECT_EQ(responses[2].body.error().code(), engine::Code::kNotFound);
}

TEST_F(MirrorOnlineSourceTest, ABrokenResponderFolderFailsOpenNamingIt) {
  fs::create_directories(dir_ / "ocsp");
  const fs::path map = dir_ / "map.tsv";
  std::ofstream(map) << "# comment\nhttps://x.invalid/ocsp\tocsp/\n";
  auto empty = MirrorOnlineSource::open(map, nullptr, nullptr, pinned);
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().message().find("map.tsv:2: "), std::string::npos) << empty.error().message();
  EXPECT_NE(empty.error().message().find("holds no *.ocsp file"), std::string::npos) << empty.error().message();

  std::ofstream(dir_ / "ocsp" / "bad.ocsp") << "not an OCSP response";
  auto bad = MirrorOnlineSource::open(map, nullptr, nullptr, pinned);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("bad.ocsp"), std::string::npos) << bad.error().message();

  std::ofstream(map) << "https://x.invalid/ocsp\tmissing/\n";
  auto missing = MirrorOnlineSource::open(map, nullptr, nullptr, pinned);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message().find("does not exist"), std::string::npos) << missing.error().message();

  // The file lines keep their line numbers in the MirrorFetcher's messages.
  fs::copy_file(federation_dir() / "revocation/valid-good.ocsp", dir_ / "ocsp" / "bad.ocsp", fs::copy_options::overwrite_existing);
  std::ofstream(map) << "https://x.invalid/ocsp\tocsp/\nno tab here\n";
  auto malformed = MirrorOnlineSource::open(map, nullptr, nullptr, pinned);
  ASSERT_FALSE(malformed.has_value());
  EXPECT_NE(malformed.error().message().find("map.tsv:2: "), std::string::npos) << malformed.error().message();
}

}  // namespace
}  // namespace assay::validation
