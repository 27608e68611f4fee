// report.json and report.html (audit_report.h). The HTML is self-contained (no script, no remote
// resource) so it reads the same offline in ten years, and every text from a target is escaped:
// a hostile service must not be able to write into the auditor's report.
#include "service/audit/audit_report.h"

#include <map>

#include "engine/file.h"
#include "service/json/strict_parse.h"
#include "service/text/markup_escape.h"

namespace assay::service::audit {
namespace {

namespace bj = boost::json;
using engine::Code;

constexpr Classification kAll[] = {Classification::kConforming, Classification::kMajorNonConformity,
                                   Classification::kMinorNonConformity, Classification::kObservation,
                                   Classification::kNotAssessed};

const SuiteCase* find_case(const Suite* suite, std::string_view id) {
  if (suite == nullptr) return nullptr;
  for (const auto& c : suite->cases) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

// The case's input files, relative to the suite folder, with their SHA-256.
std::vector<std::pair<std::string, std::string>> inputs_of(const Suite& suite, const SuiteCase& c) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](const std::filesystem::path& p) {
    auto bytes = engine::read_file(p, std::size_t{1} << 30);
    out.emplace_back(std::filesystem::relative(p, suite.dir).generic_string(), bytes ? engine::sha256_hex(*bytes) : "unreadable");
  };
  if (!c.document.empty()) add(c.document);
  for (const auto* list : {&c.detached, &c.certificates, &c.crls, &c.ocsp}) {
    for (const auto& p : *list) add(p);
  }
  return out;
}

struct RequirementTally {
  std::string text;
  std::map<Classification, std::size_t> counts;
};

std::map<std::string, RequirementTally> by_requirement(const CampaignResult& r) {
  std::map<std::string, RequirementTally> out;
  for (const auto& f : r.findings) {
    auto& t = out[f.requirement.clause];
    if (t.text.empty()) t.text = f.requirement.text;
    ++t.counts[f.classification];
  }
  return out;
}

engine::Result<std::string> str(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return engine::fail(Code::kMalformed, "report.json: '" + std::string(key) + "' missing or not a string");
  return std::string(v->as_string());
}

engine::Result<const bj::object*> obj(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_object()) return engine::fail(Code::kMalformed, "report.json: '" + std::string(key) + "' missing or not an object");
  return &v->as_object();
}

engine::Result<const bj::array*> arr(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_array()) return engine::fail(Code::kMalformed, "report.json: '" + std::string(key) + "' missing or not an array");
  return &v->as_array();
}

std::string esc(std::string_view s) { return text::markup_escape(s); }

// The alternatives are written only when a case has them, so reports of suites without them keep
// their shape.
bj::object expected_json(const ExpectedOutcome& e) {
  bj::object o{{"indication", e.indication}, {"subindication", e.subindication}, {"qualification", e.qualification}};
  const auto list = [](const std::vector<std::string>& v) {
    bj::array a;
    for (const auto& s : v) a.push_back(bj::string(s));
    return a;
  };
  if (!e.also_indications.empty()) o["also_indications"] = list(e.also_indications);
  if (!e.also_subindications.empty()) o["also_subindications"] = list(e.also_subindications);
  return o;
}

std::vector<std::string> strings_in(const bj::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const bj::value* v = o.if_contains(key); v != nullptr && v->is_array()) {
    for (const auto& s : v->as_array()) {
      if (s.is_string()) out.emplace_back(s.as_string());
    }
  }
  return out;
}

// "FAILED or INDETERMINATE / REVOKED_NO_POE or REVOKED".
std::string expected_text(const ExpectedOutcome& e) {
  std::string s = e.indication;
  for (const auto& a : e.also_indications) s += " or " + a;
  std::string sub = e.subindication;
  for (const auto& a : e.also_subindications) sub += (sub.empty() ? "" : " or ") + a;
  if (!sub.empty()) s += " / " + sub;
  if (!e.qualification.empty()) s += ", " + e.qualification;
  return s;
}

}  // namespace

