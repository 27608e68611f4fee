// HttpFetcher failure semantics: every failure has its canonical code, its FetchFailure reason
// and a message a person can act on; transient ones are retried, the rest are not.
#include <gtest/gtest.h>

#include "engine/net/http_fetcher.h"
#include "tests/engine/net/fetch_test_util.h"

namespace assay::engine::net {
namespace {

using assay::testing::Delivery;
using assay::testing::Encoding;
using assay::testing::HttpScript;
using assay::testing::TestHttpServer;
using namespace testutil;

std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

TEST(HttpFetcherFailures, NotFoundIsNotRetried) {
  TestHttpServer server;
  const auto r = fetch_one(fast_options(), server.url("/missing.xml"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kNotFound);
  EXPECT_EQ(r.failure, FetchFailure::kHttpStatus);
  EXPECT_EQ(r.error->message(), "HTTP 404");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(server.hits("/missing.xml"), 1u);
}

TEST(HttpFetcherFailures, ServerErrorsAreRetriedThenReported) {
  TestHttpServer server;
  server.route("/busy", HttpScript::status_only(503));
  const auto r = fetch_one(fast_options(), server.url("/busy"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kUnavailable);
  EXPECT_EQ(r.error->message(), "HTTP 503 after 3 attempts");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(r.http_status, 503);
  EXPECT_EQ(server.hits("/busy"), 3u);
}

TEST(HttpFetcherFailures, RetryAfterIsHonouredThenSucceeds) {
  TestHttpServer server;
  HttpScript busy = HttpScript::status_only(503);
  busy.headers.emplace_back("Retry-After", "1");
  server.route("/tl", std::vector<HttpScript>{busy, HttpScript::ok("fine")});
  const auto start = std::chrono::steady_clock::now();
  const auto r = fetch_one(fast_options(), server.url("/tl"));
  ASSERT_TRUE(r.ok()) << r.error->message();
  EXPECT_EQ(r.body, "fine");
  EXPECT_EQ(r.attempts, 2);
  EXPECT_GE(elapsed_since(start), std::chrono::milliseconds(950));  // waited ~1 s, not 10 ms

  TestHttpServer limited;
  HttpScript too_many = HttpScript::status_only(429);
  too_many.headers.emplace_back("Retry-After", "3600");  // capped by retry_after_max
  limited.route("/tl", std::vector<HttpScript>{too_many, HttpScript::ok("fine")});
  auto options = fast_options();
  options.retry_after_max = std::chrono::milliseconds(200);
  const auto t0 = std::chrono::steady_clock::now();
  const auto capped = fetch_one(options, limited.url("/tl"));
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped.attempts, 2);
  EXPECT_GE(elapsed_since(t0), std::chrono::milliseconds(190));
  EXPECT_LT(elapsed_since(t0), std::chrono::milliseconds(3000));
}

TEST(HttpFetcherFailures, ConnectionRefusedIsRetriedAsUnavailable) {
  std::string url;
  {
    TestHttpServer gone;
    url = gone.url("/tl");
  }  // nothing listens on that port any more
  const auto r = fetch_one(fast_options(), url);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kUnavailable);
  EXPECT_EQ(r.failure, FetchFailure::kConnect);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_TRUE(r.error->message().starts_with("connect failed")) << r.error->message();
  EXPECT_TRUE(r.error->message().ends_with("after 3 attempts")) << r.error->message();
}

TEST(HttpFetcherFailures, StalledServerTimesOutWithinTheBudget) {
  TestHttpServer server;
  HttpScript stall;
  stall.delivery = Delivery::kStall;
  server.route("/stall", stall);
  auto options = fast_options();
  options.total_timeout = std::chrono::milliseconds(300);
  options.max_attempts = 2;
  const auto start = std::chrono::steady_clock::now();
  const auto r = fetch_one(options, server.url("/stall"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kDeadlineExceeded);
  EXPECT_EQ(r.failure, FetchFailure::kTimeout);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_LT(elapsed_since(start), std::chrono::milliseconds(3000));
}

TEST(HttpFetcherFailures, SlowTrickleHitsTheLowSpeedLimit) {
  TestHttpServer server;
  HttpScript trickle = HttpScript::ok(std::string(10'000, 'x'));
  trickle.delivery = Delivery::kStallMidBody;
  trickle.cut_after = 100;
  server.route("/trickle", trickle);
  auto options = fast_options();
  options.total_timeout = std::chrono::milliseconds(20'000);
  options.low_speed_limit = 1000;
  options.low_speed_time = std::chrono::seconds(1);
  options.max_attempts = 1;
  const auto start = std::chrono::steady_clock::now();
  const auto r = fetch_one(options, server.url("/trickle"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kDeadlineExceeded);
  EXPECT_TRUE(r.error->message().starts_with("timed out after 100 bytes")) << r.error->message();
  EXPECT_LT(elapsed_since(start), std::chrono::milliseconds(5000));
}

TEST(HttpFetcherFailures, ShortBodyIsMalformed) {
  TestHttpServer server;
  HttpScript liar = HttpScript::ok(std::string(1234, 'x'));
  liar.delivery = Delivery::kAnnounceLonger;
  liar.announced_length = 5000;
  server.route("/short", liar);
  const auto r = fetch_one(fast_options(), server.url("/short"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kMalformed);
  EXPECT_EQ(r.failure, FetchFailure::kTruncated);
  EXPECT_EQ(r.error->message(), "connection closed after 1234 bytes of 5000");
  EXPECT_TRUE(r.body.empty());

  HttpScript cut = HttpScript::ok(std::string(4000, 'y'));
  cut.chunked = true;
  cut.delivery = Delivery::kCloseMidBody;
  cut.cut_after = 1000;
  server.route("/cut", cut);
  const auto c = fetch_one(fast_options(), server.url("/cut"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error->code(), Code::kMalformed);
  EXPECT_EQ(c.failure, FetchFailure::kTruncated);
}

TEST(HttpFetcherFailures, BadGzipIsMalformed) {
  TestHttpServer server;
  HttpScript broken = HttpScript::ok("ignored");
  broken.encoding = Encoding::kBrokenGzip;
  server.route("/bad.gz", broken);
  const auto r = fetch_one(fast_options(), server.url("/bad.gz"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kMalformed);
  EXPECT_EQ(r.failure, FetchFailure::kBadEncoding);
}

TEST(HttpFetcherFailures, AnnouncedOversizedBodyIsRefusedAtOnce) {
  TestHttpServer server;
  HttpScript huge;
  huge.delivery = Delivery::kGenerated;
  huge.generated_bytes = 200ull << 20;  // 200 MB, generated on the fly
  server.route("/huge", huge);
  const auto start = std::chrono::steady_clock::now();
  const auto r = fetch_one(fast_options(), server.url("/huge"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kResourceExhausted);
  EXPECT_EQ(r.failure, FetchFailure::kTooLarge);
  EXPECT_TRUE(r.error->message().starts_with("body over 33554432 bytes")) << r.error->message();
  EXPECT_EQ(r.attempts, 1);
  EXPECT_LT(elapsed_since(start), std::chrono::milliseconds(2000));
}

TEST(HttpFetcherFailures, StreamedOversizedBodyIsAbortedAtTheLimit) {
  TestHttpServer server;
  HttpScript huge;
  huge.delivery = Delivery::kGenerated;
  huge.chunked = true;  // no Content-Length: only counting can stop it
  huge.generated_bytes = 200ull << 20;
  server.route("/stream", huge);
  const auto start = std::chrono::steady_clock::now();
  const auto r = fetch_one(fast_options(), server.url("/stream"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kResourceExhausted);
  EXPECT_EQ(r.error->message(), "body over 33554432 bytes");
  EXPECT_TRUE(r.body.empty());
  EXPECT_LT(elapsed_since(start), std::chrono::milliseconds(10'000));

  // A per-request limit lowers it further.
  server.route("/small", HttpScript::ok(std::string(2000, 'z')));
  FetchRequest limited;
  limited.url = server.url("/small");
  limited.max_body_bytes = 1000;
  const auto s = fetch_one(fast_options(), limited);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.error->message().starts_with("body over 1000 bytes")) << s.error->message();
}

TEST(HttpFetcherFailures, RedirectLoopsAreCut) {
  TestHttpServer server;
  server.route("/loop", HttpScript::redirect(302, "/loop"));
  auto options = fast_options();
  options.max_redirects = 4;
  const auto r = fetch_one(options, server.url("/loop"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure, FetchFailure::kTooManyRedirects);
  EXPECT_EQ(r.error->message(), "more than 4 redirects");
  EXPECT_EQ(r.attempts, 1);
}

TEST(HttpFetcherFailures, HttpsToHttpRedirectIsRefused) {
  TestHttpServer plain;
  plain.route("/tl.xml", HttpScript::ok("downgraded"));
  TestHttpServer tls(TestHttpServer::Tls::kOn);
  tls.route("/tl.xml", HttpScript::redirect(301, plain.url("/tl.xml")));
  auto options = fast_options();
  options.ca_bundle = write_test_ca();
  const auto r = fetch_one(options, tls.url("/tl.xml"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure, FetchFailure::kRedirectRefused);
  EXPECT_EQ(r.error->message(), "redirect from https to http refused");
  EXPECT_EQ(plain.hits("/tl.xml"), 0u);

  // http -> https -> http: the second hop is a downgrade too, caught while reading headers.
  plain.route("/start", HttpScript::redirect(302, tls.url("/middle")));
  tls.route("/middle", HttpScript::redirect(302, plain.url("/end")));
  plain.route("/end", HttpScript::ok("downgraded"));
  const auto chain = fetch_one(options, plain.url("/start"));
  ASSERT_FALSE(chain.ok());
  EXPECT_EQ(chain.failure, FetchFailure::kRedirectRefused);
  EXPECT_EQ(chain.error->message(), "redirect from https to http refused");
  EXPECT_EQ(plain.hits("/end"), 0u);
  EXPECT_EQ(tls.hits("/middle"), 1u);
}

TEST(HttpFetcherFailures, OnlyHttpAndHttpsAreFetched) {
  const auto r = fetch_one(fast_options(), "file:///etc/passwd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code(), Code::kUnavailable);
  EXPECT_EQ(r.attempts, 1);
}

}  // namespace
}  // namespace assay::engine::net
