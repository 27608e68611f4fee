#include "tests/service/http/federation_fixture.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "service/cli/trust_inputs.h"

namespace assay::testing {

namespace fs = std::filesystem;

fs::path sample_federation_dir() { return fs::path(ASSAY_SOURCE_DIR) / "samples" / "federation"; }

TempFolder::TempFolder(const std::string& prefix) {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path write_mirror(const fs::path& dir, const std::map<std::string, fs::path>& overrides) {
  std::ifstream in(sample_federation_dir() / "urls.tsv");
  std::ostringstream out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    const std::string url = line.substr(0, tab);
    auto o = overrides.find(url);
    out << url << '\t' << (o != overrides.end() ? o->second : sample_federation_dir() / line.substr(tab + 1)).string()
        << '\n';
  }
  const auto path = dir / ("mirror-" + std::to_string(overrides.size()) + "-" + std::to_string(std::hash<std::string>{}(out.str())) + ".tsv");
  std::ofstream(path) << out.str();
  return path;
}

SampleFederation::SampleFederation() : temp_("assay-http") {
  auto store = engine::store::Store::open(temp_.path() / "store");
  EXPECT_TRUE(store.has_value()) << store.error().message();
  store_ = std::move(*store);
  context_.snapshots = &holder_;
  context_.store = store_.get();
  const auto t = trust_time();
  context_.now = [t] { return t; };
  context_.metrics = &metrics_;
  context_.trigger_refresh = [this] { return ++refresh_triggers == 1; };
}

engine::UtcTime SampleFederation::trust_time() const { return *engine::parse_utc_time(kSampleTrustTime); }

std::shared_ptr<const tsl::TrustState> SampleFederation::refresh(const fs::path& mirror_tsv, const fs::path& oj) {
  const fs::path tsv = mirror_tsv.empty() ? sample_federation_dir() / "urls.tsv" : mirror_tsv;
  auto fetcher = engine::net::MirrorFetcher::open(tsv, nullptr);
  EXPECT_TRUE(fetcher.has_value()) << fetcher.error().message();
  auto anchors = service::cli::read_signer_set({(oj.empty() ? sample_federation_dir() / "oj" / "old-anchor.pem" : oj).string()});
  EXPECT_TRUE(anchors.has_value());
  tsl::Refresher refresher(**fetcher, *store_);
  tsl::RefreshOptions options;
  options.lotl_url = kSampleLotlUrl;
  options.anchors = *anchors;
  options.trust_time = trust_time();
  options.threads = 1;
  options.clock = [this] { return trust_time(); };
  auto state = refresher.refresh(options);
  EXPECT_TRUE(state.has_value()) << state.error().message();
  if (!state) return nullptr;
  const auto previous = holder_.current();
  holder_.publish(service::http::make_bundle(*state, previous.get()));
  return *state;
}

}  // namespace assay::testing
