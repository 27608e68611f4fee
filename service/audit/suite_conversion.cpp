// Conformance sets → audit suites (suite_conversion.h). Each converter reads the set's
// cases.tsv as its README documents it, copies what a case names into OUT/inputs/ and writes one
// case file per row; the expected outcome is the set's, translated into EN 319 102-1 terms and
// never taken from assay's own answer.
#include "service/audit/suite_conversion.h"

#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <system_error>

#include "service/audit/internal/suite_writer.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;
using engine::Code;
using internal::requirement_toml;
using internal::toml_array;
using internal::toml_string;
using internal::write_text;

using Row = std::vector<std::string>;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty() || s == "-") return out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  return out;
}

// cases.tsv: '#' lines and the "id\t..." header skipped. The header (or, for sets that write it
// as a comment, the commented one) is returned for detection.
engine::Result<std::vector<Row>> read_cases(const fs::path& from, std::string* header = nullptr) {
  std::ifstream in(from / "cases.tsv", std::ios::binary);
  if (!in) return engine::fail(Code::kNotFound, (from / "cases.tsv").string() + ": not found (not a conformance set folder)");
  std::vector<Row> rows;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string bare = line.starts_with("# id\t") ? line.substr(2) : line;
    if (bare.starts_with("id\t")) {
      if (header != nullptr && header->empty()) *header = bare;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    rows.push_back(split(line, '\t'));
  }
  return rows;
}

// Copies FROM/rel to OUT/inputs/rel (once) and returns the suite-relative path.
class Inputs {
 public:
  Inputs(fs::path from, fs::path out) : from_(std::move(from)), out_(std::move(out)) {}
  engine::Result<std::string> add(const std::string& rel) {
    const fs::path p(rel);
    for (const auto& part : p) {
      if (part == ".." || p.is_absolute()) return engine::fail(Code::kMalformed, "'" + rel + "' leaves the conformance set");
    }
    const std::string name = "inputs/" + p.generic_string();
    if (copied_.insert(name).second) {
      std::error_code ec;
      if (!fs::is_regular_file(from_ / p, ec)) return engine::fail(Code::kNotFound, (from_ / p).string() + ": named by cases.tsv, not found");
      fs::create_directories((out_ / name).parent_path(), ec);
      fs::copy_file(from_ / p, out_ / name, fs::copy_options::overwrite_existing, ec);
      if (ec) return engine::fail(Code::kUnavailable, (out_ / name).string() + ": " + ec.message());
    }
    return name;
  }

 private:
  fs::path from_, out_;
  std::set<std::string> copied_;
};

engine::Error bad_row(const fs::path& from, const Row& row, const std::string& why) {
  return engine::Error(Code::kMalformed, (from / "cases.tsv").string() + ": case '" + (row.empty() ? "" : row[0]) + "': " + why);
}

std::string suite_toml(std::string_view name, std::string_view description, engine::UtcTime now, const std::string& trust,
                       bool policy) {
  return "[suite]\nname = " + toml_string(name) + "\nversion = " + toml_string(engine::format_utc_time(now)) +
         "\ndescription = " + toml_string(description) + "\n" + trust + (policy ? "\n[policy]\nfile = \"policy.toml\"\n" : "");
}

// PKITS and the OCSP set test path logic and response checking, not algorithm strength (their
// READMEs: SHA-1, DSA-1024 on purpose): expiry dates only warn.
constexpr std::string_view kNoExpiryPolicy = "# The conformance set tests path logic, not algorithm strength (its README).\n[crypto]\napply_expiry = false\n";

struct CaseText {
  std::string id, body, clause, text;
};

engine::Result<void> write_case(const fs::path& out, const CaseText& c) {
  return write_text(out / "cases" / (c.id + ".toml"),
                    "id = " + toml_string(c.id) + "\n" + c.body + requirement_toml(c.clause, c.text));
}

// The not-passed outcome of "invalid": FAILED or INDETERMINATE are both EN 319 102-1 answers for
// a path that must not validate (which one depends on why); the sub-indication is not asserted.
constexpr std::string_view kInvalid = "[expected]\nindication = \"FAILED\"\nalso_indications = [\"INDETERMINATE\"]\n";
constexpr std::string_view kRevoked =
    "[expected]\nindication = \"INDETERMINATE\"\nalso_indications = [\"FAILED\"]\nsubindication = \"REVOKED_NO_POE\"\n"
    "also_subindications = [\"REVOKED\", \"REVOKED_CA_NO_POE\", \"TRY_LATER\"]\n";

