// The console (service/console): the HTML builder's escaping, and every page's handler as a plain
// call over the sample federation refreshed at the pinned trust time 2026-01-15T00:00:00Z —
// status, the strict Content-Security-Policy, no inline script or style, the JSON link, error
// pages that say what to do, hostile values from a list shown as text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "service/audit/evidence_package.h"
#include "service/console/console.h"
#include "service/console/html.h"
#include "service/http/handler.h"
#include "tests/service/http/federation_fixture.h"
#include "tests/support/corpus.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/authentication.h"

namespace assay::service::console {
namespace {

namespace fs = std::filesystem;
namespace beast_http = boost::beast::http;
using http::Context;
using http::Request;
using http::Response;
using ::testing::HasSubstr;
using ::testing::Not;

Request get(std::string target) {
  Request r{beast_http::verb::get, target, 11};
  r.set(beast_http::field::host, "localhost");
  return r;
}

struct FilePart {
  std::string name, filename, content;
};

// A multipart/form-data POST as a browser sends it (empty file inputs included).
Request post_form(std::string target, const std::vector<FilePart>& parts) {
  const std::string boundary = "----assayConsoleTestBoundary7MA4YWxkTrZu0gW";
  std::string body;
  for (const auto& p : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (p.filename != "-") body += "; filename=\"" + p.filename + "\"\r\nContent-Type: application/octet-stream";
    body += "\r\n\r\n" + p.content + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  Request r{beast_http::verb::post, target, 11};
  r.set(beast_http::field::host, "localhost");
  r.set(beast_http::field::content_type, "multipart/form-data; boundary=" + boundary);
  r.body() = std::move(body);
  r.prepare_payload();
  return r;
}

std::string sample(const std::string& relative) {
  return assay::testing::read_bytes(assay::testing::sample_federation_dir() / relative);
}

// What every console HTML page must be.
void expect_console_page(const Response& r, const std::string& what) {
  EXPECT_EQ(r[beast_http::field::content_type], "text/html; charset=utf-8") << what;
  EXPECT_EQ(r["Content-Security-Policy"], kContentSecurityPolicy) << what;
  EXPECT_EQ(r["X-Content-Type-Options"], "nosniff") << what;
  const std::string& b = r.body();
  EXPECT_THAT(b, HasSubstr("<meta name=\"viewport\"")) << what;
  EXPECT_THAT(b, HasSubstr("<script src=\"/console/assets/console.js\" defer></script>")) << what;
  // The one script element is the external one; no inline style anywhere (the CSP would block it).
  std::size_t scripts = 0;
  for (auto at = b.find("<script"); at != std::string::npos; at = b.find("<script", at + 1)) ++scripts;
  EXPECT_EQ(scripts, 1u) << what;
  EXPECT_THAT(b, Not(HasSubstr("<style"))) << what;
  EXPECT_THAT(b, Not(HasSubstr(" style="))) << what;
  EXPECT_THAT(b, Not(HasSubstr(" onclick="))) << what;
}

class ConsoleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    federation_ = new assay::testing::SampleFederation();
    ASSERT_TRUE(federation_->refresh());
    auto& c = federation_->context();
    c.qualify = http::engine_qualify();
    c.validate_certificate = http::engine_validate_certificate();
    c.validate_signatures = http::engine_validate_signatures();
  }
  static void TearDownTestSuite() {
    delete federation_;
    federation_ = nullptr;
  }
  static Context& ctx() { return federation_->context(); }
  static std::string some_service_id() {
    return federation_->holder().current()->snapshot->service(0).id;
  }
  static assay::testing::SampleFederation* federation_;
};
assay::testing::SampleFederation* ConsoleTest::federation_ = nullptr;

TEST(HtmlBuilderTest, EscapesEveryValueAndNoMarkup) {
  Html h;
  h.open("a", {{"href", "/x?a=1&b=\"2\""}, {"title", "it's <b>"}}).text("<script>alert(1)</script>").close("a");
  EXPECT_EQ(h.str(), "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"it&#39;s &lt;b&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</a>");
  Html e;
  e.el("td", "a & b").empty("input", {{"value", "\"><img src=x>"}}).link("javascript:'x'", "<i>");
  EXPECT_EQ(e.str(), "<td>a &amp; b</td><input value=\"&quot;&gt;&lt;img src=x&gt;\"><a href=\"javascript:&#39;x&#39;\">&lt;i&gt;</a>");
  EXPECT_EQ(escape("<>&\"'"), "&lt;&gt;&amp;&quot;&#39;");
  EXPECT_EQ(url_encode("a b/é&?=#"), "a%20b%2F%C3%A9%26%3F%3D%23");
  EXPECT_EQ(url_encode("AZaz09-._~"), "AZaz09-._~");
}

TEST_F(ConsoleTest, RootAndTheOldListPageRedirectToTheConsole) {
  auto root = http::handle(get("/"), ctx());
  EXPECT_EQ(root.result_int(), 302);
  EXPECT_EQ(root[beast_http::field::location], "/console/");
  auto old = http::handle(get("/lists/XA"), ctx());
  EXPECT_EQ(old.result_int(), 301);
  EXPECT_EQ(old[beast_http::field::location], "/console/lists/XA");
  auto odd = http::handle(get("/lists/%3Cb%3E"), ctx());
  EXPECT_EQ(odd[beast_http::field::location], "/console/lists/%3Cb%3E");
}

TEST_F(ConsoleTest, EveryPageAnswersWithTheStrictPolicyAndItsJson) {
  const std::string id = some_service_id();
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"/console/", "/api/v1/lists"},
      {"/console/lists/XA", "/api/v1/lists/XA"},
      {"/console/lists/xa?q=a&type=&status=", "/api/v1/lists/XA"},
      {"/console/lists/XA/history", "/api/v1/lists/XA/versions"},
      {"/console/services", "/console/services?format=json"},
      {"/console/services?territory=XA&q=", "/console/services?format=json"},
      {"/console/services/" + id, "/api/v1/services/" + id + "/timeline"},
      {"/console/ask", "/api/v1/openapi.yaml"},
      {"/console/audits", "/console/audits?format=json"},
  };
  for (const auto& [target, json] : pages) {
    auto r = http::handle(get(target), ctx());
    ASSERT_EQ(r.result_int(), 200) << target << "\n" << r.body().substr(0, 2000);
    expect_console_page(r, target);
    EXPECT_THAT(r.body(), HasSubstr("<a href=\"" + escape(json))) << target;
    EXPECT_THAT(r.body(), HasSubstr("class=\"json\"")) << target;
  }
}

