// Loopback tests of the server (127.0.0.1, port 0): keep-alive, pipelining, limits, timeouts,
// malformed HTTP, the connection and concurrency caps, and SIGTERM drain of the real binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <thread>

#include "service/http/server.h"
#include "tests/service/http/federation_fixture.h"
#include "tests/service/http/loopback.h"

extern char** environ;

namespace assay::service::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using ::testing::HasSubstr;
using testing::SampleFederation;

std::string get_request(std::string_view target, bool close = false) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    federation_ = new SampleFederation();
    ASSERT_TRUE(federation_->refresh());
  }
  static void TearDownTestSuite() {
    delete federation_;
    federation_ = nullptr;
  }
  static Context& ctx() { return federation_->context(); }
  static SampleFederation* federation_;
};
SampleFederation* ServerTest::federation_ = nullptr;

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RunningServer server(ctx(), {});
  Client client(server.port());
  for (const char* target : {"/health", "/api/v1/lists", "/ready"}) {
    client.send(get_request(target));
    auto r = client.read();
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->result_int(), 200) << target;
    EXPECT_TRUE(r->keep_alive());
  }
  client.send(get_request("/health", true));
  auto last = client.read();
  ASSERT_TRUE(last);
  EXPECT_FALSE(last->keep_alive());
  EXPECT_TRUE(client.closed_within(std::chrono::seconds(2)));
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server(ctx(), {});
  Client client(server.port());
  client.send(get_request("/api/v1/lists/XA") + get_request("/health") + get_request("/api/v1/lists/ZZ"));
  auto a = client.read(), b = client.read(), c = client.read();
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->result_int(), 200);
  EXPECT_THAT(a->body(), HasSubstr("\"territory\":\"XA\""));
  EXPECT_EQ(b->result_int(), 200);
  EXPECT_THAT(b->body(), HasSubstr("alive"));
  EXPECT_EQ(c->result_int(), 404);
}

TEST_F(ServerTest, OversizedBodyIs413AndClosed) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  RunningServer server(ctx(), options);
  Client client(server.port());
  client.send("POST /api/v1/qualification HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n" +
              std::string(5000, ' '));
  auto r = client.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 413);
  EXPECT_THAT(r->body(), HasSubstr("payload_too_large"));
  EXPECT_TRUE(client.closed_within(std::chrono::seconds(2)));
}

TEST_F(ServerTest, SlowClientIsDisconnectedAfterTheRequestTimeout) {
  ServerOptions options;
  options.request_timeout = std::chrono::milliseconds(300);
  RunningServer server(ctx(), options);
  Client client(server.port());
  const auto start = std::chrono::steady_clock::now();
  client.send("GET /health HTTP/1.1\r\nHost: x\r\n");  // the header never ends
  EXPECT_TRUE(client.closed_within(std::chrono::seconds(3)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
}

TEST_F(ServerTest, MalformedRequestsGet400AndTheServerKeepsServing) {
  ServerOptions options;
  options.max_header_bytes = 4096;
  RunningServer server(ctx(), options);
  const std::string bad[] = {
      "THIS IS NOT HTTP\r\n\r\n",
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n",
      "POST /api/v1/qualification HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
      "zz\r\nnot a chunk\r\n0\r\n\r\n",
  };
  for (const auto& request : bad) {
    Client client(server.port());
    client.send(request);
    auto r = client.read();
    ASSERT_TRUE(r) << request.substr(0, 40);
    EXPECT_EQ(r->result_int(), 400) << request.substr(0, 40);
    EXPECT_THAT(r->body(), HasSubstr("\"error\""));
    EXPECT_TRUE(client.closed_within(std::chrono::seconds(2)));
  }
  Client after(server.port());
  after.send(get_request("/health"));
  auto ok = after.read();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 200);
}

TEST_F(ServerTest, InventedMethodsShareOneMetricsLabel) {
  RunningServer server(ctx(), {});
  Client client(server.port());
  client.send("BREW1 /health HTTP/1.1\r\nHost: x\r\n\r\nBREW2 /health HTTP/1.1\r\nHost: x\r\n\r\n");
  for (int i = 0; i < 2; ++i) {
    auto r = client.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 405);
  }
  client.send(get_request("/metrics"));
  auto metrics = client.read();
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body(), HasSubstr("route=\"/health\",method=\"other\",code=\"405\"} 2"));
  EXPECT_THAT(metrics->body(), ::testing::Not(HasSubstr("BREW")));
}

