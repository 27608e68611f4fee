// The RevocationChecker of assay: CRLs (RFC 5280 6.3) and OCSP responses (RFC 6960) given for
// one validation (files on the command line, data embedded in a signature), and — when built
// with an OnlineSource — data fetched from the certificate's AIA OCSP responders and CRL
// distribution points.
//
// For each certificate it asks OCSP first (the most specific answer) and then the CRLs; the
// first conclusive answer (good or revoked) wins, and the findings of data that was rejected on
// the way are kept. Revocation data is chosen for the validation time: data in force at that
// time first, then data issued after it; expired data is never used. A responder certificate
// with id-pkix-ocsp-nocheck is reported good (RFC 6960 4.2.2.2.1) when it is asked about as the
// signer of a response (depth > 0).
//
// Thread safety: immutable after construction except for the cache of fetched data, which is
// guarded; check() may be called from several threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/x509/crl.h"
#include "engine/x509/ocsp_response.h"
#include "validation/online_source.h"
#include "validation/revocation_checker.h"

namespace assay::validation {

struct RevocationDataLimits {
  engine::CrlLimits crl;
  engine::OcspLimits ocsp;
};

class StandardRevocationChecker final : public RevocationChecker {
 public:
  // `online` (may be null: offline) must outlive the checker.
  StandardRevocationChecker(std::vector<engine::CrlPtr> crls, std::vector<engine::OcspResponsePtr> responses,
                            const OnlineSource* online = nullptr, RevocationDataLimits limits = {});

  // Parses DER CRLs and OCSP responses (e.g. files given on the command line). The first that
  // does not parse is an Error naming its index and why (bad input, never a crash).
  static engine::Result<std::unique_ptr<StandardRevocationChecker>> from_der(std::span<const std::string> crls,
                                                                      std::span<const std::string> ocsp_responses,
                                                                      const OnlineSource* online = nullptr,
                                                                      RevocationDataLimits limits = {});

  RevocationEvidence check(const RevocationQuery& query, const SignerPathValidator& validate_signer) const override;

  std::span<const engine::CrlPtr> crls() const { return crls_; }
  std::span<const engine::OcspResponsePtr> ocsp_responses() const { return responses_; }

 private:
  RevocationEvidence check_with(const RevocationQuery& query, const SignerPathValidator& validate_signer,
                                std::span<const engine::CrlPtr> crls,
                                std::span<const engine::OcspResponsePtr> responses) const;
  // Fetches (once per URL) the certificate's OCSP responses and CRLs; adds findings on failure.
  void fetch_for(const RevocationQuery& query, std::vector<engine::CrlPtr>& crls,
                 std::vector<engine::OcspResponsePtr>& responses, engine::Findings& findings) const;

  std::vector<engine::CrlPtr> crls_;
  std::vector<engine::OcspResponsePtr> responses_;
  const OnlineSource* online_;
  RevocationDataLimits limits_;
  struct Fetched {
    engine::CrlPtr crl;
    engine::OcspResponsePtr ocsp;
    std::string error;
  };
  mutable std::mutex mutex_;
  mutable std::map<std::string, Fetched> fetched_;  // by kind + URL (+ request for OCSP)
};

}  // namespace assay::validation
