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
#include "samples/scenarios.h"

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
    } else {
      revocation = "no_other_revocation = true\n";  // the row's answer is the one without any revocation data
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

// `map` (url<TAB>file lines) with the file served at `url` replaced: the mirror of a world in
// which that URL serves another version of the list.
std::string serve_instead(const std::string& map, const std::string& url, const std::string& file) {
  std::istringstream in(map);
  std::string out, line;
  while (std::getline(in, line)) {
    if (line.starts_with(url + "\t")) line = url + "\t" + file;
    out += line + "\n";
  }
  return out;
}

struct ListStateCase {
  std::string name;          // case id after the number
  std::string certificate;   // federation-relative PEM
  std::string at;
  std::string label;         // the right answer by the standard
  std::vector<std::string> mirrors;  // suite-relative, in order
  std::string setup;
  std::string clause;
  std::string text;
};

// The cases whose right answer depends on which list versions a TL-user accepts (issue 17):
// each needs its own list state ([trust] of the case), so only targets whose trust the runner
// controls answer them; the others report "requires trust setup" (docs/audit.md).
engine::Result<int> write_list_state_cases(const fs::path& suite, const samples::Federation& f, int n) {
  const std::string xa = std::string(samples::kBaseUrl) + "lists/XA.xml";
  const std::string& urls = f.files.at("urls.tsv");
  if (auto r = write_text(suite / "federation/mirror-xa-broken.tsv", serve_instead(urls, xa, "damaged/XA-broken-signature.xml")); !r) {
    return std::unexpected(r.error());
  }
  if (auto r = write_text(suite / "federation/mirror-xa-sequence-6.tsv", serve_instead(urls, xa, "damaged/XA-sequence-regression.xml"));
      !r) {
    return std::unexpected(r.error());
  }
  std::vector<ListStateCase> cases = {
      {"list-fails-authentication", "federation/certs/esig-qscd.pem", "2025-06-01T00:00:00Z", "AdESig",
       {"federation/mirror-xa-broken.tsv"},
       "a fresh TL-user whose XA URL serves damaged/XA-broken-signature.xml (signed content changed after signing)",
       "TS 119 612 5.7; TS 119 615 4.1",
       "A trusted list is used only after its signature verifies with a signer its LOTL pointer announces: XA's list fails "
       "authentication, so no trusted list covers xa-qc-esig-ca and esig-qscd is AdESig, not QESig, at 2025-06-01."},
      {"sequence-rollback", "federation/certs/withdrawn-after-issuance.pem", "2025-06-01T00:00:00Z", "AdESig",
       {"federation/mirror.tsv", "federation/mirror-xa-sequence-6.tsv"},
       "XA sequence 7 in force, then XA's URL serves sequence 6 (validly signed, from before xa-qc-withdrawn's withdrawal "
       "was published)",
       "TS 119 612 5.3.2",
       "A TSL sequence number is never lower than that of the list in force: the rolled-back XA sequence 6, which still "
       "shows xa-qc-withdrawn granted, must not replace sequence 7, so withdrawn-after-issuance is AdESig, not QESig, at "
       "2025-06-01."},
      {"superseded-list-version", "federation/certs/withdrawn-after-issuance.pem", "2025-06-01T00:00:00Z", "AdESig",
       {"federation/mirror-xa-sequence-6.tsv", "federation/mirror.tsv"},
       "XA sequence 6 in force, then XA's URL serves sequence 7 (which publishes xa-qc-withdrawn's withdrawal)",
       "TS 119 612 5.3.2; TS 119 615 4.1",
       "An authenticated list with a higher sequence number supersedes the one in force: once XA sequence 7 is out, the "
       "answer follows its status history (xa-qc-withdrawn withdrawn since 2025-03-01), so withdrawn-after-issuance is "
       "AdESig, not QESig, at 2025-06-01."},
  };
  for (const auto& row : internal::tsv_rows(f.files.at("expected-pivot-era.tsv"))) {
    if (row.size() < 10) continue;
    cases.push_back({"pivot-era-ca-" + row[0], "federation/pivot-era/" + row[0] + ".pem", row[1], row[8],
                     {"federation/urls-pivot-era.tsv"},
                     "the pivot LOTL served at the pivot URL points to XD besides XA, XB, XC; the current LOTL does not",
                     "TS 119 612 5.3.13; TS 119 615 4.1",
                     "The national lists used are those the LOTL in force points to; a pivot LOTL only carries trust in "
                     "the LOTL signing certificates: XD, pointed to only by the pivot, covers no certificate, so " +
                         row[0] + " is " + row[8] + " at " + row[1] + " (rule " + row[9] + "), even in the pivot's era."});
  }
  for (const auto& c : cases) {
    char id[16];
    std::snprintf(id, sizeof id, "%03d", ++n);
    const std::string name = std::string(id) + "-" + c.name;
    std::string mirrors;
    for (const auto& m : c.mirrors) mirrors += (mirrors.empty() ? "\"" : ", \"") + m + "\"";
    const std::string body = "question = \"qualification\"\ncertificates = [\"" + c.certificate + "\"]\nat = \"" + c.at +
                             "\"\n[expected]\nqualification = \"" + c.label + "\"\n";
    const std::string trust = "[trust]\nmirrors = [" + mirrors + "]\nsetup = \"" + c.setup + "\"\n";
    if (auto r = write_text(suite / "cases" / (name + ".toml"), case_text(name, body, c.clause, c.text) + trust); !r) {
      return std::unexpected(r.error());
    }
  }
  return n;
}

engine::Result<fs::path> trusted_list_suite(const fs::path& dir, const samples::Federation& f, engine::UtcTime now) {
  const fs::path suite = dir / "trusted-list-usage";
  if (auto r = samples::write_federation(f, suite / "federation", samples::Overwrite::kRefuse); !r) return std::unexpected(r.error());
  if (auto r = write_text(suite / "federation/mirror.tsv", mirror_map(f)); !r) return std::unexpected(r.error());
  if (auto r = write_text(suite / "suite.toml", suite_toml("trusted-list-usage",
                                                       "Qualification answers that depend on using the trusted lists right "
                                                       "(TS 119 615): status history, qualifiers, criteria, conflicts, and the list versions a TL-user "
                                                       "accepts (authentication, sequence rollback, superseded version, pivot era)",
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
  if (auto r = write_list_state_cases(suite, f, n); !r) return std::unexpected(r.error());
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