std::string_view observation_status_name(Observation::Status s) noexcept {
  switch (s) {
    case Observation::Status::kAnswered: return "answered";
    case Observation::Status::kServiceError: return "service_error";
    case Observation::Status::kTimeout: return "timeout";
    case Observation::Status::kUnparseable: return "unparseable";
    case Observation::Status::kNoSignature: return "no_signature";
    case Observation::Status::kNotAsked: return "not_asked";
  }
  return "service_error";
}

std::string campaign_summary_line(const CampaignResult& r) {
  std::string s = std::to_string(r.findings.size()) + " cases:";
  bool first = true;
  for (Classification c : kAll) {
    const std::size_t n = r.count(c);
    if (n == 0 && c != Classification::kConforming) continue;
    s += (first ? " " : ", ") + std::to_string(n) + " " + std::string(classification_name(c));
    first = false;
  }
  return s;
}

bj::object campaign_json(const CampaignResult& r, const Suite* suite, std::string_view seal) {
  bj::object out;
  out["format"] = kReportFormat;
  out["suite"] = {{"name", r.suite_name}, {"version", r.suite_version}, {"sha256", r.suite_sha256}};
  out["target"] = r.target;
  out["assay_version"] = r.assay_version;
  bj::array lists;
  for (const auto& l : r.trust_state.lists) lists.push_back({{"territory", l.territory}, {"sequence", l.sequence}, {"sha256", l.sha256}});
  out["trust_state"] = {{"trust_time", r.trust_state.trust_time}, {"lists", std::move(lists)}};
  out["started"] = engine::format_utc_time(r.started);
  out["finished"] = engine::format_utc_time(r.finished);
  out["seal"] = seal;
  bj::object summary;
  for (Classification c : kAll) summary[classification_name(c)] = r.count(c);
  out["summary"] = std::move(summary);
  bj::array requirements;
  for (const auto& [clause, tally] : by_requirement(r)) {
    bj::object req{{"clause", clause}, {"text", tally.text}};
    for (Classification c : kAll) req[classification_name(c)] = tally.counts.contains(c) ? tally.counts.at(c) : 0;
    requirements.push_back(std::move(req));
  }
  out["requirements"] = std::move(requirements);
  bj::array cases;
  for (const auto& f : r.findings) {
    bj::array evidence;
    for (const auto& e : f.observed.evidence) evidence.push_back(bj::string(e.name));
    bj::object c{
        {"id", f.case_id},
        {"classification", classification_name(f.classification)},
        {"rule", f.rule},
        {"explanation", f.explanation},
        {"requirement", {{"clause", f.requirement.clause}, {"text", f.requirement.text}}},
        {"expected", expected_json(f.expected)},
        {"observed",
         {{"status", observation_status_name(f.observed.status)},
          {"indication", f.observed.indication},
          {"subindication", f.observed.subindication},
          {"qualification", f.observed.qualification},
          {"detail", f.observed.detail},
          {"elapsed_ms", f.observed.elapsed.count()}}},
        {"evidence", std::move(evidence)},
    };
    if (const SuiteCase* sc = find_case(suite, f.case_id)) {
      c["question"] = question_name(sc->question);
      c["at"] = engine::format_utc_time(sc->at);
      bj::array inputs;
      for (const auto& [path, digest] : inputs_of(*suite, *sc)) inputs.push_back({{"path", path}, {"sha256", digest}});
      c["inputs"] = std::move(inputs);
    }
    cases.push_back(std::move(c));
  }
  out["cases"] = std::move(cases);
  return out;
}

