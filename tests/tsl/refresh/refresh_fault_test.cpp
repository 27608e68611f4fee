// Refresh under injected faults (TRUSTED-LISTS.md "Failure semantics"). The real eu-2026-08 set is
// served by a loopback server; after a good cold refresh, one list (AT) fails in one way per
// test. Each fault must leave the previous AT in force (same bytes), say why, mark it stale, leave
// the other lists alone, end within the configured timeouts and keep the store consistent; the
// next good refresh must recover (304 for the version in force, no longer stale).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "engine/digest.h"
#include "tests/engine/support/test_http_server.h"
#include "tests/tsl/refresh/refresh_fixture.h"
#include "tests/tsl/support/finding_matchers.h"
#include "tsl/finding_ids.h"

namespace assay::tsl::testing {
namespace {

using assay::testing::Delivery;
using assay::testing::Encoding;
using assay::testing::HttpScript;
using assay::testing::RecordedRequest;
using ::testing::HasSubstr;
using assay::testing::HasFinding;

class RefreshFaultTest : public RefreshFixture {
 protected:
  // Answers every request for AT with `script`.
  void inject_at(HttpScript script) {
    server_->inject(kAtUrl, [script](const RecordedRequest&) { return script; });
  }
  const std::string& at_bytes() const { return server_->document(kAtUrl).bytes; }
  std::size_t at_requests() const { return server_->requests_for(kAtUrl).size(); }
};

TEST_F(RefreshFaultTest, NotFoundKeepsPreviousWithoutRetry) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  const std::size_t before = at_requests();
  inject_at(HttpScript::status_only(404));
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("HTTP 404"));
  EXPECT_EQ(faulty_at().attempt_status, AuthStatus::kNotAvailable);
  EXPECT_EQ(at_requests(), before + 2);  // one for the fault (404 is final), one to recover
}

TEST_F(RefreshFaultTest, ServerErrorIsRetriedThenKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  const std::size_t before = at_requests();
  inject_at(HttpScript::status_only(500));
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("HTTP 500 after 2 attempts"));
  EXPECT_EQ(at_requests(), before + 3);
}

TEST_F(RefreshFaultTest, UnavailableHonoursRetryAfterThenKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript busy = HttpScript::status_only(503);
  busy.headers.emplace_back("Retry-After", "1");
  inject_at(busy);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("HTTP 503 after 2 attempts"));
  EXPECT_GE(elapsed_, 900ms);  // the retry waited for Retry-After (1 s), not the 50 ms backoff
}

TEST_F(RefreshFaultTest, ConnectionRefusedKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  const std::uint16_t port = refusing_port();
  ASSERT_NE(port, 0);
  ASSERT_NO_FATAL_FAILURE(use_mirror({{kAtUrl, "http://127.0.0.1:" + std::to_string(port) + "/AT.xml"}}));
  overridden_ = true;
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("connect failed"));
  EXPECT_THAT(faulty_at().reason, HasSubstr("after 2 attempts"));
}

TEST_F(RefreshFaultTest, ConnectionClosedMidBodyKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript cut = HttpScript::ok(at_bytes());
  cut.delivery = Delivery::kCloseMidBody;
  cut.cut_after = 100'000;
  inject_at(cut);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("connection closed after 100000 bytes of " +
                                               std::to_string(at_bytes().size())));
}

TEST_F(RefreshFaultTest, ChunkedBodyCutMidwayKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript cut = HttpScript::ok(at_bytes());
  cut.delivery = Delivery::kCloseMidBody;
  cut.chunked = true;
  cut.cut_after = 100'000;
  inject_at(cut);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("connection closed after 100000 bytes"));
}

TEST_F(RefreshFaultTest, BodyShorterThanContentLengthKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript liar = HttpScript::ok(at_bytes());
  liar.delivery = Delivery::kAnnounceLonger;
  liar.announced_length = at_bytes().size() + 1000;
  inject_at(liar);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("connection closed after " + std::to_string(at_bytes().size()) +
                                               " bytes of " + std::to_string(at_bytes().size() + 1000)));
}

TEST_F(RefreshFaultTest, StalledMidBodyEndsByTheLowSpeedTimeout) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript slow = HttpScript::ok(at_bytes());
  slow.delivery = Delivery::kStallMidBody;
  slow.cut_after = 50'000;
  inject_at(slow);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("timed out after 50000 bytes"));
  EXPECT_THAT(faulty_at().reason, HasSubstr("after 2 attempts"));
}

