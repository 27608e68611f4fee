// The online source on a loopback server: bodies stored and fetches recorded, conditional
// refetch answered from the store, the stored body used when the network fails, size limits
// (never papered over with a stale body), OCSP GET encoding, and URLs it refuses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/digest.h"
#include "engine/net/http_fetcher.h"
#include "tests/engine/net/fetch_test_util.h"
#include "tests/engine/store/store_test_util.h"
#include "tests/engine/support/test_http_server.h"
#include "validation/online/store_online_source.h"

namespace assay::validation {
namespace {

using assay::testing::Delivery;
using assay::testing::HttpScript;
using assay::testing::TestHttpServer;
using engine::store::testutil::at;

class StoreOnlineSourceTest : public engine::store::testutil::StoreDirTest {
 protected:
  void SetUp() override {
    StoreDirTest::SetUp();
    store_ = std::move(*engine::store::Store::open(dir_));
    auto options = engine::net::testutil::fast_options();
    options.max_attempts = 1;
    fetcher_ = std::make_unique<engine::net::HttpFetcher>(options);
  }
  StoreOnlineSource source(StoreOnlineSourceOptions options = {}) {
    return StoreOnlineSource(*fetcher_, store_.get(), [] { return at("2026-03-01T12:00:00Z"); }, options);
  }
  OnlineResponse fetch_one(const StoreOnlineSource& s, OnlineKind kind, const std::string& url) {
    const OnlineRequest r{kind, url, {}};
    auto out = s.fetch(std::span(&r, 1));
    EXPECT_EQ(out.size(), 1u);
    return std::move(out.at(0));
  }

  TestHttpServer server_;
  std::unique_ptr<engine::store::Store> store_;
  std::unique_ptr<engine::net::HttpFetcher> fetcher_;
};

TEST_F(StoreOnlineSourceTest, StoresTheBodyAndRecordsTheFetch) {
  server_.route("/ca.crl", HttpScript::ok("crl-bytes", "application/pkix-crl"));
  const auto s = source();
  const auto r = fetch_one(s, OnlineKind::kCrl, server_.url("/ca.crl"));
  ASSERT_TRUE(r.body.has_value()) << r.body.error().message();
  EXPECT_EQ(*r.body, "crl-bytes");
  const std::string sha = engine::to_hex(engine::sha256("crl-bytes"));
  EXPECT_TRUE(store_->has_blob(sha));
  const auto fetches = store_->fetches_for(server_.url("/ca.crl"));
  ASSERT_TRUE(fetches.has_value());
  ASSERT_EQ(fetches->size(), 1u);
  EXPECT_EQ(fetches->front().sha256, sha);
  EXPECT_EQ(fetches->front().http_status, 200);
  EXPECT_EQ(fetches->front().time, at("2026-03-01T12:00:00Z"));
  EXPECT_FALSE(fetches->front().error.has_value());
}

TEST_F(StoreOnlineSourceTest, RefetchIsConditionalAndA304AnswersFromTheStore) {
  HttpScript crl = HttpScript::ok("crl-v1", "application/pkix-crl");
  crl.etag = "\"v1\"";
  server_.route("/ca.crl", crl);
  const auto s = source();
  ASSERT_TRUE(fetch_one(s, OnlineKind::kCrl, server_.url("/ca.crl")).body.has_value());
  const auto again = fetch_one(s, OnlineKind::kCrl, server_.url("/ca.crl"));
  ASSERT_TRUE(again.body.has_value()) << again.body.error().message();
  EXPECT_EQ(*again.body, "crl-v1");
  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].headers.at("if-none-match"), "\"v1\"");
  EXPECT_EQ(store_->fetches_for(server_.url("/ca.crl"))->front().http_status, 304);
}

TEST_F(StoreOnlineSourceTest, NetworkFailureFallsBackToTheNewestStoredBody) {
  server_.route("/ca.crl", std::vector<HttpScript>{HttpScript::ok("crl-v1"), HttpScript::status_only(404)});
  const auto s = source();
  ASSERT_TRUE(fetch_one(s, OnlineKind::kCrl, server_.url("/ca.crl")).body.has_value());
  const auto stale = fetch_one(s, OnlineKind::kCrl, server_.url("/ca.crl"));
  ASSERT_TRUE(stale.body.has_value());
  EXPECT_EQ(*stale.body, "crl-v1");
  // The failed attempt is on record.
  const auto fetches = store_->fetches_for(server_.url("/ca.crl"));
  ASSERT_EQ(fetches->size(), 2u);
  EXPECT_TRUE(fetches->front().error.has_value());

  const auto strict = source({.stale_on_failure = false});
  const auto failed = fetch_one(strict, OnlineKind::kCrl, server_.url("/ca.crl"));
  ASSERT_FALSE(failed.body.has_value());
  EXPECT_EQ(failed.body.error().code(), engine::Code::kNotFound);
}