std::string campaign_html(const CampaignResult& r, const Suite* suite, std::string_view seal) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Audit report: " + esc(r.suite_name) +
       "</title>\n<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}table{border-collapse:collapse}"
       "td,th{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top}"
       ".Major{background:#fdd}.Minor{background:#ffd}.Observation{background:#eef}.Not{background:#eee}code{font-size:90%}</style></head><body>\n";
  h += "<h1>Audit report: " + esc(r.suite_name) + " " + esc(r.suite_version) + "</h1>\n<table>\n";
  auto row = [&](std::string_view k, std::string_view v) { h += "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>\n"; };
  row("Target", r.target);
  row("Suite SHA-256", r.suite_sha256);
  row("assay", r.assay_version);
  row("Started", engine::format_utc_time(r.started));
  row("Finished", engine::format_utc_time(r.finished));
  row("Trust time", r.trust_state.trust_time.empty() ? "(explicit anchors only)" : r.trust_state.trust_time);
  for (const auto& l : r.trust_state.lists) row("List " + l.territory + " #" + std::to_string(l.sequence), l.sha256);
  row("Seal", seal);
  h += "</table>\n<h2>Summary</h2>\n<p>" + esc(campaign_summary_line(r)) + "</p>\n<table><tr><th>Classification</th><th>Cases</th></tr>\n";
  for (Classification c : kAll) h += "<tr><td>" + esc(classification_name(c)) + "</td><td>" + std::to_string(r.count(c)) + "</td></tr>\n";
  h += "</table>\n<h2>Per requirement</h2>\n<table><tr><th>Clause</th><th>Requirement</th>";
  for (Classification c : kAll) h += "<th>" + esc(classification_name(c)) + "</th>";
  h += "</tr>\n";
  for (const auto& [clause, tally] : by_requirement(r)) {
    h += "<tr><td>" + esc(clause) + "</td><td>" + esc(tally.text) + "</td>";
    for (Classification c : kAll) h += "<td>" + std::to_string(tally.counts.contains(c) ? tally.counts.at(c) : 0) + "</td>";
    h += "</tr>\n";
  }
  h += "</table>\n<h2>Cases</h2>\n";
  for (const auto& f : r.findings) {
    const std::string css(classification_name(f.classification).substr(0, classification_name(f.classification).find(' ')));
    h += "<section class=\"" + esc(css) + "\"><h3 id=\"case-" + esc(f.case_id) + "\">" + esc(f.case_id) + ": " +
         esc(classification_name(f.classification)) + "</h3>\n<table>\n";
    row("Requirement", f.requirement.clause + ": " + f.requirement.text);
    row("Expected", expected_text(f.expected));
    row("Observed", std::string(observation_status_name(f.observed.status)) + ": " + f.observed.indication +
                        (f.observed.subindication.empty() ? "" : " / " + f.observed.subindication) +
                        (f.observed.qualification.empty() ? "" : ", " + f.observed.qualification) +
                        (f.observed.detail.empty() ? "" : " (" + f.observed.detail + ")"));
    row("Finding", f.rule + ": " + f.explanation);
    if (const SuiteCase* sc = find_case(suite, f.case_id)) {
      for (const auto& [path, digest] : inputs_of(*suite, *sc)) row("Input suite/" + path, digest);
    }
    for (const auto& e : f.observed.evidence) row("Evidence", e.name);
    h += "</table></section>\n";
  }
  h += "</body></html>\n";
  return h;
}