TEST_F(ConsoleTest, ListsPageShowsTheLotlPivotsAndEveryList) {
  auto r = http::handle(get("/console/"), ctx());
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_THAT(r.body(), HasSubstr("List of trusted lists (LOTL)"));
  EXPECT_THAT(r.body(), HasSubstr("Pivot chain"));
  EXPECT_THAT(r.body(), HasSubstr("<a href=\"/console/lists/XA\">XA</a>"));
  EXPECT_THAT(r.body(), HasSubstr("Staleness, and why not in force"));
}

TEST_F(ConsoleTest, ListSearchFiltersByNameTypeAndStatus) {
  auto all = http::handle(get("/console/lists/XA"), ctx());
  ASSERT_EQ(all.result_int(), 200);
  EXPECT_THAT(all.body(), HasSubstr("<form class=\"inline box\" method=\"get\" action=\"/console/lists/XA\" role=\"search\">"));
  auto none = http::handle(get("/console/lists/XA?q=no-such-provider-anywhere"), ctx());
  ASSERT_EQ(none.result_int(), 200);
  EXPECT_THAT(none.body(), HasSubstr("0 of "));
  EXPECT_THAT(none.body(), Not(HasSubstr("/console/services/")));
  auto typed = http::handle(get("/console/services?type=http%3A%2F%2Furi.etsi.org%2FTrstSvc%2FSvctype%2FCA%2FQC"), ctx());
  ASSERT_EQ(typed.result_int(), 200);
  EXPECT_THAT(typed.body(), HasSubstr("selected=\"selected\">"));
  auto json = http::handle(get("/console/services?format=json&territory=xa"), ctx());
  ASSERT_EQ(json.result_int(), 200);
  const auto doc = boost::json::parse(json.body());
  EXPECT_GT(doc.at("total").to_number<std::uint64_t>(), 0u);
  for (const auto& s : doc.at("services").as_array()) EXPECT_EQ(s.at("territory"), "XA");
}