engine::Result<int> convert_pkits(const fs::path& from, const fs::path& out, engine::UtcTime now) {
  auto rows = read_cases(from);
  if (!rows) return std::unexpected(rows.error());
  Inputs inputs(from, out);
  auto anchor = inputs.add("certs/TrustAnchorRootCertificate.crt");
  auto anchor_crl = inputs.add("crls/TrustAnchorRootCRL.crl");
  if (!anchor) return std::unexpected(anchor.error());
  if (!anchor_crl) return std::unexpected(anchor_crl.error());
  int n = 0;
  for (const auto& row : *rows) {
    if (row.size() < 5) return std::unexpected(bad_row(from, row, "expected 5 columns"));
    std::vector<std::string> certificates, crls{*anchor_crl};
    for (const auto& f : std::vector<std::string>{row[1]}) {
      auto p = inputs.add("certs/" + f);
      if (!p) return std::unexpected(p.error());
      certificates.push_back(*p);
    }
    for (const auto& f : split(row[2], ',')) {
      auto p = inputs.add("certs/" + f);
      if (!p) return std::unexpected(p.error());
      certificates.push_back(*p);
    }
    for (const auto& f : split(row[3], ',')) {
      auto p = inputs.add("crls/" + f);
      if (!p) return std::unexpected(p.error());
      crls.push_back(*p);
    }
    std::string expected;
    if (row[4] == "valid") {
      expected = "[expected]\nindication = \"PASSED\"\n";
    } else if (row[4] == "invalid") {
      expected = std::string(kInvalid);
    } else if (row[4] == "revoked") {
      expected = std::string(kRevoked);
    } else {
      return std::unexpected(bad_row(from, row, "expected '" + row[4] + "': not valid, invalid or revoked"));
    }
    const std::string body = "question = \"certificate\"\ncertificates = " + toml_array(certificates) + "\ncrls = " + toml_array(crls) +
                             "\nat = \"2020-06-01T00:00:00Z\"\n" + expected;
    if (auto w = write_case(out, {row[0], body, "RFC 5280 6.1; EN 319 102-1 5.2.6",
                                  "NIST PKITS " + row[0] + ": the certification path of " + row[1] + " is " + row[4] +
                                      " under PKITS's default settings."});
        !w) {
      return std::unexpected(w.error());
    }
    ++n;
  }
  const std::string trust = "\n[trust]\nanchors = [" + toml_string(*anchor) + "]\n";
  if (auto w = write_text(out / "policy.toml", std::string(kNoExpiryPolicy)); !w) return std::unexpected(w.error());
  if (auto w = write_text(out / "suite.toml", suite_toml("pkits", "NIST PKITS: RFC 5280 certification path validation, converted from " +
                                                                      from.filename().string(), now, trust, true));
      !w) {
    return std::unexpected(w.error());
  }
  return n;
}

engine::Result<int> convert_ocsp(const fs::path& from, const fs::path& out, engine::UtcTime now) {
  auto rows = read_cases(from);
  if (!rows) return std::unexpected(rows.error());
  Inputs inputs(from, out);
  std::set<std::string> anchors;
  int n = 0;
  for (const auto& row : *rows) {
    if (row.size() < 8) return std::unexpected(bad_row(from, row, "expected 8 columns"));
    auto anchor = inputs.add(row[1]);
    if (!anchor) return std::unexpected(anchor.error());
    anchors.insert(*anchor);
    std::vector<std::string> certificates, ocsp;
    for (const auto& f : std::vector<std::string>{row[3]}) {
      auto p = inputs.add(f);
      if (!p) return std::unexpected(p.error());
      certificates.push_back(*p);
    }
    for (const auto& f : split(row[2], ',')) {
      auto p = inputs.add(f);
      if (!p) return std::unexpected(p.error());
      certificates.push_back(*p);
    }
    for (const auto& f : split(row[4], ',')) {
      auto p = inputs.add(f);
      if (!p) return std::unexpected(p.error());
      ocsp.push_back(*p);
    }
    if (!engine::parse_utc_time(row[5])) return std::unexpected(bad_row(from, row, "at '" + row[5] + "' is not RFC 3339"));
    std::string expected;
    if (row[6] == "valid") {
      expected = "[expected]\nindication = \"PASSED\"\n";
    } else if (row[6] == "invalid") {
      expected = std::string(kInvalid);
    } else {
      return std::unexpected(bad_row(from, row, "expected '" + row[6] + "': not valid or invalid"));
    }
    const std::string body = "question = \"certificate\"\ncertificates = " + toml_array(certificates) + "\nocsp = " + toml_array(ocsp) +
                             "\nat = " + toml_string(row[5]) + "\n" + expected;
    if (auto w = write_case(out, {row[0], body, "RFC 6960 3.2; EN 319 102-1 5.2.6",
                                  "OCSP response checking: " + row[3] + " with only " + row[4] + " as revocation data is " +
                                      row[6] + (row[7] == "-" ? std::string() : " (" + row[7] + ")") + "."});
        !w) {
      return std::unexpected(w.error());
    }
    ++n;
  }
  const std::string trust = "\n[trust]\nanchors = " + toml_array({anchors.begin(), anchors.end()}) + "\n";
  if (auto w = write_text(out / "policy.toml", std::string(kNoExpiryPolicy)); !w) return std::unexpected(w.error());
  if (auto w = write_text(out / "suite.toml", suite_toml("ocsp", "OCSP response checking (RFC 6960) in certificate validation, converted from " +
                                                                     from.filename().string(), now, trust, true));
      !w) {
    return std::unexpected(w.error());
  }
  return n;
}

