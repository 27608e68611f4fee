// The online path on 127.0.0.1 with the sample federation: a test server serves the files of
// samples/federation/revocation-urls.tsv, a mirror map points the federation's URLs at it, and
// the online source fetches what each validation/ certificate names in its CRL distribution
// point and AIA caIssuers extensions — the bytes of the federation's files, stored in the store
// with a fetch record each.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/digest.h"
#include "engine/net/http_fetcher.h"
#include "engine/net/mirror_fetcher.h"
#include "tests/engine/net/fetch_test_util.h"
#include "tests/engine/store/store_test_util.h"
#include "tests/engine/support/test_http_server.h"
#include "tests/tsl/qualification/federation_snapshot.h"
#include "validation/online/store_online_source.h"

namespace assay::validation {
namespace {

using assay::testing::HttpScript;
using assay::testing::TestHttpServer;
using tsl::testing_support::read_chain;
using tsl::testing_support::read_tsv;
using tsl::testing_support::slurp;
namespace fs = std::filesystem;

constexpr std::string_view kBase = "https://federation.assay.invalid/";

fs::path federation_dir() { return fs::path(ASSAY_SOURCE_DIR) / "samples/federation"; }

class SampleOnlineTest : public engine::store::testutil::StoreDirTest {};

TEST_F(SampleOnlineTest, CrlDistributionPointsAndCaIssuersAreFetchedFromTheTestServer) {
  TestHttpServer server;
  const auto rows = read_tsv(federation_dir() / "revocation-urls.tsv", false);
  ASSERT_GE(rows.size(), 4u);  // two CAs: their CRL and their certificate
  fs::create_directories(dir_);
  const fs::path mirror = dir_.parent_path() / (dir_.filename().string() + "-mirror.tsv");
  {
    std::ofstream out(mirror);
    for (const auto& row : rows) {
      ASSERT_EQ(row.size(), 2u);
      if (row[1].ends_with('/')) continue;  // an OCSP responder folder (mirror_online_source_test.cpp)
      ASSERT_TRUE(row[0].starts_with(kBase)) << row[0];
      const std::string path = "/" + row[0].substr(kBase.size());
      server.route(path, HttpScript::ok(slurp(federation_dir() / row[1]), "application/octet-stream"));
      out << row[0] << "\t" << server.url(path) << "\n";
    }
  }
  auto store = engine::store::Store::open(dir_ / "store");
  ASSERT_TRUE(store.has_value());
  engine::net::HttpFetcher http(engine::net::testutil::fast_options());
  auto mirrored = engine::net::MirrorFetcher::open(mirror, &http);
  ASSERT_TRUE(mirrored.has_value()) << mirrored.error().message();
  const StoreOnlineSource source(**mirrored, store->get(), [] { return *engine::parse_utc_time("2026-01-15T00:00:00Z"); });

  std::map<std::string, std::string> file_of;
  for (const auto& row : rows) file_of[row[0]] = row[1];
  int fetched = 0;
  for (const auto& entry : fs::directory_iterator(federation_dir() / "validation")) {
    const auto chain = read_chain(entry.path());
    ASSERT_EQ(chain.size(), 2u) << entry.path();
    const auto& ee = *chain[0];
    ASSERT_EQ(ee.crl_distribution_points().size(), 1u);
    ASSERT_EQ(ee.ca_issuer_urls().size(), 1u);
    ASSERT_EQ(ee.ocsp_urls().size(), 1u);
    const std::vector<OnlineRequest> requests = {{OnlineKind::kCrl, ee.crl_distribution_points()[0], {}},
                                                 {OnlineKind::kCaIssuers, ee.ca_issuer_urls()[0], {}}};
    const auto responses = source.fetch(requests);
    ASSERT_EQ(responses.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
      SCOPED_TRACE(requests[i].url);
      ASSERT_TRUE(responses[i].body.has_value()) << responses[i].body.error().message();
      ASSERT_TRUE(file_of.contains(requests[i].url));
      EXPECT_EQ(*responses[i].body, slurp(federation_dir() / file_of.at(requests[i].url)));
      const auto records = (*store)->fetches_for(requests[i].url);
      ASSERT_TRUE(records.has_value());
      ASSERT_FALSE(records->empty());
      EXPECT_EQ(records->front().sha256, engine::to_hex(engine::sha256(*responses[i].body)));
      ++fetched;
    }
    // caIssuers answers the issuing CA's certificate (DER).
    auto issuer = engine::Certificate::parse_der(*responses[1].body);
    ASSERT_TRUE(issuer.has_value());
    EXPECT_EQ((*issuer)->sha256_fingerprint(), chain[1]->sha256_fingerprint());
  }
  EXPECT_GE(fetched, 10);  // five certificates, two URLs each
  fs::remove(mirror);
}

TEST(SampleValidationTable, EveryRowNamesAKnownCertificateAndOutcome) {
  const auto rows = read_tsv(federation_dir() / "expected-validation.tsv", true);
  ASSERT_GE(rows.size(), 10u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 6u);
    EXPECT_TRUE(fs::exists(federation_dir() / "validation" / (row[0] + ".pem"))) << row[0];
    EXPECT_TRUE(engine::parse_utc_time(row[1]).has_value()) << row[1];
    EXPECT_TRUE(row[2] == "crl" || row[2] == "ocsp" || row[2] == "none") << row[2];
    EXPECT_TRUE(row[3] == "PASSED" || row[3] == "INDETERMINATE" || row[3] == "FAILED") << row[3];
    EXPECT_EQ(row[3] == "PASSED", row[4] == "-") << row[0];
    if (row[2] == "ocsp") {
      EXPECT_TRUE(fs::exists(federation_dir() / "revocation" / (row[0] + ".ocsp"))) << row[0];
    }
  }
}

}  // namespace
}  // namespace assay::validation