TEST_F(RefreshFaultTest, StalledBeforeHeadersEndsByTheTotalTimeout) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript silent;
  silent.delivery = Delivery::kStall;
  inject_at(silent);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("timed out after 0 bytes"));
}

TEST_F(RefreshFaultTest, HtmlErrorPageIsNotAList) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  inject_at(HttpScript::ok("<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>",
                           "text/html; charset=utf-8"));
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("served as text/html; charset=utf-8, not a trusted list"));
  EXPECT_EQ(faulty_at().attempt_status, AuthStatus::kMalformed);
  EXPECT_THAT(faulty_at().findings, HasFinding(finding::kNotAList));
  // The page was kept (every body is stored) and the fetch says why it was not a list.
  const auto fetches = *store_->fetches_for(kAtUrl);
  ASSERT_GE(fetches.size(), 2u);
  const auto& page = fetches[1];  // [0] is the recovering 304
  ASSERT_TRUE(page.sha256.has_value());
  EXPECT_TRUE(store_->has_blob(*page.sha256));
  EXPECT_THAT(page.error.value_or(""), HasSubstr("text/html"));
}

TEST_F(RefreshFaultTest, EmptyBodyIsNotAList) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  inject_at(HttpScript::ok(""));
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("empty body"));
  EXPECT_THAT(faulty_at().findings, HasFinding(finding::kNotAList));
}

TEST_F(RefreshFaultTest, WrongContentTypeIsNotAList) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  // The genuine bytes, labelled as something else: a fetch failure, not a list.
  inject_at(HttpScript::ok(at_bytes(), "application/pdf"));
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("served as application/pdf, not a trusted list"));
  EXPECT_THAT(faulty_at().findings, HasFinding(finding::kNotAList));
}

TEST_F(RefreshFaultTest, AnnouncedOversizedBodyIsRefusedAtOnce) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript huge;
  huge.delivery = Delivery::kGenerated;
  huge.generated_bytes = std::uint64_t{200} << 20;
  huge.headers.emplace_back("Content-Type", "application/xml");
  inject_at(huge);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("body over 33554432 bytes (Content-Length 209715200)"));
}

TEST_F(RefreshFaultTest, ChunkedOversizedBodyIsCutAtTheLimit) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript huge;
  huge.delivery = Delivery::kGenerated;
  huge.chunked = true;
  huge.generated_bytes = std::uint64_t{200} << 20;
  huge.headers.emplace_back("Content-Type", "application/xml");
  inject_at(huge);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("body over 33554432 bytes"));
}

TEST_F(RefreshFaultTest, RedirectLoopKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  inject_at(HttpScript::redirect(302, server_->server().url(server_->document(kAtUrl).server_path)));
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("more than 5 redirects"));
}

TEST_F(RefreshFaultTest, RedirectFromHttpsToHttpIsRefused) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  // AT moves to an HTTPS server (trusted through the test CA bundle) that redirects to plain HTTP.
  assay::testing::TestHttpServer tls(assay::testing::TestHttpServer::Tls::kOn);
  tls.route("/AT.xml", HttpScript::redirect(302, server_->server().url("/AT.xml")));
  tls.route("/AT-ok.xml", HttpScript::ok(at_bytes()));
  const fs::path bundle = dir_ / "test-ca.pem";
  std::ofstream(bundle) << assay::testing::TestHttpServer::certificate_pem();
  auto http = short_timeouts();
  http.ca_bundle = bundle.string();
  ASSERT_NO_FATAL_FAILURE(use_mirror({{kAtUrl, tls.url("/AT.xml")}}, http));
  overridden_ = true;
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("redirect from https to http refused"));
  EXPECT_EQ(tls.hits("/AT.xml"), 1u);  // not retried: a refused redirect is final
  EXPECT_EQ(server_->requests_for(kAtUrl).size(), 2u);  // the baseline and the recovery, never the redirect target

  // Control: the same HTTPS server serving AT itself works, so the refusal is the redirect's.
  ASSERT_NO_FATAL_FAILURE(use_mirror({{kAtUrl, tls.url("/AT-ok.xml")}}, http));
  auto state = refresh(3);
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(find_list(*state, kAtUrl)->outcome, RefreshOutcome::kUnchanged) << find_list(*state, kAtUrl)->reason;
}