engine::Result<int> convert_dss(const fs::path& from, const fs::path& out, engine::UtcTime now) {
  auto rows = read_cases(from);
  if (!rows) return std::unexpected(rows.error());
  Inputs inputs(from, out);
  int n = 0;
  for (const auto& row : *rows) {
    if (row.size() < 8) return std::unexpected(bad_row(from, row, "expected 8 columns"));
    auto document = inputs.add(row[1]);
    if (!document) return std::unexpected(document.error());
    std::vector<std::string> detached;
    for (const auto& f : split(row[2], ',')) {
      auto p = inputs.add(f);
      if (!p) return std::unexpected(p.error());
      detached.push_back(*p);
    }
    const std::string& ind = row[4];
    if (ind != "TOTAL_PASSED" && ind != "TOTAL_FAILED" && ind != "INDETERMINATE") {
      return std::unexpected(bad_row(from, row, "expected_indication '" + ind + "'"));
    }
    std::string body = "question = \"signature\"\ndocument = " + toml_string(*document) + "\n";
    if (!detached.empty()) body += "detached = " + toml_array(detached) + "\n";
    body += "at = " + toml_string(engine::format_utc_time(now)) + "\n[expected]\nindication = " + toml_string(ind) + "\n";
    if (row[5] != "-" && !row[5].empty() && ind != "TOTAL_PASSED") body += "subindication = " + toml_string(row[5]) + "\n";
    if (auto w = write_case(out, {row[0], body, "EN 319 102-1 5.3",
                                  "DSS test signature (" + row[3] + ", " + row[6] + "): " + row[7] +
                                      "; with no trust anchor and no revocation data it is " + ind +
                                      (row[5] == "-" ? std::string() : " / " + row[5]) + "."});
        !w) {
      return std::unexpected(w.error());
    }
    ++n;
  }
  if (auto w = write_text(out / "suite.toml", suite_toml("dss-signatures",
                                                         "Signatures from the EU DSS library's tests (format checking, signing-certificate "
                                                         "identification, references, cryptography) with no trust anchor, converted from " +
                                                             from.filename().string(),
                                                         now, "", false));
      !w) {
    return std::unexpected(w.error());
  }
  return n;
}

engine::Result<int> convert_eu_qualification(const fs::path& from, const fs::path& out, engine::UtcTime now) {
  auto rows = read_cases(from);
  if (!rows) return std::unexpected(rows.error());
  Inputs inputs(from, out);
  // The mirror: every file of lists/ (the map, the lists, the LOTL signer).
  std::string lotl_url;
  {
    std::ifstream map(from / "lists/urls.tsv");
    if (!map) return engine::fail(Code::kNotFound, (from / "lists/urls.tsv").string() + ": not found");
    for (std::string line; std::getline(map, line);) {
      if (line.empty() || line[0] == '#') continue;
      const auto cells = split(line, '\t');
      if (cells.size() < 2) continue;
      auto p = inputs.add("lists/" + cells[1]);
      if (!p) return std::unexpected(p.error());
      if (lotl_url.empty() && cells[1].starts_with("LOTL")) lotl_url = cells[0];
    }
  }
  if (lotl_url.empty()) return engine::fail(Code::kMalformed, (from / "lists/urls.tsv").string() + ": no LOTL in the map");
  auto mirror = inputs.add("lists/urls.tsv");
  std::string signer_name;
  for (const auto& e : fs::directory_iterator(from / "lists")) {
    const std::string f = e.path().filename().string();
    if (f.starts_with("LOTL") && f.ends_with("-signer.pem")) signer_name = f;
  }
  if (signer_name.empty()) return engine::fail(Code::kNotFound, (from / "lists").string() + ": no LOTL-*-signer.pem");
  auto signer = inputs.add("lists/" + signer_name);
  if (!mirror) return std::unexpected(mirror.error());
  if (!signer) return std::unexpected(signer.error());
  int n = 0;
  for (const auto& row : *rows) {
    if (row.size() < 5) return std::unexpected(bad_row(from, row, "expected 5 columns"));
    auto chain = inputs.add(row[1]);
    if (!chain) return std::unexpected(chain.error());
    if (!engine::parse_utc_time(row[2])) return std::unexpected(bad_row(from, row, "at '" + row[2] + "' is not RFC 3339"));
    const std::string body = "question = \"qualification\"\ncertificates = [" + toml_string(*chain) + "]\nat = " + toml_string(row[2]) +
                             "\n[expected]\nqualification = " + toml_string(row[3]) + "\n";
    if (auto w = write_case(out, {row[0], body, "TS 119 615 4.4; TS 119 172-4 4",
                                  "EU qualification test " + row[0] + " (" + row[4] + "): the signature level is " + row[3] + "."});
        !w) {
      return std::unexpected(w.error());
    }
    ++n;
  }
  // The README's trust time: inside the LOTL's validity (issued 2025-10-24, next update 2025-11-26).
  const std::string trust = "\n[trust]\nmirror = " + toml_string(*mirror) + "\nlotl_url = " + toml_string(lotl_url) +
                            "\noj_anchors = [" + toml_string(*signer) + "]\ntrust_time = \"2025-11-01T00:00:00Z\"\n";
  if (auto w = write_text(out / "suite.toml", suite_toml("eu-qualification",
                                                         "The EU eSignature validation test suite's qualification cases, converted from " +
                                                             from.filename().string(),
                                                         now, trust, false));
      !w) {
    return std::unexpected(w.error());
  }
  return n;
}

}  // namespace