engine::Result<CampaignResult> campaign_from_json(std::string_view text) {
  auto parsed = json::parse_strict(text);
  if (!parsed) return std::unexpected(std::move(parsed.error()).with_context("report.json"));
  if (!parsed->is_object()) return engine::fail(Code::kMalformed, "report.json: not an object");
  const bj::object& o = parsed->as_object();
  auto format = str(o, "format");
  if (!format) return std::unexpected(format.error());
  if (*format != kReportFormat) return engine::fail(Code::kUnsupported, "report.json: format '" + *format + "'");
  CampaignResult r;
  auto s = obj(o, "suite");
  if (!s) return std::unexpected(s.error());
  auto name = str(**s, "name"), version = str(**s, "version"), digest = str(**s, "sha256");
  auto target = str(o, "target"), assay = str(o, "assay_version"), started = str(o, "started"), finished = str(o, "finished");
  for (auto* v : {&name, &version, &digest, &target, &assay, &started, &finished}) {
    if (!*v) return std::unexpected(v->error());
  }
  r.suite_name = *name;
  r.suite_version = *version;
  r.suite_sha256 = *digest;
  r.target = *target;
  r.assay_version = *assay;
  auto t0 = engine::parse_utc_time(*started), t1 = engine::parse_utc_time(*finished);
  if (!t0 || !t1) return engine::fail(Code::kMalformed, "report.json: started / finished are not RFC 3339 instants");
  r.started = *t0;
  r.finished = *t1;
  auto trust = obj(o, "trust_state");
  if (!trust) return std::unexpected(trust.error());
  auto trust_time = str(**trust, "trust_time");
  auto lists = arr(**trust, "lists");
  if (!trust_time) return std::unexpected(trust_time.error());
  if (!lists) return std::unexpected(lists.error());
  r.trust_state.trust_time = *trust_time;
  for (const auto& l : **lists) {
    if (!l.is_object() || !l.as_object().contains("sequence") || !l.as_object().at("sequence").is_int64()) {
      return engine::fail(Code::kMalformed, "report.json: trust_state.lists: bad entry");
    }
    auto territory = str(l.as_object(), "territory"), sha = str(l.as_object(), "sha256");
    if (!territory || !sha) return engine::fail(Code::kMalformed, "report.json: trust_state.lists: bad entry");
    r.trust_state.lists.push_back({*territory, l.as_object().at("sequence").as_int64(), *sha});
  }
  auto cases = arr(o, "cases");
  if (!cases) return std::unexpected(cases.error());
  for (const auto& v : **cases) {
    if (!v.is_object()) return engine::fail(Code::kMalformed, "report.json: cases: not an object");
    const bj::object& c = v.as_object();
    AuditFinding f;
    auto id = str(c, "id"), cls = str(c, "classification"), rule = str(c, "rule"), why = str(c, "explanation");
    auto req = obj(c, "requirement"), exp = obj(c, "expected"), obs = obj(c, "observed");
    auto evidence = arr(c, "evidence");
    for (auto* x : {&id, &cls, &rule, &why}) {
      if (!*x) return std::unexpected(x->error());
    }
    if (!req || !exp || !obs || !evidence) return engine::fail(Code::kMalformed, "report.json: case '" + *id + "' is incomplete");
    f.case_id = *id;
    f.rule = *rule;
    f.explanation = *why;
    bool known = false;
    for (Classification k : kAll) {
      if (classification_name(k) == *cls) f.classification = k, known = true;
    }
    if (!known) return engine::fail(Code::kMalformed, "report.json: case '" + *id + "': classification '" + *cls + "'");
    auto clause = str(**req, "clause"), text = str(**req, "text");
    auto ei = str(**exp, "indication"), es = str(**exp, "subindication"), eq = str(**exp, "qualification");
    auto st = str(**obs, "status"), oi = str(**obs, "indication"), os = str(**obs, "subindication"), oq = str(**obs, "qualification"),
         od = str(**obs, "detail");
    for (auto* x : {&clause, &text, &ei, &es, &eq, &st, &oi, &os, &oq, &od}) {
      if (!*x) return std::unexpected(std::move(x->error()).with_context("case '" + *id + "'"));
    }
    f.requirement = {*clause, *text};
    f.expected = {*ei, *es, *eq, strings_in(**exp, "also_indications"), strings_in(**exp, "also_subindications")};
    known = false;
    for (auto k : {Observation::Status::kAnswered, Observation::Status::kServiceError, Observation::Status::kTimeout,
                   Observation::Status::kUnparseable, Observation::Status::kNoSignature, Observation::Status::kNotAsked}) {
      if (observation_status_name(k) == *st) f.observed.status = k, known = true;
    }
    if (!known) return engine::fail(Code::kMalformed, "report.json: case '" + *id + "': status '" + *st + "'");
    f.observed.indication = *oi;
    f.observed.subindication = *os;
    f.observed.qualification = *oq;
    f.observed.detail = *od;
    if (const auto* ms = (*obs)->if_contains("elapsed_ms"); ms != nullptr && ms->is_int64()) {
      f.observed.elapsed = std::chrono::milliseconds(ms->as_int64());
    }
    for (const auto& e : **evidence) {
      if (!e.is_string()) return engine::fail(Code::kMalformed, "report.json: case '" + *id + "': evidence names are strings");
      f.observed.evidence.push_back({std::string(e.as_string()), ""});
    }
    r.findings.push_back(std::move(f));
  }
  return r;
}

}  // namespace assay::service::audit
