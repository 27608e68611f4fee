// Test helper for the sample-table tests (expected-validation-*.tsv): the sample federation
// generated into a temporary folder once per test suite (keys change every run, so the
// committed samples/federation is not used), its trusted lists authenticated into a snapshot
// as the only anchors (trust time = generation time), and a CRL checker over the CRLs of the
// named folders.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "samples/federation.h"
#include "tests/tsl/qualification/federation_snapshot.h"
#include "validation/revocation/standard_revocation_checker.h"
#include "validation/trusted_list_anchors.h"

namespace assay::validation::testing_support {

namespace fs = std::filesystem;

class GeneratedFederationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device rd;
    dir_ = std::make_unique<fs::path>(fs::temp_directory_path() / ("assay-federation-" + std::to_string(rd())));
    auto federation = samples::build_federation(now());
    ASSERT_TRUE(federation) << federation.error().message();
    ASSERT_TRUE(samples::write_federation(*federation, *dir_, samples::Overwrite::kRefuse));
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    if (dir_) fs::remove_all(*dir_, ec);
    dir_.reset();
  }

  static engine::UtcTime now() { return *engine::parse_utc_time(samples::kDefaultNow); }
  static const fs::path& dir() { return *dir_; }

  // The federation's lists authenticated from its mirror map and OJ anchor at generation time.
  static tsl::TrustSnapshotPtr snapshot() {
    return tsl::testing_support::federation_snapshot(dir() / "urls.tsv", dir() / "oj/old-anchor.pem",
                                                     "https://federation.assay.invalid/lotl.xml", now());
  }

  // A revocation checker over every .crl file in the named folders (missing folders skipped).
  static std::unique_ptr<StandardRevocationChecker> crl_checker(std::initializer_list<const char*> folders) {
    std::vector<std::string> crls;
    for (const char* folder : folders) {
      if (!fs::exists(dir() / folder)) continue;
      for (const auto& entry : fs::directory_iterator(dir() / folder)) {
        if (entry.path().extension() == ".crl") crls.push_back(tsl::testing_support::slurp(entry.path()));
      }
    }
    auto checker = StandardRevocationChecker::from_der(crls, {});
    EXPECT_TRUE(checker.has_value()) << checker.error().message();
    return checker ? std::move(*checker) : nullptr;
  }

 private:
  inline static std::unique_ptr<fs::path> dir_;
};

}  // namespace assay::validation::testing_support