std::string_view conversion_kind_name(ConversionKind k) noexcept {
  switch (k) {
    case ConversionKind::kPkits: return "pkits";
    case ConversionKind::kOcsp: return "ocsp";
    case ConversionKind::kDssSignatures: return "dss-signatures";
    case ConversionKind::kEuQualification: return "eu-qualification";
  }
  return "pkits";
}

engine::Result<ConversionKind> parse_conversion_kind(std::string_view name) {
  for (auto k : {ConversionKind::kPkits, ConversionKind::kOcsp, ConversionKind::kDssSignatures, ConversionKind::kEuQualification}) {
    if (conversion_kind_name(k) == name) return k;
  }
  return engine::fail(Code::kInvalidArgument, "'" + std::string(name) + "': expected pkits, ocsp, dss-signatures or eu-qualification");
}

engine::Result<ConversionKind> detect_conversion_kind(const fs::path& from) {
  std::string header;
  auto rows = read_cases(from, &header);
  if (!rows) return std::unexpected(rows.error());
  if (header.starts_with("id\tend_entity\tintermediates\tcrls\texpected")) return ConversionKind::kPkits;
  if (header.starts_with("id\ttrust_anchor\tintermediates\tend_entity\tocsp_responses")) return ConversionKind::kOcsp;
  if (header.starts_with("id\tfile\tdetached_content\tformat\texpected_indication")) return ConversionKind::kDssSignatures;
  if (header.starts_with("id\tchain\tat\texpected_label")) return ConversionKind::kEuQualification;
  return engine::fail(Code::kInvalidArgument, (from / "cases.tsv").string() +
                                                  ": not a known conformance set (header '" + header + "'); name it with --kind");
}

engine::Result<ConversionResult> convert_suite(const fs::path& from, const fs::path& out, std::optional<ConversionKind> kind,
                                               engine::UtcTime now) {
  std::error_code ec;
  if (fs::exists(out, ec) && !(fs::is_directory(out, ec) && fs::is_empty(out, ec))) {
    return engine::fail(Code::kInvalidArgument, out.string() + ": exists and is not an empty folder");
  }
  if (!kind) {
    auto detected = detect_conversion_kind(from);
    if (!detected) return std::unexpected(detected.error());
    kind = *detected;
  }
  fs::create_directories(out, ec);
  if (ec) return engine::fail(Code::kUnavailable, out.string() + ": " + ec.message());
  const fs::path abs = fs::absolute(out, ec);
  engine::Result<int> n = 0;
  switch (*kind) {
    case ConversionKind::kPkits: n = convert_pkits(from, abs, now); break;
    case ConversionKind::kOcsp: n = convert_ocsp(from, abs, now); break;
    case ConversionKind::kDssSignatures: n = convert_dss(from, abs, now); break;
    case ConversionKind::kEuQualification: n = convert_eu_qualification(from, abs, now); break;
  }
  if (!n) {
    fs::remove_all(out, ec);  // no half-written suite left behind
    return std::unexpected(std::move(n.error()).with_context(std::string("converting ") + std::string(conversion_kind_name(*kind))));
  }
  return ConversionResult{abs, *kind, *n};
}

}  // namespace assay::service::audit