TEST_F(ConsoleTest, HistoryLinksADiffAndTheDiffRendersTheApiAnswer) {
  auto history = http::handle(get("/console/lists/XA/history"), ctx());
  ASSERT_EQ(history.result_int(), 200) << history.body();
  EXPECT_THAT(history.body(), HasSubstr("action=\"/console/lists/XA/diff\""));
  const auto versions = boost::json::parse(http::handle(get("/api/v1/lists/XA/versions"), ctx()).body());
  const auto seq = std::to_string(versions.at("versions").as_array().front().at("sequence").as_int64());
  auto diff = http::handle(get("/console/lists/XA/diff?from=" + seq + "&to=" + seq), ctx());
  ASSERT_EQ(diff.result_int(), 200) << diff.body();
  expect_console_page(diff, "diff");
  EXPECT_THAT(diff.body(), HasSubstr("Services added (0)"));
  EXPECT_THAT(diff.body(), HasSubstr("Status changes (0)"));
  EXPECT_THAT(diff.body(), HasSubstr("href=\"/api/v1/lists/XA/diff?from=" + seq + "&amp;to=" + seq + "\""));
}

TEST_F(ConsoleTest, ServicePageShowsTimelineIdentitiesAndWhereEachStateCameFrom) {
  const std::string id = some_service_id();
  auto r = http::handle(get("/console/services/" + id), ctx());
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_THAT(r.body(), HasSubstr("<img class=\"timeline\" src=\"/api/v1/services/" + id + "/timeline?format=svg\""));
  EXPECT_THAT(r.body(), HasSubstr("Digital identities"));
  EXPECT_THAT(r.body(), HasSubstr("Qualifiers"));
  EXPECT_THAT(r.body(), HasSubstr("list sequence"));
  EXPECT_THAT(r.body(), HasSubstr("<details"));
}

TEST_F(ConsoleTest, ErrorPagesSayWhatToDo) {
  struct Case {
    std::string target;
    unsigned status;
  };
  for (const auto& c : std::vector<Case>{{"/console/lists/ZZ", 404},
                                         {"/console/lists/1", 400},
                                         {"/console/lists/XA/diff", 400},
                                         {"/console/lists/XA/diff?from=99998&to=99999", 404},
                                         {"/console/services/0000000000000000", 404},
                                         {"/console/services/" + some_service_id() + "?at=yesterday", 400},
                                         {"/console/nowhere", 404},
                                         {"/console/assets/nothing.css", 404},
                                         {"/console/audits/x.asice", 404}}) {
    auto r = http::handle(get(c.target), ctx());
    EXPECT_EQ(r.result_int(), c.status) << c.target;
    expect_console_page(r, c.target);
    EXPECT_THAT(r.body(), HasSubstr("What to do:")) << c.target;
  }
  Request del{beast_http::verb::delete_, "/console/", 11};
  auto r = http::handle(del, ctx());
  EXPECT_EQ(r.result_int(), 405);
  EXPECT_EQ(r[beast_http::field::allow], "GET, HEAD");
  // No snapshot yet: a 503 page, not a crash.
  http::SnapshotHolder nothing;
  Context empty;
  empty.snapshots = &nothing;
  for (const char* t : {"/console/", "/console/lists/XA", "/console/services"}) {
    auto e = http::handle(get(t), empty);
    EXPECT_EQ(e.result_int(), 503) << t;
    EXPECT_THAT(e.body(), HasSubstr("What to do:")) << t;
  }
}