TEST_F(StoreOnlineSourceTest, NothingStoredAndNothingFetchedIsAnError) {
  const auto r = fetch_one(source(), OnlineKind::kCrl, server_.url("/missing.crl"));
  ASSERT_FALSE(r.body.has_value());
  EXPECT_EQ(r.body.error().code(), engine::Code::kNotFound);
}

TEST_F(StoreOnlineSourceTest, OversizedBodyIsRefusedAndNeverReplacedByAStaleOne) {
  HttpScript huge;
  huge.delivery = Delivery::kGenerated;
  huge.generated_bytes = 200'000;
  server_.route("/huge.crl", std::vector<HttpScript>{HttpScript::ok("small"), huge});
  const auto s = source({.max_crl_bytes = 100'000});
  ASSERT_TRUE(fetch_one(s, OnlineKind::kCrl, server_.url("/huge.crl")).body.has_value());
  const auto r = fetch_one(s, OnlineKind::kCrl, server_.url("/huge.crl"));
  ASSERT_FALSE(r.body.has_value());
  EXPECT_EQ(r.body.error().code(), engine::Code::kResourceExhausted);
}

TEST_F(StoreOnlineSourceTest, OcspResponsesAreLimitedMoreTightly) {
  HttpScript big;
  big.delivery = Delivery::kGenerated;
  big.generated_bytes = 100'000;
  server_.route("/ocsp", big);
  const OnlineRequest r{OnlineKind::kOcsp, server_.url("/ocsp"), {}};
  const auto out = source().fetch(std::span(&r, 1));
  ASSERT_FALSE(out[0].body.has_value());
  EXPECT_EQ(out[0].body.error().code(), engine::Code::kResourceExhausted);
}

TEST_F(StoreOnlineSourceTest, EmptyBodyIsAFailure) {
  server_.route("/empty.crl", HttpScript::ok(""));
  const auto r = fetch_one(source({.stale_on_failure = false}), OnlineKind::kCrl, server_.url("/empty.crl"));
  ASSERT_FALSE(r.body.has_value());
  EXPECT_EQ(r.body.error().code(), engine::Code::kMalformed);
}

TEST_F(StoreOnlineSourceTest, OcspRequestsGoAsRfc6960Get) {
  const std::string der("\x30\x03\xfb\xff\xfe", 5);  // base64 "MAP7//4=" has '/', '+'-free, '='
  EXPECT_EQ(ocsp_get_url("http://ocsp.example/", der), "http://ocsp.example/MAP7%2F%2F4%3D");
  EXPECT_EQ(ocsp_get_url("http://ocsp.example", der), "http://ocsp.example/MAP7%2F%2F4%3D");
  EXPECT_EQ(ocsp_get_url("http://o.example/x", std::string("\xfb\xef", 2)), "http://o.example/x/%2B%2B8%3D");

  const std::string url = ocsp_get_url(server_.url("/ocsp"), der);
  server_.route("/ocsp/MAP7%2F%2F4%3D", HttpScript::ok("ocsp-response", "application/ocsp-response"));
  const OnlineRequest r{OnlineKind::kOcsp, server_.url("/ocsp"), der};
  const auto out = source().fetch(std::span(&r, 1));
  ASSERT_TRUE(out[0].body.has_value()) << out[0].body.error().message() << " " << url;
  EXPECT_EQ(*out[0].body, "ocsp-response");
  EXPECT_EQ(out[0].url, server_.url("/ocsp"));
}

TEST_F(StoreOnlineSourceTest, OnlyHttpAndHttpsAndABoundedNumberOfRequests) {
  std::vector<OnlineRequest> requests;
  requests.push_back({OnlineKind::kCrl, "ldap://ldap.example/cn=CA?certificateRevocationList", {}});
  server_.route("/a.crl", HttpScript::ok("a"));
  requests.push_back({OnlineKind::kCrl, server_.url("/a.crl"), {}});
  requests.push_back({OnlineKind::kCaIssuers, server_.url("/a.crl"), {}});
  const auto out = source({.max_requests = 1}).fetch(requests);
  ASSERT_EQ(out.size(), 3u);
  ASSERT_FALSE(out[0].body.has_value());
  EXPECT_EQ(out[0].body.error().code(), engine::Code::kUnsupported);
  ASSERT_TRUE(out[1].body.has_value());
  ASSERT_FALSE(out[2].body.has_value());
  EXPECT_EQ(out[2].body.error().code(), engine::Code::kResourceExhausted);
}

TEST_F(StoreOnlineSourceTest, WorksWithoutAStore) {
  server_.route("/ca.crl", HttpScript::ok("crl"));
  const StoreOnlineSource s(*fetcher_, nullptr, nullptr);
  const auto r = fetch_one(s, OnlineKind::kCrl, server_.url("/ca.crl"));
  ASSERT_TRUE(r.body.has_value());
  EXPECT_EQ(*r.body, "crl");
}

}  // namespace
}  // namespace assay::validation