TEST_F(ServerTest, ConnectionCapAnswers503) {
  ServerOptions options;
  options.max_connections = 1;
  RunningServer server(ctx(), options);
  Client first(server.port());
  first.send(get_request("/health"));
  ASSERT_TRUE(first.read());  // the first connection is established and stays open
  // Beyond the cap a reserve slot reads the request (it would answer /health or /ready) and
  // refuses anything else at once.
  Client second(server.port());
  second.send(get_request("/metrics"));
  auto r = second.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 503);
  EXPECT_THAT(r->body(), HasSubstr("too_many_connections"));
}

TEST_F(ServerTest, ConcurrencyCapAnswers429ForWorkerRoutes) {
  ServerOptions options;
  options.max_inflight = 0;  // every worker route is over the cap; inline routes still work
  RunningServer server(ctx(), options);
  Client client(server.port());
  client.send(get_request("/api/v1/lists") + get_request("/health"));
  auto busy = client.read(), health = client.read();
  ASSERT_TRUE(busy && health);
  EXPECT_EQ(busy->result_int(), 429);
  EXPECT_THAT(busy->body(), HasSubstr("too_many_requests"));
  EXPECT_EQ(health->result_int(), 200);
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndReturns) {
  auto server = std::make_unique<RunningServer>(ctx(), ServerOptions{});
  Client idle(server->port());
  idle.send(get_request("/health"));
  ASSERT_TRUE(idle.read());
  const auto start = std::chrono::steady_clock::now();
  server.reset();  // stop + join: must not wait for the idle keep-alive connection
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_TRUE(idle.closed_within(std::chrono::seconds(1)));
}

// The real binary: starts, answers, and exits 0 on SIGTERM.
TEST(ServeBinaryTest, SigtermDrainsAndExitsZero) {
  assay::testing::TempFolder temp("assay-serve-bin");
  const auto fed = assay::testing::sample_federation_dir();
  const std::string store = (temp.path() / "store").string(), mirror = (fed / "urls.tsv").string(),
                    oj = (fed / "oj" / "old-anchor.pem").string();
  std::vector<std::string> args = {ASSAY_BINARY, "serve", "--listen", "127.0.0.1:0", "--mirror", mirror, "--oj", oj,
                                   "--lotl-url", assay::testing::kSampleLotlUrl, "--trust-time",
                                   assay::testing::kSampleTrustTime, "--store", store};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, ASSAY_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);

  // "assay serve: listening on http://127.0.0.1:PORT/"
  std::string line;
  char c;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  const auto at = line.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << line;
  const auto port = static_cast<unsigned short>(std::stoi(line.substr(at + 17)));

  Client client(port);
  client.send(get_request("/health"));
  auto r = client.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  // Wait (bounded) for the background refresh, then check readiness over the wire.
  unsigned ready = 0;
  for (int i = 0; i < 100 && ready != 200; ++i) {
    client.send(get_request("/ready"));
    auto rr = client.read();
    ASSERT_TRUE(rr);
    ready = rr->result_int();
    if (ready != 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(ready, 200u);

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  pid_t done = 0;
  for (int i = 0; i < 100 && done == 0; ++i) {
    done = ::waitpid(pid, &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (done == 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    FAIL() << "assay serve did not exit within 10 s of SIGTERM";
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(client.closed_within(std::chrono::seconds(1)));
}

}  // namespace
}  // namespace assay::service::http
