// Generating the built-in suites (builtin_suites.h) from the federation's expectation tables, so
// a suite and the samples can never disagree: both come from one build of the federation.
#include "service/audit/builtin_suites.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "engine/x509/certificate.h"
#include "service/audit/internal/builtin_suite_parts.h"
#include "service/audit/internal/suite_writer.h"
#include "samples/federation.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;
using engine::Code;

using internal::write_text;

std::string suite_toml(const std::string& name, const std::string& description, engine::UtcTime now) {
  return "[suite]\nname = \"" + name + "\"\nversion = \"" + engine::format_utc_time(now) + "\"\ndescription = \"" + description +
         "\"\n\n[trust]\nmirror = \"federation/mirror.tsv\"\nlotl_url = \"https://federation.assay.invalid/lotl.xml\"\n"
         "oj_anchors = [\"federation/oj/old-anchor.pem\"]\ntrust_time = \"" +
         engine::format_utc_time(now) + "\"\n";
}

// One map for the lists and for the CRL distribution points / caIssuers the validation needs.
std::string mirror_map(const samples::Federation& f) {
  std::string out;
  for (const char* name : {"urls.tsv", "revocation-urls.tsv"}) {
    auto it = f.files.find(name);
    if (it != f.files.end()) out += it->second;
  }
  return out;
}

std::string case_text(const std::string& id, const std::string& body, const std::string& clause, const std::string& text) {
  return "id = \"" + id + "\"\n" + body + "[requirement]\nclause = \"" + clause + "\"\ntext = \"" + text + "\"\n";
}

engine::Result<fs::path> certificates_suite(const fs::path& dir, const samples::Federation& f, engine::UtcTime now) {
  const fs::path suite = dir / "certificates";
  if (auto r = samples::write_federation(f, suite / "federation", samples::Overwrite::kRefuse); !r) return std::unexpected(r.error());
  if (auto r = write_text(suite / "federation/mirror.tsv", mirror_map(f)); !r) return std::unexpected(r.error());
  if (auto r = write_text(suite / "suite.toml", suite_toml("certificates",
                                                       "EN 319 102-1 X.509 certificate validation of the sample federation's "
                                                       "certificates with CRL, OCSP or no revocation data",
                                                       now));
      !r) {
    return std::unexpected(r.error());
  }
  int n = 0;
  for (const auto& row : internal::tsv_rows(f.files.at("expected-validation.tsv"))) {
    if (row.size() < 6) continue;
    const std::string& cert = row[0];
    std::string revocation;
    if (row[2] == "crl") {
      auto parsed = engine::Certificate::parse_pem_chain(f.files.at("validation/" + cert + ".pem"));
      if (!parsed || (*parsed)[0]->crl_distribution_points().empty()) {
        return engine::fail(Code::kInternal, "validation/" + cert + ".pem: no CRL distribution point");
      }
      const std::string& dp = (*parsed)[0]->crl_distribution_points().front();
      revocation = "crls = [\"federation/revocation/" + dp.substr(dp.rfind('/') + 1) + "\"]\n";
    } else if (row[2] == "ocsp") {
      revocation = "ocsp = [\"federation/revocation/" + cert + ".ocsp\"]\n";
    }
    char id[16];
    std::snprintf(id, sizeof id, "%03d", ++n);
    const std::string body = "question = \"certificate\"\ncertificates = [\"federation/validation/" + cert + ".pem\"]\n" + revocation +
                             "at = \"" + row[1] + "\"\n[expected]\nindication = \"" + row[3] + "\"\n" +
                             (row[4] == "-" ? "" : "subindication = \"" + row[4] + "\"\n");
    const std::string name = std::string(id) + "-" + cert + "-" + row[2];
    if (auto r = write_text(suite / "cases" / (name + ".toml"),
                       case_text(name, body, "EN 319 102-1 5.2.6",
                                 "X.509 certificate validation (" + row[5] + "): " + cert + " with " + row[2] +
                                     " revocation data is " + row[3] + (row[4] == "-" ? "" : " / " + row[4]) + "."));
        !r) {
      return std::unexpected(r.error());
    }
  }
  return suite;
}

