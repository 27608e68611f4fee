// HttpFetcher: successful paths, conditional GET, encodings, redirects, TLS, concurrency,
// cancellation and the threading modes. Every server is a TestHttpServer on 127.0.0.1.
#include "engine/net/http_fetcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <future>
#include <thread>

#include "engine/net/internal/transfer.h"
#include "tests/engine/net/fetch_test_util.h"

namespace assay::engine::net {
namespace {

using assay::testing::Delivery;
using assay::testing::Encoding;
using assay::testing::HttpScript;
using assay::testing::TestHttpServer;
using namespace testutil;

TEST(HttpFetcher, FetchesBodyAndHeadersOfInterest) {
  TestHttpServer server;
  HttpScript s = HttpScript::ok("<list/>", "application/vnd.etsi.tsl+xml");
  s.etag = "\"v1\"";
  s.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  server.route("/tl.xml", s);
  auto options = fast_options();
  options.user_agent = "assay-test/1";
  const auto r = fetch_one(options, server.url("/tl.xml"));
  ASSERT_TRUE(r.ok()) << r.error->message();
  EXPECT_EQ(r.body, "<list/>");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.content_type, "application/vnd.etsi.tsl+xml");
  EXPECT_EQ(r.etag, "\"v1\"");
  EXPECT_EQ(r.last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(r.final_url, server.url("/tl.xml"));
  EXPECT_EQ(r.attempts, 1);
  EXPECT_FALSE(r.not_modified);
  EXPECT_EQ(server.requests().front().headers.at("user-agent"), "assay-test/1");
}

TEST(HttpFetcher, ConditionalGetGives304AsNotModified) {
  TestHttpServer server;
  HttpScript s = HttpScript::ok("<list/>");
  s.etag = "\"v1\"";
  s.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  server.route("/tl.xml", s);
  FetchRequest by_etag;
  by_etag.url = server.url("/tl.xml");
  by_etag.etag = "\"v1\"";
  const auto r = fetch_one(fast_options(), by_etag);
  ASSERT_TRUE(r.ok()) << r.error->message();
  EXPECT_TRUE(r.not_modified);
  EXPECT_EQ(r.http_status, 304);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(server.requests().back().headers.at("if-none-match"), "\"v1\"");

  FetchRequest by_date;
  by_date.url = server.url("/tl.xml");
  by_date.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  const auto d = fetch_one(fast_options(), by_date);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d.not_modified);
  EXPECT_EQ(server.requests().back().headers.at("if-modified-since"), "Wed, 21 Oct 2015 07:28:00 GMT");

