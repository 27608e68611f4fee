// The "signatures" built-in suite (builtin_suites.h): every sample signed document of the
// federation — XAdES (expected-signatures.tsv), CAdES and ASiC-S/E (expected-validation-cades-
// asic.tsv), JAdES (expected-validation-jades.tsv), PAdES (expected-validation-pades.tsv) — at every baseline level, with the tampered,
// wrapped, revoked, expired and withdrawn-CA ones, each a case with the indication,
// sub-indication and signature qualification the federation's table states.
//
// Revocation data: a "crl" row gets the CRLs a relying party's cache would hold for that table
// (the federation's revocation/*.crl, plus signatures-cades-asic/*.crl for CAdES / ASiC), exactly
// what the federation's own tests give the validator; "none" rows get nothing but what the
// document embeds.
//
// Rows whose expected outcome is a refusal to validate (indication ERROR: the ZIP bomb) are not
// cases: the suite format asks for an EN 319 102-1 indication, and a refusal is an answer no
// indication describes (docs/audit.md "The signatures suite").
#include "service/audit/internal/builtin_suite_parts.h"

#include "service/audit/internal/suite_writer.h"
#include "samples/federation.h"

namespace assay::service::audit::internal {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> crls_in(const samples::Federation& f, std::initializer_list<std::string_view> folders) {
  std::vector<std::string> out;
  for (const auto& [name, bytes] : f.files) {
    if (!name.ends_with(".crl")) continue;
    for (std::string_view folder : folders) {
      if (name.starts_with(std::string(folder) + "/") && name.find('/', folder.size() + 1) == std::string::npos) {
        out.push_back("federation/" + name);
      }
    }
  }
  return out;
}

// The validation model (EN 319 102-1 clause 5) with the format's standard, and the signature
// qualification (TS 119 172-4) the expected label states.
std::string clause_of(std::string_view format) {
  std::string_view standard = "EN 319 132-1";
  if (format == "CAdES") standard = "EN 319 122-1";
  if (format == "ASiC") standard = "EN 319 162-1";
  if (format.starts_with("JAdES")) standard = "TS 119 182-1";
  return "EN 319 102-1 5; " + std::string(standard) + "; TS 119 172-4 4";
}

struct Row {
  std::string label;                // for the case id and text
  std::string document;             // suite-relative
  std::vector<std::string> detached;
  std::string at;
  std::vector<std::string> crls;
  std::string indication, subindication, qualification, rule, format;
};

std::string dash_empty(const std::string& s) { return s == "-" ? "" : s; }

std::string case_file(const std::string& id, const Row& r) {
  std::string body = "id = " + toml_string(id) + "\nquestion = \"signature\"\ndocument = " + toml_string(r.document) + "\n";
  if (!r.detached.empty()) body += "detached = " + toml_array(r.detached) + "\n";
  if (!r.crls.empty()) body += "crls = " + toml_array(r.crls) + "\n";
  // The sample tables validate such rows with no revocation source: the expected outcome holds
  // for a validator that fetches nothing beyond what the document embeds.
  if (r.crls.empty()) body += "no_other_revocation = true\n";
  body += "at = " + toml_string(r.at) + "\n[expected]\nindication = " + toml_string(r.indication) + "\n";
  if (!r.subindication.empty()) body += "subindication = " + toml_string(r.subindication) + "\n";
  if (!r.qualification.empty()) body += "qualification = " + toml_string(r.qualification) + "\n";
  const std::string outcome = r.indication + (r.subindication.empty() ? "" : " / " + r.subindication) +
                              (r.qualification.empty() ? "" : ", " + r.qualification);
  return body + requirement_toml(clause_of(r.format),
                                 r.format + " signature validation (" + r.rule + "): " + r.label + " validated at " + r.at +
                                     (r.crls.empty() ? " with only the data it embeds" : " with the issuers' CRLs") + " is " +
                                     outcome + ".");
}

std::string stem(const std::string& file) {
  const auto slash = file.rfind('/');
  std::string name = slash == std::string::npos ? file : file.substr(slash + 1);
  const auto dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

engine::Result<int> write_signature_cases(const fs::path& suite, const samples::Federation& f) {
  std::vector<Row> rows;
  const auto xades_crls = crls_in(f, {"revocation"});
  const auto cades_crls = crls_in(f, {"revocation", "signatures-cades-asic"});
  for (const auto& c : tsv_rows(f.files.at("expected-signatures.tsv"))) {
    if (c.size() < 8) continue;
    Row r{c[0], "federation/signatures/" + c[0] + ".xml", {}, c[2], {}, c[4], dash_empty(c[5]), dash_empty(c[6]), c[7], "XAdES"};
    if (c[1] != "-") r.detached.push_back("federation/signatures/" + c[1]);
    if (c[3] == "crl") r.crls = xades_crls;
    rows.push_back(std::move(r));
  }
  for (const auto& c : tsv_rows(f.files.at("expected-validation-cades-asic.tsv"))) {
    // Document time-stamp rows (a 9th column "document-timestamp") are not signature answers.
    if (c.size() < 8 || c[4] == "ERROR" || (c.size() > 8 && c[8] == "document-timestamp")) continue;
    Row r{stem(c[0]), "federation/signatures-cades-asic/" + c[0], {}, c[2], {}, c[4], dash_empty(c[5]), dash_empty(c[6]), c[7],
          c[0].starts_with("asic-") ? "ASiC" : "CAdES"};
    if (c[1] != "-") r.detached.push_back("federation/signatures-cades-asic/" + c[1]);
    if (c[3] == "crl") r.crls = cades_crls;
    rows.push_back(std::move(r));
  }
  for (const auto& c : tsv_rows(f.files.at("expected-validation-jades.tsv"))) {
    if (c.size() < 8) continue;
    Row r{"jades-" + c[7], "federation/" + c[1], {}, c[3], {}, c[4], dash_empty(c[5]), dash_empty(c[6]), c[7], c[0]};
    if (c[2] != "-") r.detached.push_back("federation/" + c[2]);
    rows.push_back(std::move(r));
  }
  // PAdES: one case per single-signature row (a "#N" rule is one signature of several: a case
  // asks about a document's one signature); refusals (ERROR) are not indications.
  if (f.files.contains("expected-validation-pades.tsv")) {
    for (const auto& c : tsv_rows(f.files.at("expected-validation-pades.tsv"))) {
      if (c.size() < 8 || c[4] == "ERROR" || c[7].find('#') != std::string::npos) continue;
      Row r{c[7], "federation/signatures-pades/" + c[0], {}, c[2], {}, c[4], dash_empty(c[5]), dash_empty(c[6]), c[7], "PAdES"};
      if (c[1] != "-") r.detached.push_back("federation/signatures-pades/" + c[1]);
      if (c[3] == "crl") r.crls = cades_crls;
      rows.push_back(std::move(r));
    }
  }
  int n = 0;
  for (const auto& r : rows) {
    const std::string id = case_number(++n) + "-" + r.label;
    if (auto w = write_text(suite / "cases" / (id + ".toml"), case_file(id, r)); !w) return std::unexpected(w.error());
  }
  return n;
}

}  // namespace assay::service::audit::internal