engine::Result<fs::path> trusted_list_suite(const fs::path& dir, const samples::Federation& f, engine::UtcTime now) {
  const fs::path suite = dir / "trusted-list-usage";
  if (auto r = samples::write_federation(f, suite / "federation", samples::Overwrite::kRefuse); !r) return std::unexpected(r.error());
  if (auto r = write_text(suite / "federation/mirror.tsv", mirror_map(f)); !r) return std::unexpected(r.error());
  if (auto r = write_text(suite / "suite.toml", suite_toml("trusted-list-usage",
                                                       "Qualification answers that depend on using the trusted lists right "
                                                       "(TS 119 615): status history, qualifiers, criteria, conflicts",
                                                       now));
      !r) {
    return std::unexpected(r.error());
  }
  int n = 0;
  for (const auto& row : internal::tsv_rows(f.files.at("expected.tsv"))) {
    if (row.size() < 10 || !f.files.contains("certs/" + row[0] + ".pem")) continue;
    char id[16];
    std::snprintf(id, sizeof id, "%03d", ++n);
    const std::string name = std::string(id) + "-" + row[0];
    const std::string body = "question = \"qualification\"\ncertificates = [\"federation/certs/" + row[0] + ".pem\"]\nat = \"" + row[1] +
                             "\"\n[expected]\nqualification = \"" + row[8] + "\"\n";
    if (auto r = write_text(suite / "cases" / (name + ".toml"),
                       case_text(name, body, "TS 119 615 4.4",
                                 "The qualification follows the trusted lists (rule " + row[9] + "): " + row[0] + " is " + row[8] +
                                     " at " + row[1] + "."));
        !r) {
      return std::unexpected(r.error());
    }
  }
  return suite;
}

engine::Result<fs::path> signatures_suite(const fs::path& dir, const samples::Federation& f, engine::UtcTime now) {
  const fs::path suite = dir / "signatures";
  if (auto r = samples::write_federation(f, suite / "federation", samples::Overwrite::kRefuse); !r) return std::unexpected(r.error());
  if (auto r = write_text(suite / "federation/mirror.tsv", mirror_map(f)); !r) return std::unexpected(r.error());
  if (auto r = write_text(suite / "suite.toml", suite_toml("signatures",
                                                       "EN 319 102-1 validation and TS 119 172-4 qualification of the sample "
                                                       "federation's signed documents: XAdES, CAdES, JAdES, ASiC-S and ASiC-E at every "
                                                       "baseline level, tampered, wrapped, revoked, expired and withdrawn-CA ones",
                                                       now));
      !r) {
    return std::unexpected(r.error());
  }
  auto written = internal::write_signature_cases(suite, f);
  if (!written) return std::unexpected(written.error());
  return suite;
}

}  // namespace

engine::Result<std::vector<fs::path>> generate_builtin_suites(const fs::path& dir, engine::UtcTime now) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    return engine::fail(Code::kInvalidArgument, dir.string() + ": exists and is not an empty folder");
  }
  auto federation = samples::build_federation(now);
  if (!federation) return std::unexpected(std::move(federation.error()).with_context("building the sample federation"));
  std::vector<fs::path> out;
  auto certificates = certificates_suite(dir, *federation, now);
  if (!certificates) return std::unexpected(certificates.error());
  out.push_back(*certificates);
  auto lists = trusted_list_suite(dir, *federation, now);
  if (!lists) return std::unexpected(lists.error());
  out.push_back(*lists);
  auto signatures = signatures_suite(dir, *federation, now);
  if (!signatures) return std::unexpected(signatures.error());
  out.push_back(*signatures);
  return out;
}

}  // namespace assay::service::audit
