#include "validation/revocation/standard_revocation_checker.h"

#include <algorithm>

#include "validation/revocation/internal/revocation_common.h"
#include "validation/revocation/revocation_findings.h"

namespace assay::validation {
namespace {

namespace rf = revocation_findings;
using namespace revocation_internal;

constexpr std::string_view kOidOcspNoCheck = "1.3.6.1.5.5.7.48.1.5";
constexpr std::string_view kOidOcspSigning = "1.3.6.1.5.5.7.3.9";

bool conclusive(const RevocationEvidence& e) {
  return e.status == RevocationState::kGood || e.status == RevocationState::kRevoked;
}

void merge_findings(engine::Findings& into, const engine::Findings& from) {
  into.insert(into.end(), from.begin(), from.end());
}

}  // namespace

StandardRevocationChecker::StandardRevocationChecker(std::vector<engine::CrlPtr> crls,
                                                     std::vector<engine::OcspResponsePtr> responses,
                                                     const OnlineSource* online, RevocationDataLimits limits)
    : crls_(std::move(crls)), responses_(std::move(responses)), online_(online), limits_(limits) {}

engine::Result<std::unique_ptr<StandardRevocationChecker>> StandardRevocationChecker::from_der(
    std::span<const std::string> crls, std::span<const std::string> ocsp_responses, const OnlineSource* online,
    RevocationDataLimits limits) {
  std::vector<engine::CrlPtr> parsed_crls;
  for (std::size_t i = 0; i < crls.size(); ++i) {
    auto c = engine::Crl::parse_der(crls[i], limits.crl);
    if (!c) return std::unexpected(std::move(c.error()).with_context("CRL #" + std::to_string(i + 1)));
    parsed_crls.push_back(std::move(*c));
  }
  std::vector<engine::OcspResponsePtr> parsed_ocsp;
  for (std::size_t i = 0; i < ocsp_responses.size(); ++i) {
    auto r = engine::OcspResponse::parse_der(ocsp_responses[i], limits.ocsp);
    if (!r) return std::unexpected(std::move(r.error()).with_context("OCSP response #" + std::to_string(i + 1)));
    parsed_ocsp.push_back(std::move(*r));
  }
  return std::make_unique<StandardRevocationChecker>(std::move(parsed_crls), std::move(parsed_ocsp), online, limits);
}

RevocationEvidence StandardRevocationChecker::check(const RevocationQuery& query,
                                                    const SignerPathValidator& validate_signer) const {
  // RFC 6960 4.2.2.2.1: a responder certificate with id-pkix-ocsp-nocheck is trusted for its
  // lifetime; only ever as the signer of a response, never on the main path.
  if (query.depth > 0 && query.certificate.find_extension(kOidOcspNoCheck) != nullptr) {
    const auto& eku = query.certificate.extended_key_usages();
    if (std::find(eku.begin(), eku.end(), kOidOcspSigning) != eku.end()) {
      RevocationEvidence ev;
      ev.status = RevocationState::kGood;
      ev.source = "ocsp-nocheck";
      add_finding(ev.findings, rf::kOcspNoCheck, engine::Severity::kInfo,
                  "OCSP responder certificate with id-pkix-ocsp-nocheck: its revocation is not checked");
      return ev;
    }
  }
  RevocationEvidence local = check_with(query, validate_signer, crls_, responses_);
  if (conclusive(local) || online_ == nullptr) return local;
  std::vector<engine::CrlPtr> crls;
  std::vector<engine::OcspResponsePtr> responses;
  engine::Findings fetch_findings;
  fetch_for(query, crls, responses, fetch_findings);
  if (crls.empty() && responses.empty()) {
    merge_findings(local.findings, fetch_findings);
    return local;
  }
  RevocationEvidence online = check_with(query, validate_signer, crls, responses);
  engine::Findings all = std::move(local.findings);
  merge_findings(all, fetch_findings);
  merge_findings(all, online.findings);
  online.findings = std::move(all);
  return online;
}

RevocationEvidence StandardRevocationChecker::check_with(const RevocationQuery& query,
                                                         const SignerPathValidator& validate_signer,
                                                         std::span<const engine::CrlPtr> crls,
                                                         std::span<const engine::OcspResponsePtr> responses) const {
  RevocationEvidence ev;
  auto issuer = issuer_view(query);
  if (!issuer) {
    add_finding(ev.findings, rf::kNoData, engine::Severity::kWarning, "the certificate's issuer is not known");
    ev.status = RevocationState::kUnknown;
    return ev;
  }
  RevocationEvidence ocsp = check_ocsp(query, *issuer, responses, validate_signer);
  if (conclusive(ocsp)) return ocsp;
  RevocationEvidence crl = check_crls(query, *issuer, crls, validate_signer);
  if (conclusive(crl)) {
    engine::Findings all = std::move(ocsp.findings);
    merge_findings(all, crl.findings);
    crl.findings = std::move(all);
    return crl;
  }
  // Neither concluded: report what was looked at.
  const bool nothing = ocsp.status == RevocationState::kNotChecked && crl.status == RevocationState::kNotChecked;
  const bool use_crl = ocsp.status == RevocationState::kNotChecked;
  RevocationEvidence out = use_crl ? std::move(crl) : std::move(ocsp);
  if (!use_crl) merge_findings(out.findings, crl.findings);
  if (!nothing) {
    out.status = RevocationState::kUnknown;
  } else {
    add_finding(out.findings, rf::kNoData, engine::Severity::kWarning,
                "no CRL or OCSP response about this certificate is available");
  }
  return out;
}

void StandardRevocationChecker::fetch_for(const RevocationQuery& query, std::vector<engine::CrlPtr>& crls,
                                          std::vector<engine::OcspResponsePtr>& responses,
                                          engine::Findings& findings) const {
  auto issuer = issuer_view(query);
  std::vector<OnlineRequest> requests;
  std::vector<std::string> keys;
  if (issuer) {
    auto request = engine::build_ocsp_request(query.certificate, issuer->name->der, issuer->spki);
    if (request) {
      for (const auto& url : query.certificate.ocsp_urls()) {
        requests.push_back(OnlineRequest{OnlineKind::kOcsp, url, *request});
        keys.push_back("ocsp " + url + " " + engine::sha256_hex(*request));
      }
    }
  }
  for (const auto& url : query.certificate.crl_distribution_points()) {
    if (!url.starts_with("http://") && !url.starts_with("https://")) continue;  // ldap: is not fetched
    requests.push_back(OnlineRequest{OnlineKind::kCrl, url, {}});
    keys.push_back("crl " + url);
  }
  std::vector<std::size_t> missing;
  {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (!fetched_.contains(keys[i])) missing.push_back(i);
    }
  }
  if (!missing.empty()) {
    std::vector<OnlineRequest> to_fetch;
    for (auto i : missing) to_fetch.push_back(requests[i]);
    auto answers = online_->fetch(to_fetch);
    std::lock_guard lock(mutex_);
    for (std::size_t j = 0; j < missing.size() && j < answers.size(); ++j) {
      const auto& req = requests[missing[j]];
      Fetched f;
      if (!answers[j].body) {
        f.error = "fetching " + req.url + " failed: " + answers[j].body.error().message();
      } else if (req.kind == OnlineKind::kCrl) {
        auto c = engine::Crl::parse_der(*answers[j].body, limits_.crl);
        if (c) f.crl = std::move(*c);
        else f.error = "the CRL from " + req.url + " does not parse: " + c.error().message();
      } else {
        auto r = engine::OcspResponse::parse_der(*answers[j].body, limits_.ocsp);
        if (r) f.ocsp = std::move(*r);
        else f.error = "the OCSP response from " + req.url + " does not parse: " + r.error().message();
      }
      fetched_[keys[missing[j]]] = std::move(f);
    }
  }
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto it = fetched_.find(keys[i]);
    if (it == fetched_.end()) continue;
    const Fetched& f = it->second;
    if (f.crl) crls.push_back(f.crl);
    if (f.ocsp) responses.push_back(f.ocsp);
    if (!f.error.empty()) {
      const bool parse = f.error.find("does not parse") != std::string::npos;
      add_finding(findings, parse ? rf::kOnlineUnparseable : rf::kOnlineFetchFailed, engine::Severity::kWarning, f.error,
                  requests[i].url);
    }
  }
}

}  // namespace assay::validation