TEST_F(ConsoleTest, AssetsAreServedAsFiles) {
  auto css = http::handle(get("/console/assets/console.css"), ctx());
  ASSERT_EQ(css.result_int(), 200);
  EXPECT_EQ(css[beast_http::field::content_type], "text/css; charset=utf-8");
  EXPECT_THAT(css.body(), HasSubstr(":focus-visible"));
  EXPECT_THAT(css.body(), HasSubstr("@media"));
  auto js = http::handle(get("/console/assets/console.js"), ctx());
  ASSERT_EQ(js.result_int(), 200);
  EXPECT_EQ(js[beast_http::field::content_type], "text/javascript; charset=utf-8");
}

// A list whose provider, service and pointer carry markup: shown as text everywhere.
TEST_F(ConsoleTest, HostileValuesFromAListAreEscaped) {
  assay::testing::ListFixture fixture;
  fixture.territory = "XZ";
  fixture.providers = assay::testing::provider_xml(
      "&lt;script&gt;alert('tsp')&lt;/script&gt;",  // XML-escaped: the name is "<script>alert('tsp')</script>"
      assay::testing::service_xml("http://uri.etsi.org/TrstSvc/Svctype/CA/QC", "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted",
                                  "2020-01-01T00:00:00Z"));
  auto loaded = tsl::load_list("https://xz.invalid/<script>.xml", fixture.xml());
  ASSERT_TRUE(loaded) << loaded.error().message();
  auto state = std::make_shared<tsl::TrustState>(*federation_->holder().current()->state);
  tsl::ListState hostile;
  hostile.url = "https://xz.invalid/\"><script>alert('url')</script>";
  hostile.territory = "XZ";
  hostile.in_force = *loaded;
  hostile.in_force_authentication.status = tsl::AuthStatus::kAuthenticated;
  hostile.reason = "<img src=x onerror=alert('reason')>";
  state->lists.push_back(hostile);
  http::SnapshotHolder holder;
  holder.publish(http::make_bundle(state));
  Context c = ctx();
  c.snapshots = &holder;
  const auto id = holder.current()->snapshot->services().back()->id;
  for (const std::string& target :
       std::vector<std::string>{"/console/", "/console/lists/XZ", "/console/services?territory=XZ", "/console/services/" + id}) {
    auto r = http::handle(get(target), c);
    ASSERT_EQ(r.result_int(), 200) << target;
    expect_console_page(r, target);
    EXPECT_THAT(r.body(), Not(HasSubstr("<script>alert"))) << target;
    EXPECT_THAT(r.body(), Not(HasSubstr("<img src=x"))) << target;
  }
  EXPECT_THAT(http::handle(get("/console/lists/XZ"), c).body(), HasSubstr("&lt;script&gt;alert(&#39;tsp&#39;)&lt;/script&gt;"));
  EXPECT_THAT(http::handle(get("/console/"), c).body(), HasSubstr("&lt;img src=x onerror=alert(&#39;reason&#39;)&gt;"));
}

