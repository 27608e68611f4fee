// Pieces shared by the CRL and OCSP checks of validation/revocation. Private.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/x509/crl.h"
#include "engine/x509/ocsp_response.h"
#include "validation/revocation_checker.h"

namespace assay::validation::revocation_internal {

// The issuer of the certificate being checked: a certificate on the path, or a name + key anchor.
struct IssuerView {
  const engine::DistinguishedName* name = nullptr;
  std::string_view spki;
  const engine::Certificate* certificate = nullptr;  // null for a name + key anchor
};
// nullopt when the query names no issuer at all.
std::optional<IssuerView> issuer_view(const RevocationQuery& query);

// Where revocation data stands relative to the validation time T.
enum class Timeliness {
  kInForce,      // thisUpdate <= T and (no nextUpdate or T <= nextUpdate)
  kIssuedLater,  // thisUpdate > T: issued after T, still says what was revoked by T
  kStale,        // nextUpdate < T: expired before T, not used
};
Timeliness timeliness(engine::UtcTime this_update, const std::optional<engine::UtcTime>& next_update,
                      engine::UtcTime at);

// The serialNumber INTEGER contents of a certificate (what CRL entries and CertIDs carry).
std::string_view serial_contents(const engine::Certificate& certificate);

void add_finding(engine::Findings& findings, std::string_view id, engine::Severity severity, std::string message,
                 std::string_view path = {});

// RFC 5280 6.3.3 with `crls` (complete and delta CRLs mixed).
RevocationEvidence check_crls(const RevocationQuery& query, const IssuerView& issuer,
                              std::span<const engine::CrlPtr> crls, const SignerPathValidator& validate_signer);

// RFC 6960 with `responses`.
RevocationEvidence check_ocsp(const RevocationQuery& query, const IssuerView& issuer,
                              std::span<const engine::OcspResponsePtr> responses,
                              const SignerPathValidator& validate_signer);

}  // namespace assay::validation::revocation_internal
