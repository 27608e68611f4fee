// Loopback regression tests for the adversarial review of issue 21: request smuggling through
// Transfer-Encoding, Host and Expect handling, the header timeout, the per-peer connection cap
// and the reserve that keeps /health and /ready answered when every slot is taken.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <vector>

#include "service/http/server.h"
#include "tests/service/http/federation_fixture.h"
#include "tests/service/http/loopback.h"

namespace assay::service::http {
namespace {

using ::testing::HasSubstr;
using testing::SampleFederation;

std::string get_request(std::string_view target) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

class ServerHardeningTest : public ::testing::Test {
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
SampleFederation* ServerHardeningTest::federation_ = nullptr;

// RFC 9112 6.1 and 6.3: a transfer coding other than a single final "chunked" is answered (400
// when chunked is not the final coding — a MUST —, else 501 for a coding the server does not
// implement, 400 for a malformed list) and the connection is closed, so the body is never
// parsed as a second request.
TEST_F(ServerHardeningTest, TransferEncodingOtherThanChunkedIsRefusedAndNothingIsSmuggled) {
  RunningServer server(ctx(), {});
  const std::string smuggled = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
  struct Case {
    std::string headers;
    unsigned status;
  };
  const std::vector<Case> cases = {
      {"Transfer-Encoding: gzip\r\n", 501},
      {"Transfer-Encoding: identity\r\n", 501},
      {"Transfer-Encoding: xchunked\r\n", 501},
      // chunked not final: RFC 9112 6.3 says MUST answer 400, which wins over 6.1's SHOULD 501.
      {"Transfer-Encoding: chunked, gzip\r\n", 400},
      {"Transfer-Encoding: gzip, chunked\r\n", 501},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n", 400},
      {"Transfer-Encoding: chunked, chunked\r\n", 400},
      {"Transfer-Encoding: ,\r\n", 400},
  };
  for (const auto& c : cases) {
    Client client(server.port());
    client.send("POST /api/v1/qualification HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + c.headers +
                "\r\n" + smuggled);
    auto r = client.read();
    ASSERT_TRUE(r) << c.headers;
    EXPECT_EQ(r->result_int(), c.status) << c.headers;
    EXPECT_FALSE(r->keep_alive()) << c.headers;
    EXPECT_FALSE(client.read()) << "a second response was smuggled through: " << c.headers;
  }
  // RFC 9112 6.1: Transfer-Encoding in an HTTP/1.0 request means faulty framing.
  Client old(server.port());
  old.send("POST /api/v1/qualification HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
  auto r = old.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
  EXPECT_FALSE(old.read());
}

TEST_F(ServerHardeningTest, ChunkedBodiesStillWork) {
  RunningServer server(ctx(), {});
  Client client(server.port());
  client.send("POST /api/v1/qualification HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n" + get_request("/health"));
  auto a = client.read(), b = client.read();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->result_int(), 400);  // {} lacks "certificates": parsed as a body, not as framing
  EXPECT_THAT(a->body(), HasSubstr("certificates"));
  EXPECT_EQ(b->result_int(), 200);
}

// RFC 9112 3.2: a request without Host, or with more than one, is answered 400.
TEST_F(ServerHardeningTest, MissingOrRepeatedHostIs400) {
  RunningServer server(ctx(), {});
  for (const std::string request : {"GET /health HTTP/1.1\r\n\r\n", "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"}) {
    Client client(server.port());
    client.send(request);
    auto r = client.read();
    ASSERT_TRUE(r) << request;
    EXPECT_EQ(r->result_int(), 400) << request;
    EXPECT_THAT(r->body(), HasSubstr("host")) << request;
  }
  Client old(server.port());  // HTTP/1.0 has no Host requirement
  old.send("GET /health HTTP/1.0\r\n\r\n");
  auto r = old.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
}

// RFC 9110 10.1.1: a client that sends Expect: 100-continue waits for the interim response.
TEST_F(ServerHardeningTest, ExpectContinueGetsAnInterimResponse) {
  RunningServer server(ctx(), {});
  Client client(server.port());
  client.send("POST /api/v1/qualification HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  auto interim = client.read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100);
  client.send("{}");
  auto r = client.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
}

TEST_F(ServerHardeningTest, IdleAndSlowHeadersAreCutAtTheHeaderTimeout) {
  ServerOptions options;
  options.header_timeout = std::chrono::milliseconds(300);
  options.request_timeout = std::chrono::seconds(30);
  RunningServer server(ctx(), options);
  const auto start = std::chrono::steady_clock::now();
  Client silent(server.port());
  Client trickle(server.port());
  trickle.send("GET /health HTTP/1.1\r\n");
  EXPECT_TRUE(silent.closed_within(std::chrono::seconds(3)));
  EXPECT_TRUE(trickle.closed_within(std::chrono::seconds(3)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500));
}

TEST_F(ServerHardeningTest, OnePeerCannotTakeEverySlot) {
  ServerOptions options;
  options.max_connections_per_peer = 2;
  RunningServer server(ctx(), options);
  std::vector<std::unique_ptr<Client>> held;
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::make_unique<Client>(server.port()));
    held.back()->send(get_request("/health"));
    ASSERT_TRUE(held.back()->read());
  }
  Client third(server.port());
  third.send(get_request("/api/v1/lists"));
  auto r = third.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 503);
  EXPECT_THAT(r->body(), HasSubstr("too_many_connections_from_peer"));
  Client other(server.port(), "127.0.0.2");
  other.send(get_request("/api/v1/lists"));
  auto ok = other.read();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 200);
}

TEST_F(ServerHardeningTest, HealthAndReadyAreAnsweredWhenEverySlotIsTaken) {
  ServerOptions options;
  options.max_connections = 2;
  RunningServer server(ctx(), options);
  std::vector<std::unique_ptr<Client>> held;
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::make_unique<Client>(server.port(), i == 0 ? "127.0.0.3" : "127.0.0.4"));
    held.back()->send(get_request("/health"));
    ASSERT_TRUE(held.back()->read());
  }
  for (const char* probe : {"/health", "/ready"}) {
    Client client(server.port());
    client.send(get_request(probe));
    auto r = client.read();
    ASSERT_TRUE(r) << probe;
    EXPECT_EQ(r->result_int(), 200) << probe;
    EXPECT_FALSE(r->keep_alive()) << probe;
  }
  Client busy(server.port());
  busy.send(get_request("/api/v1/lists"));
  auto r = busy.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 503);
  EXPECT_THAT(r->body(), HasSubstr("too_many_connections"));
}

}  // namespace
}  // namespace assay::service::http