  FetchRequest stale;
  stale.url = server.url("/tl.xml");
  stale.etag = "\"v0\"";
  const auto full = fetch_one(fast_options(), stale);
  ASSERT_TRUE(full.ok());
  EXPECT_FALSE(full.not_modified);
  EXPECT_EQ(full.body, "<list/>");
}

TEST(HttpFetcher, DecodesGzipAndAsksForIt) {
  TestHttpServer server;
  HttpScript s = HttpScript::ok(std::string(100'000, 'x') + "<end/>");
  s.encoding = Encoding::kGzip;
  server.route("/gz", s);
  const auto r = fetch_one(fast_options(), server.url("/gz"));
  ASSERT_TRUE(r.ok()) << r.error->message();
  EXPECT_EQ(r.body.size(), 100'006u);
  EXPECT_TRUE(r.body.ends_with("<end/>"));
  EXPECT_NE(server.requests().front().headers.at("accept-encoding").find("gzip"), std::string::npos);
}

TEST(HttpFetcher, FollowsRedirectChains) {
  TestHttpServer server;
  server.route("/a", HttpScript::redirect(301, "/b"));
  server.route("/b", HttpScript::redirect(302, server.url("/c")));
  server.route("/c", HttpScript::ok("final"));
  const auto r = fetch_one(fast_options(), server.url("/a"));
  ASSERT_TRUE(r.ok()) << r.error->message();
  EXPECT_EQ(r.body, "final");
  EXPECT_EQ(r.final_url, server.url("/c"));
}

TEST(HttpFetcher, VerifiesTlsAgainstTheConfiguredBundle) {
  TestHttpServer tls(TestHttpServer::Tls::kOn);
  tls.route("/tl.xml", HttpScript::ok("secure"));
  auto options = fast_options();
  options.ca_bundle = write_test_ca();
  const auto good = fetch_one(options, tls.url("/tl.xml"));
  ASSERT_TRUE(good.ok()) << good.error->message();
  EXPECT_EQ(good.body, "secure");

  // Verification is on by default: the system store does not know the test certificate.
  auto untrusting = fast_options();
  const auto bad = fetch_one(untrusting, tls.url("/tl.xml"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.failure, FetchFailure::kTls);
  EXPECT_EQ(bad.error->code(), Code::kUnavailable);
  EXPECT_EQ(bad.attempts, 1);  // not transient
}

TEST(HttpFetcher, RunsRequestsConcurrentlyWithinTheLimit) {
  TestHttpServer server;
  HttpScript slow = HttpScript::ok("x");
  slow.delay = std::chrono::milliseconds(200);
  server.route("/slow", slow);
  auto options = fast_options();
  options.max_concurrency = 3;
  HttpFetcher fetcher(options);
  std::vector<FetchRequest> batch(9);
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].url = server.url("/slow?i=" + std::to_string(i));
  const auto start = std::chrono::steady_clock::now();
  const auto results = fetcher.fetch_all(batch);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(results.size(), 9u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_TRUE(results[i].ok());
    EXPECT_EQ(results[i].url, batch[i].url);  // results are in request order
  }
  EXPECT_EQ(server.max_in_flight(), 3);
  EXPECT_GE(elapsed, std::chrono::milliseconds(590));  // three waves of 200 ms

  TestHttpServer wide;
  wide.route("/slow", slow);
  auto many = fast_options();
  many.max_concurrency = 20;
  HttpFetcher parallel(many);
  std::vector<FetchRequest> twenty(20);
  for (auto& r : twenty) r.url = wide.url("/slow");
  const auto t0 = std::chrono::steady_clock::now();
  const auto all = parallel.fetch_all(twenty);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(2000));  // not 20 x 200 ms
  for (const auto& r : all) EXPECT_TRUE(r.ok());
  EXPECT_GE(wide.max_in_flight(), 10);
}

TEST(HttpFetcher, CancelAllFailsPendingRequestsPromptly) {
  TestHttpServer server;
  HttpScript stall;
  stall.delivery = Delivery::kStall;
  server.route("/stall", stall);
  auto options = fast_options();
  options.total_timeout = std::chrono::milliseconds(30'000);
  options.max_concurrency = 2;  // one of the three waits in the queue
  HttpFetcher fetcher(options);
  std::vector<FetchRequest> batch(3);
  for (auto& r : batch) r.url = server.url("/stall");
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    fetcher.cancel_all();
  });
  const auto start = std::chrono::steady_clock::now();
  const auto results = fetcher.fetch_all(batch);
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(3000));
  for (const auto& r : results) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.failure, FetchFailure::kCancelled);
    EXPECT_EQ(r.error->message(), "cancelled");
  }
}

TEST(HttpFetcher, WorksOnABorrowedIoContextDrivenElsewhere) {
  TestHttpServer server;
  server.route("/x", HttpScript::ok("borrowed"));
  boost::asio::io_context io;
  auto guard = boost::asio::make_work_guard(io);
  std::thread runner([&] { io.run(); });
  {
    HttpFetcher fetcher(io, fast_options());
    std::vector<FetchRequest> batch(4);
    for (auto& r : batch) r.url = server.url("/x");
    for (const auto& r : fetcher.fetch_all(batch)) {
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r.body, "borrowed");
    }
    // fetch() with a callback, completed on the io thread.
    std::promise<FetchResult> promise;
    FetchRequest one;
    one.url = server.url("/x");
    fetcher.fetch(one, [&](FetchResult r) { promise.set_value(std::move(r)); });
    EXPECT_EQ(promise.get_future().get().body, "borrowed");
    // Blocking on the context's own thread would deadlock: refused.
    std::promise<std::vector<FetchResult>> inside;
    boost::asio::post(io, [&] { inside.set_value(fetcher.fetch_all(batch)); });
    const auto refused = inside.get_future().get();
    ASSERT_FALSE(refused.front().ok());
    EXPECT_EQ(refused.front().error->code(), Code::kInternal);
    // Destroy the fetcher on the io thread, as documented.
    std::promise<void> destroyed;
    boost::asio::post(io, [&] { destroyed.set_value(); });
    destroyed.get_future().get();
  }
  guard.reset();
  io.stop();
  runner.join();
}

TEST(HttpFetcher, BackoffIsExponentialJitteredAndReproducible) {
  auto options = fast_options();
  options.backoff_initial = std::chrono::milliseconds(100);
  options.backoff_max = std::chrono::milliseconds(1000);
  std::mt19937_64 a(7), b(7);
  for (int attempt = 1; attempt <= 6; ++attempt) {
    const auto da = internal::backoff_delay(attempt, options, a);
    EXPECT_EQ(da, internal::backoff_delay(attempt, options, b));
    const long long base = std::min(1000LL, 100LL << (attempt - 1));
    EXPECT_GE(da.count(), base / 2);
    EXPECT_LE(da.count(), base);
  }
}

}  // namespace
}  // namespace assay::engine::net
