// MirrorFetcher: url<TAB>file maps relative to the TSV, http(s) targets through an HttpFetcher.
#include "engine/net/mirror_fetcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/digest.h"
#include "tests/engine/net/fetch_test_util.h"

namespace assay::engine::net {
namespace {

using assay::testing::HttpScript;
using assay::testing::TestHttpServer;
namespace fs = std::filesystem;

class MirrorFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-mirror-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "lists");
    std::ofstream(dir_ / "lists" / "AT.xml") << "<at/>";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write_map(const std::string& text) {
    const auto path = dir_ / "mirror.tsv";
    std::ofstream(path) << text;
    return path;
  }
  fs::path dir_;
};

TEST_F(MirrorFetcherTest, ServesFilesRelativeToTheMap) {
  auto mirror = MirrorFetcher::open(write_map("# comment\n\nhttps://example.eu/AT.xml\tlists/AT.xml\n"), nullptr);
  ASSERT_TRUE(mirror.has_value()) << mirror.error().message();
  EXPECT_EQ((*mirror)->size(), 1u);
  FetchRequest request;
  request.url = "https://example.eu/AT.xml";
  FetchResult got;
  (*mirror)->fetch(request, [&](FetchResult r) { got = std::move(r); });  // synchronous
  ASSERT_TRUE(got.ok()) << got.error->message();
  EXPECT_EQ(got.body, "<at/>");
  EXPECT_EQ(got.url, "https://example.eu/AT.xml");
  EXPECT_EQ(got.etag, "\"" + sha256_hex("<at/>") + "\"");

  request.etag = got.etag;  // conditional requests work offline
  (*mirror)->fetch(request, [&](FetchResult r) { got = std::move(r); });
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got.not_modified);
  EXPECT_TRUE(got.body.empty());
}

TEST_F(MirrorFetcherTest, UnknownUrlIsNotFoundAndMissingFileUnavailable) {
  auto mirror = MirrorFetcher::open(write_map("https://example.eu/gone.xml\tlists/gone.xml\n"), nullptr);
  ASSERT_TRUE(mirror.has_value());
  std::vector<FetchRequest> batch(2);
  batch[0].url = "https://example.eu/unknown.xml";
  batch[1].url = "https://example.eu/gone.xml";
  const auto results = (*mirror)->fetch_all(batch);
  ASSERT_FALSE(results[0].ok());
  EXPECT_EQ(results[0].error->code(), Code::kNotFound);
  EXPECT_EQ(results[0].failure, FetchFailure::kNotInMirror);
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].error->code(), Code::kUnavailable);
  EXPECT_EQ(results[1].failure, FetchFailure::kIo);
}

TEST_F(MirrorFetcherTest, HttpTargetsGoThroughTheHttpFetcher) {
  TestHttpServer server;
  server.route("/be.xml", HttpScript::ok("<be/>"));
  auto map = write_map("https://example.eu/AT.xml\tlists/AT.xml\nhttps://example.eu/BE.xml\t" + server.url("/be.xml") +
                       "\nhttps://example.eu/XX.xml\t" + server.url("/nope") + "\n");
  HttpFetcher http(testutil::fast_options());
  auto mirror = MirrorFetcher::open(map, &http);
  ASSERT_TRUE(mirror.has_value()) << mirror.error().message();
  std::vector<FetchRequest> batch(3);
  batch[0].url = "https://example.eu/BE.xml";
  batch[1].url = "https://example.eu/AT.xml";
  batch[2].url = "https://example.eu/XX.xml";
  const auto results = (*mirror)->fetch_all(batch);
  ASSERT_TRUE(results[0].ok()) << results[0].error->message();
  EXPECT_EQ(results[0].body, "<be/>");
  EXPECT_EQ(results[0].url, "https://example.eu/BE.xml");
  EXPECT_EQ(results[0].final_url, server.url("/be.xml"));
  EXPECT_EQ(results[1].body, "<at/>");
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].error->code(), Code::kNotFound);
  EXPECT_EQ(server.hits("/be.xml"), 1u);
}

TEST_F(MirrorFetcherTest, OnDoneRunsOnceWithTheRequestedUrlForAnHttpTarget) {
  TestHttpServer server;
  server.route("/be.xml", HttpScript::ok("<be/>"));
  HttpFetcher http(testutil::fast_options());
  auto mirror = MirrorFetcher::open(write_map("https://example.eu/BE.xml\t" + server.url("/be.xml") + "\n"), &http);
  ASSERT_TRUE(mirror.has_value()) << mirror.error().message();
  std::vector<std::string> hooked;
  FetchRequest request;
  request.url = "https://example.eu/BE.xml";
  request.on_done = [&](const FetchResult& r) { hooked.push_back(r.url); };
  FetchResult got;
  (*mirror)->fetch(request, [&](FetchResult r) { got = std::move(r); });
  http.run();
  ASSERT_TRUE(got.ok()) << got.error->message();
  EXPECT_EQ(got.body, "<be/>");
  EXPECT_EQ(hooked, std::vector<std::string>{"https://example.eu/BE.xml"});
}

TEST_F(MirrorFetcherTest, MalformedMapsAreRejectedWithTheLine) {
  auto no_tab = MirrorFetcher::open(write_map("https://a/x\tlists/AT.xml\njust-one-field\n"), nullptr);
  ASSERT_FALSE(no_tab.has_value());
  EXPECT_EQ(no_tab.error().code(), Code::kMalformed);
  EXPECT_NE(no_tab.error().message().find("mirror.tsv:2:"), std::string::npos) << no_tab.error().message();
  auto duplicate = MirrorFetcher::open(write_map("https://a/x\tlists/AT.xml\nhttps://a/x\tlists/AT.xml\n"), nullptr);
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_NE(duplicate.error().message().find("duplicate url https://a/x"), std::string::npos);
  auto missing = MirrorFetcher::open(dir_ / "absent.tsv", nullptr);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), Code::kNotFound);
}

}  // namespace
}  // namespace assay::engine::net