TEST_F(ConsoleTest, AskCertificateAnswersQualificationAndValidationWithEvidence) {
  auto r = http::handle(post_form("/console/ask/certificate", {{"chain", "esig-qscd.pem", sample("certs/esig-qscd.pem")},
                                                               {"pem", "-", ""},
                                                               {"at", "-", "2026-01-15T00:00:00Z"}}),
                        ctx());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  expect_console_page(r, "ask certificate");
  EXPECT_THAT(r.body(), HasSubstr("At issuance"));
  EXPECT_THAT(r.body(), HasSubstr("At the chosen instant (2026-01-15T00:00:00Z)"));
  EXPECT_THAT(r.body(), HasSubstr("The evidence, in words"));
  EXPECT_THAT(r.body(), HasSubstr("Validation (EN 319 102-1)"));
  EXPECT_THAT(r.body(), HasSubstr("id=\"answer-json\""));
  // The same answer as the API's.
  Request api{beast_http::verb::post, "/api/v1/qualification", 11};
  api.set(beast_http::field::content_type, "application/json");
  api.body() = boost::json::serialize(boost::json::object{{"certificates", {sample("certs/esig-qscd.pem")}}, {"at", "2026-01-15T00:00:00Z"}});
  api.prepare_payload();
  const auto answer = boost::json::parse(http::handle(api, ctx()).body());
  EXPECT_THAT(r.body(), HasSubstr("<strong>" + escape(std::string(answer.at("result").at("label").as_string())) + "</strong>"));
}

TEST_F(ConsoleTest, AskCertificateRefusesBadInputWithAPage) {
  auto none = http::handle(post_form("/console/ask/certificate", {{"chain", "", ""}, {"at", "-", "2026-01-15T00:00:00Z"}}), ctx());
  EXPECT_EQ(none.result_int(), 400);
  EXPECT_THAT(none.body(), HasSubstr("No certificate was uploaded"));
  auto junk = http::handle(post_form("/console/ask/certificate", {{"chain", "x.pem", "<b>not a certificate</b>"}}), ctx());
  EXPECT_EQ(junk.result_int(), 400);
  EXPECT_THAT(junk.body(), HasSubstr("What to do:"));
  EXPECT_THAT(junk.body(), Not(HasSubstr("<b>not")));
  auto zone = http::handle(post_form("/console/ask/certificate", {{"chain", "c.pem", sample("certs/esig-qscd.pem")},
                                                                  {"at", "-", "2026-01-15"}}),
                           ctx());
  EXPECT_EQ(zone.result_int(), 400);
  EXPECT_THAT(zone.body(), HasSubstr("with its zone"));
  Request plain = get("/console/ask/certificate");
  plain.method(beast_http::verb::post);
  plain.set(beast_http::field::content_type, "text/plain");
  EXPECT_EQ(http::handle(plain, ctx()).result_int(), 415);
  EXPECT_EQ(http::handle(get("/console/ask/certificate"), ctx()).result_int(), 302);
}

TEST_F(ConsoleTest, AskSignatureRendersTheReportAndDownloadsJsonAndEtsiXml) {
  const std::vector<FilePart> form = {{"document", "b-enveloped.xml", sample("signatures/b-enveloped.xml")},
                                      {"detached", "", ""},
                                      {"at", "-", "2026-01-15T00:00:00Z"}};
  auto r = http::handle(post_form("/console/ask/signature", form), ctx());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  expect_console_page(r, "ask signature");
  EXPECT_THAT(r.body(), HasSubstr("Signature "));
  EXPECT_THAT(r.body(), HasSubstr("Detailed report (EN 319 102-1 building blocks)"));
  EXPECT_THAT(r.body(), HasSubstr("formaction=\"/console/ask/signature?download=etsi\""));
  auto xml = http::handle(post_form("/console/ask/signature?download=etsi", form), ctx());
  ASSERT_EQ(xml.result_int(), 200);
  EXPECT_THAT(std::string(xml[beast_http::field::content_type]), HasSubstr("application/xml"));
  EXPECT_THAT(std::string(xml[beast_http::field::content_disposition]), HasSubstr("attachment"));
  EXPECT_THAT(xml.body(), HasSubstr("ValidationReport"));
  auto json = http::handle(post_form("/console/ask/signature?download=json", form), ctx());
  ASSERT_EQ(json.result_int(), 200);
  EXPECT_EQ(boost::json::parse(json.body()).at("signatures_count").to_number<std::uint64_t>(), 1u);
  // Detached content under its reference name.
  auto detached = http::handle(post_form("/console/ask/signature", {{"document", "b-detached.xml", sample("signatures/b-detached.xml")},
                                                                    {"detached", "b-detached.txt", sample("signatures/b-detached.txt")}}),
                               ctx());
  ASSERT_EQ(detached.result_int(), 200) << detached.body();
  auto unreadable = http::handle(post_form("/console/ask/signature", {{"document", "x.bin", "not a signed document"}}), ctx());
  EXPECT_EQ(unreadable.result_int(), 422);
  EXPECT_THAT(unreadable.body(), HasSubstr("What to do:"));
  auto bad = http::handle(post_form("/console/ask/signature?download=pdf", form), ctx());
  EXPECT_EQ(bad.result_int(), 400);
}