TEST_F(RefreshFaultTest, GzipBodySucceedsAsTheSameVersion) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  for (const bool chunked : {false, true}) {
    HttpScript gz = HttpScript::ok(at_bytes());  // no validators: the whole body is sent
    gz.encoding = Encoding::kGzip;
    gz.chunked = chunked;
    inject_at(gz);
    auto state = refresh(1);
    ASSERT_NE(state, nullptr);
    const ListState* at = find_list(*state, kAtUrl);
    EXPECT_EQ(at->outcome, RefreshOutcome::kUnchanged) << at->reason;
    EXPECT_EQ(at->in_force_sha256(), find_list(*baseline_, kAtUrl)->in_force_sha256());
    EXPECT_FALSE(at->stale_since.has_value());
    const auto fetch = store_->fetches_for(kAtUrl)->front();
    EXPECT_EQ(fetch.http_status, 200);
    EXPECT_EQ(fetch.sha256, find_list(*baseline_, kAtUrl)->in_force_sha256());  // decoded before storing
    ASSERT_NO_FATAL_FAILURE(expect_others_unaffected(*state));
  }
  ASSERT_NO_FATAL_FAILURE(expect_store_clean());
}

TEST_F(RefreshFaultTest, BrokenGzipKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  HttpScript gz = HttpScript::ok(at_bytes());
  gz.encoding = Encoding::kBrokenGzip;
  inject_at(gz);
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("bad content encoding"));
}

TEST_F(RefreshFaultTest, OlderSequenceIsASequenceRegression) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  ASSERT_EQ(find_list(*baseline_, kAtUrl)->in_force_sequence(), 72u);
  const std::string older = assay::testing::read_bytes(corpus_ / "tl-history/AT-seq71.xml");
  inject_at(HttpScript::ok(older));
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous("sequence 71 is lower than the version in force (72)"));
  // Validly signed by AT's signer: authenticated, yet not allowed to go back.
  EXPECT_EQ(faulty_at().attempt_status, AuthStatus::kAuthenticated);
  EXPECT_THAT(faulty_at().findings, HasFinding(finding::kSequenceRegression));
  EXPECT_EQ(faulty_at().in_force_sequence(), 72u);
  // The older version is in the history, as an authenticated version that is not in force.
  const auto versions = *store_->versions_for(engine::store::VersionKey::kUrl, kAtUrl);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].sequence, 71);
  EXPECT_EQ(versions[0].sha256, engine::sha256_hex(older));
  EXPECT_EQ(versions[0].auth_status, "authenticated");
}

TEST_F(RefreshFaultTest, BrokenSignatureKeepsPrevious) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  // One byte of signed content changed (the scheme operator's name); still well-formed XML.
  std::string tampered = at_bytes();
  const auto where = tampered.find("Rundfunk und Telekom Regulierungs-GmbH");
  ASSERT_NE(where, std::string::npos);
  tampered[where] = 'F';
  inject_at(HttpScript::ok(tampered));
  ASSERT_NO_FATAL_FAILURE(expect_kept_previous(""));
  EXPECT_EQ(faulty_at().attempt_status, AuthStatus::kSignatureInvalid) << faulty_at().reason;
  EXPECT_FALSE(faulty_at().reason.empty());
  const auto versions = *store_->versions_for(engine::store::VersionKey::kUrl, kAtUrl);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].sha256, engine::sha256_hex(tampered));
  EXPECT_EQ(versions[0].auth_status, "signature_invalid");
}

TEST_F(RefreshFaultTest, ListNeverLoadedIsMissing) {
  inject_at(HttpScript::status_only(404));
  auto state = refresh(0);
  ASSERT_NE(state, nullptr);
  ASSERT_TRUE(state->lotl_authenticated());
  const ListState* at = find_list(*state, kAtUrl);
  ASSERT_NE(at, nullptr);
  EXPECT_EQ(at->outcome, RefreshOutcome::kMissing);
  EXPECT_EQ(at->territory, "AT");  // from the pointer
  EXPECT_THAT(at->reason, HasSubstr("HTTP 404"));
  EXPECT_FALSE(at->in_force.has_value());
  EXPECT_FALSE(at->in_force_authentication.authenticated());
  EXPECT_FALSE(at->stale_since.has_value());
  EXPECT_EQ(lists_in_force(*state), kListsInForce - 1);
  EXPECT_FALSE(store_->in_force(kAtUrl)->has_value());
  ASSERT_NO_FATAL_FAILURE(expect_store_clean());

  // Once it can be fetched, it is loaded.
  server_->clear(kAtUrl);
  auto later = refresh(1);
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(find_list(*later, kAtUrl)->outcome, RefreshOutcome::kUpdated);
  EXPECT_EQ(find_list(*later, kAtUrl)->in_force_since, at_hour(1));
  EXPECT_EQ(lists_in_force(*later), kListsInForce);
}

