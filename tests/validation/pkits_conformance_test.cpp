// NIST PKITS (../shared/validation-conformance/pkits) through the CLI, as an auditor would run
// it: `assay certificates validate EE --intermediate ... --anchor TrustAnchorRootCertificate.crt
// --crl ... --at 2020-06-01T00:00:00Z --no-algorithm-expiry --json`, with PKITS's default
// settings (initial policy set any-policy, nothing inhibited, revocation required for every
// certificate below the anchor). valid → PASSED; invalid → not PASSED; revoked → not PASSED
// with a revocation sub-indication. Prints a per-section table.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/corpus.h"
#include "tests/support/run_assay.h"

namespace {

struct Case {
  std::string id, end_entity, expected;
  std::vector<std::string> intermediates, crls;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s == "-" || s.empty()) return out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  return out;
}

std::vector<Case> read_cases(const std::filesystem::path& tsv) {
  std::vector<Case> out;
  std::ifstream in(tsv);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.starts_with("id\t")) continue;
    auto f = split(line, '\t');
    if (f.size() < 5) continue;
    out.push_back(Case{f[0], f[1], f[4], split(f[2], ','), split(f[3], ',')});
  }
  return out;
}

bool revocation_subindication(const std::string& s) {
  return s == "REVOKED_NO_POE" || s == "REVOKED_CA_NO_POE" || s == "REVOKED" || s == "TRY_LATER";
}

// "4.1" from "40101_valid_signatures_test1".
std::string section(const std::string& id) {
  return id.substr(0, 1) + "." + std::to_string(std::stoi(id.substr(1, 2)));
}

TEST(PkitsConformance, EveryVisibleCaseThroughTheCli) {
  ASSAY_REQUIRE_SHARED();
  const auto dir = assay::testing::shared_dir() / "validation-conformance" / "pkits";
  if (!std::filesystem::exists(dir / "cases.tsv")) GTEST_SKIP() << "no PKITS cases under " << dir;
  const auto cases = read_cases(dir / "cases.tsv");
  ASSERT_GE(cases.size(), 100u);
  std::map<std::string, std::pair<int, int>> table;  // section -> (passed, total)
  std::vector<std::string> failures;
  for (const auto& c : cases) {
    std::string args = "certificates validate " + (dir / "certs" / c.end_entity).string();
    for (const auto& i : c.intermediates) args += " --intermediate " + (dir / "certs" / i).string();
    args += " --anchor " + (dir / "certs" / "TrustAnchorRootCertificate.crt").string();
    args += " --crl " + (dir / "crls" / "TrustAnchorRootCRL.crl").string();
    for (const auto& l : c.crls) args += " --crl " + (dir / "crls" / l).string();
    args += " --at 2020-06-01T00:00:00Z --no-algorithm-expiry --json";
    const auto r = assay::testing::run_assay(ASSAY_BINARY, args);
    std::string indication = "?", sub;
    try {
      const auto v = boost::json::parse(r.out).as_object();
      indication = std::string(v.at("indication").as_string());
      if (v.at("subindication").is_string()) sub = std::string(v.at("subindication").as_string());
    } catch (const std::exception&) {
      indication = "unparseable output (exit " + std::to_string(r.exit_code) + ")";
    }
    bool ok = false;
    if (c.expected == "valid") ok = indication == "PASSED" && r.exit_code == 0;
    if (c.expected == "invalid") ok = indication != "PASSED" && indication.find("unparseable") == std::string::npos && r.exit_code == 1;
    if (c.expected == "revoked") ok = indication != "PASSED" && revocation_subindication(sub) && r.exit_code == 1;
    auto& row = table[section(c.id)];
    ++row.second;
    if (ok) {
      ++row.first;
    } else {
      failures.push_back(c.id + ": expected " + c.expected + ", got " + indication + (sub.empty() ? "" : "/" + sub));
    }
  }
  std::printf("PKITS section  passed/total\n");
  int passed = 0, total = 0;
  for (const auto& [s, row] : table) {
    std::printf("  %-12s %3d/%-3d\n", s.c_str(), row.first, row.second);
    passed += row.first;
    total += row.second;
  }
  std::printf("  %-12s %3d/%-3d\n", "all", passed, total);
  for (const auto& f : failures) ADD_FAILURE() << f;
}

}  // namespace