TEST_F(ConsoleTest, AuditsListTheFolderAndOpenPackages) {
  assay::testing::TempFolder dir("assay-console-audits");
  audit::CampaignResult result;
  result.suite_name = "<b>suite</b>";
  result.suite_version = "1";
  result.target = "assay";
  audit::AuditFinding finding;
  finding.case_id = "case-1";
  finding.explanation = "expected <PASSED>";
  result.findings.push_back(finding);
  assay::testing::TempFolder suite_dir("assay-console-suite");
  std::ofstream(suite_dir.path() / "suite.toml") << "name = \"suite\"\n";
  audit::Suite suite;
  suite.dir = suite_dir.path();
  auto package = audit::write_evidence_package(result, suite, {});
  ASSERT_TRUE(package) << package.error().message();
  std::ofstream(dir.path() / "campaign.asice", std::ios::binary) << *package;
  std::ofstream(dir.path() / "junk.asice", std::ios::binary) << "not a zip";
  std::ofstream(dir.path() / "notes.txt") << "ignored";
  Context c = ctx();
  c.audit_dir = dir.path().string();
  auto list = http::handle(get("/console/audits"), c);
  ASSERT_EQ(list.result_int(), 200);
  EXPECT_THAT(list.body(), HasSubstr("href=\"/console/audits/campaign.asice\""));
  EXPECT_THAT(list.body(), HasSubstr("junk.asice"));
  EXPECT_THAT(list.body(), Not(HasSubstr("notes.txt")));
  auto open = http::handle(get("/console/audits/campaign.asice"), c);
  ASSERT_EQ(open.result_int(), 200) << open.body();
  expect_console_page(open, "audit");
  EXPECT_THAT(open.body(), HasSubstr("NOT INTACT"));  // written without a seal
  EXPECT_THAT(open.body(), HasSubstr("case-1"));
  EXPECT_THAT(open.body(), HasSubstr("&lt;b&gt;suite&lt;/b&gt;"));
  auto json = http::handle(get("/console/audits/campaign.asice?format=json"), c);
  EXPECT_EQ(boost::json::parse(json.body()).at("intact"), false);
  auto junk = http::handle(get("/console/audits/junk.asice"), c);
  EXPECT_EQ(junk.result_int(), 200);
  EXPECT_THAT(junk.body(), HasSubstr("NOT INTACT"));
  EXPECT_THAT(junk.body(), HasSubstr("What to do:"));
  EXPECT_EQ(http::handle(get("/console/audits/..%2Fetc%2Fpasswd"), c).result_int(), 404);
  auto uploaded = http::handle(post_form("/console/audits", {{"package", "campaign.asice", *package}}), c);
  ASSERT_EQ(uploaded.result_int(), 200) << uploaded.body();
  EXPECT_THAT(uploaded.body(), HasSubstr("case-1"));
  EXPECT_EQ(http::handle(post_form("/console/audits", {{"package", "", ""}}), c).result_int(), 400);
}

}  // namespace
}  // namespace assay::service::console