TEST_F(RefreshFaultTest, LotlFailureKeepsItsPreviousVersionAndListsStillRefresh) {
  // The baseline has the older AT (71) in force, so that AT 72 is news during the LOTL failure.
  const std::string older = assay::testing::read_bytes(corpus_ / "tl-history/AT-seq71.xml");
  inject_at(HttpScript::ok(older));
  ASSERT_NO_FATAL_FAILURE(baseline());
  ASSERT_EQ(find_list(*baseline_, kAtUrl)->in_force_sequence(), 71u);
  const std::string lotl_sha = baseline_->lotl.in_force_sha256();

  server_->clear(kAtUrl);
  server_->inject(kLotlUrl, [](const RecordedRequest&) { return HttpScript::status_only(500); });
  auto state = refresh(1);
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(state->lotl.outcome, RefreshOutcome::kKeptPrevious);
  EXPECT_THAT(state->lotl.reason, HasSubstr("HTTP 500 after 2 attempts"));
  EXPECT_EQ(state->lotl.in_force_sha256(), lotl_sha);
  EXPECT_EQ(state->lotl.stale_since, at_hour(1));
  EXPECT_TRUE(state->lotl_authenticated());
  // The lists were refreshed from the pointers of the LOTL in force: AT moved forward.
  const ListState* at = find_list(*state, kAtUrl);
  EXPECT_EQ(at->outcome, RefreshOutcome::kUpdated) << at->reason;
  EXPECT_EQ(at->in_force_sequence(), 72u);
  ASSERT_NO_FATAL_FAILURE(expect_others_unaffected(*state));
  EXPECT_EQ(lists_in_force(*state), kListsInForce);
  EXPECT_EQ((*store_->in_force(kLotlUrl))->stale_since, at_hour(1));
  ASSERT_NO_FATAL_FAILURE(expect_store_clean());
}

TEST_F(RefreshFaultTest, ConditionalGetAnswers304AndParsesNothing) {
  ASSERT_NO_FATAL_FAILURE(baseline());
  const auto first = server_->requests_for(kAtUrl);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_FALSE(first[0].headers.contains("if-none-match"));
  const std::size_t parsed = refresher_->documents_parsed();
  EXPECT_GE(parsed, kListsInForce);

  auto state = refresh(1);
  ASSERT_NE(state, nullptr);
  const auto& doc = server_->document(kAtUrl);
  const auto second = server_->requests_for(kAtUrl);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[1].headers.at("if-none-match"), doc.etag);
  EXPECT_EQ(second[1].headers.at("if-modified-since"), doc.last_modified);
  EXPECT_EQ(store_->fetches_for(kAtUrl)->front().http_status, 304);
  EXPECT_EQ(store_->fetches_for(kLotlUrl)->front().http_status, 304);
  EXPECT_EQ(state->lotl.outcome, RefreshOutcome::kUnchanged);
  ASSERT_NO_FATAL_FAILURE(expect_others_unaffected(*state, ""));
  EXPECT_EQ(find_list(*state, kAtUrl)->outcome, RefreshOutcome::kUnchanged);
  EXPECT_EQ(lists_in_force(*state), kListsInForce);
  // Nothing was parsed or verified again: it all came from the Refresher's cache, including the
  // list that was fetched but rejected (HR: not in force, so fetched again without validators; its
  // unchanged body is the attempt the cache kept).
  std::size_t rejected = 0;
  for (const auto& l : baseline_->lists) {
    if (l.in_force || l.attempt_status == AuthStatus::kNotAvailable) continue;
    ++rejected;
    // Judged again from the cached parse: still rejected, for the same reason.
    const ListState* again = find_list(*state, l.url);
    ASSERT_NE(again, nullptr) << l.url;
    EXPECT_EQ(again->outcome, RefreshOutcome::kMissing) << l.url;
    EXPECT_EQ(again->attempt_status, l.attempt_status) << l.url;
  }
  EXPECT_EQ(rejected, 1u);
  EXPECT_EQ(refresher_->documents_parsed(), parsed);
  ASSERT_NO_FATAL_FAILURE(expect_store_clean());
}

}  // namespace
}  // namespace assay::tsl::testing
