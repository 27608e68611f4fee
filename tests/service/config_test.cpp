// assay.toml: defaults, every key, and errors that name the key.
#include "service/config/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace assay::service::config {
namespace {

using ::testing::HasSubstr;

TEST(Config, DefaultsAreTheEuBackbone) {
  auto c = parse_config("", "empty.toml");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->lotl_urls, std::vector<std::string>{"https://ec.europa.eu/tools/lotl/eu-lotl.xml"});
  ASSERT_EQ(c->oj_anchors.size(), 8u);
  EXPECT_EQ(c->oj_anchors[0], "5400ab712c41aaf0c40b505e264d5494d8af4180f8f62955d16223b3290f97c3");
  EXPECT_EQ(c->concurrency, 8u);
  EXPECT_EQ(c->max_body_bytes, std::size_t{32} << 20);
}

TEST(Config, ReadsEveryKey) {
  auto c = parse_config(R"(
lotl_urls = ["https://a.invalid/lotl.xml", "https://b.invalid/lotl.xml"]
oj_anchors = ["anchors/"]
store = "/var/lib/assay"
mirror = "urls.tsv"
concurrency = 4
threads = 3
connect_timeout_seconds = 2.5
timeout_seconds = 30
max_body_bytes = 1048576
max_attempts = 2
max_pivots = 5
refresh_interval_seconds = 600
trust_time = "2026-08-21T00:00:00Z"
ca_bundle = "/etc/ssl/certs/ca.pem"
listen = "0.0.0.0:9000"
refresh_token = "secret"
readiness_min_fraction = 0.75
)", "full.toml");
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ(c->lotl_urls.size(), 2u);
  EXPECT_EQ(c->store, "/var/lib/assay");
  EXPECT_EQ(c->concurrency, 4u);
  EXPECT_EQ(c->threads, 3u);
  EXPECT_DOUBLE_EQ(c->connect_timeout_seconds, 2.5);
  EXPECT_EQ(c->max_body_bytes, 1048576u);
  EXPECT_EQ(c->max_pivots, 5u);
  EXPECT_EQ(c->trust_time, "2026-08-21T00:00:00Z");
  EXPECT_EQ(c->listen, "0.0.0.0:9000");
  EXPECT_DOUBLE_EQ(c->readiness_min_fraction, 0.75);
}

TEST(Config, UnknownKeysAndBadValuesNameTheKey) {
  auto unknown = parse_config("concurency = 4\n", "typo.toml");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), engine::Code::kInvalidArgument);
  EXPECT_THAT(unknown.error().message(), HasSubstr("unknown config key 'concurency'"));
  EXPECT_THAT(unknown.error().message(), HasSubstr("typo.toml"));

  auto wrong_type = parse_config("concurrency = \"eight\"\n", "t.toml");
  ASSERT_FALSE(wrong_type.has_value());
  EXPECT_THAT(wrong_type.error().message(), HasSubstr("'concurrency' must be a number"));

  auto out_of_range = parse_config("concurrency = 0\n", "t.toml");
  ASSERT_FALSE(out_of_range.has_value());
  EXPECT_THAT(out_of_range.error().message(), HasSubstr("'concurrency' must be between"));

  auto not_array = parse_config("lotl_urls = \"https://x\"\n", "t.toml");
  ASSERT_FALSE(not_array.has_value());
  EXPECT_THAT(not_array.error().message(), HasSubstr("'lotl_urls' must be an array of strings"));
}

TEST(Config, SyntaxErrorsNameLineAndColumn) {
  auto bad = parse_config("store = \"unterminated\n", "broken.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), engine::Code::kMalformed);
  EXPECT_THAT(bad.error().message(), HasSubstr("broken.toml"));
  EXPECT_THAT(bad.error().message(), HasSubstr("line 1"));
}

TEST(Config, MissingFileIsNotFound) {
  auto missing = load_config("/nonexistent/assay.toml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), engine::Code::kNotFound);
}

}  // namespace
}  // namespace assay::service::config
