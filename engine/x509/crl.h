// Certificate revocation lists (RFC 5280 5), parsed once into an immutable value with what
// revocation checking (RFC 5280 6.3) reads: issuer, times, entries (serial, revocation date,
// reason, invalidity date, certificate issuer of indirect CRLs), CRL number, delta CRL
// indicator, issuing distribution point, freshest CRL, authority key identifier, and whether
// any critical CRL or entry extension is one this reader does not know.
//
// Parsing is a strict DER walk with limits (size, entries); a CRL whose structure is broken is an
// Error, never a crash. Signatures are checked on request (verify_signed_by / verify_signed_by_key).
// Thread safety: a Crl is immutable after parsing and may be shared across threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/digest.h"
#include "engine/error.h"
#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "engine/x509/signature_memo.h"
#include "engine/x509/distinguished_name.h"

namespace assay::engine {

// CRLReason (RFC 5280 5.3.1).
enum class CrlReason {
  kUnspecified = 0,
  kKeyCompromise = 1,
  kCaCompromise = 2,
  kAffiliationChanged = 3,
  kSuperseded = 4,
  kCessationOfOperation = 5,
  kCertificateHold = 6,
  kRemoveFromCrl = 8,
  kPrivilegeWithdrawn = 9,
  kAaCompromise = 10,
};

// RFC 5280 names ("keyCompromise", "certificateHold", ...).
std::string_view crl_reason_name(CrlReason reason) noexcept;

// ReasonFlags (RFC 5280 4.2.1.13) as a bit set: bit n is set when ReasonFlags bit n is asserted
// (1 keyCompromise ... 8 aACompromise; bit 0 "unused" is ignored).
using ReasonFlags = std::uint16_t;
inline constexpr ReasonFlags kAllReasons = 0x1fe;
// The ReasonFlags bit a CRLReason stands for (unspecified and removeFromCRL: none).
ReasonFlags reason_flag(CrlReason reason) noexcept;

// One GeneralName (RFC 5280 4.2.1.6) as CRL processing compares them.
struct GeneralNameValue {
  std::uint8_t tag = 0;          // context tag number: 1 rfc822, 2 dNS, 4 directoryName, 6 URI, ...
  std::string value;             // IA5 text for 1, 2, 6; the raw contents otherwise
  std::optional<DistinguishedName> directory;  // tag 4
};
using GeneralNames = std::vector<GeneralNameValue>;

// True when a and b are the same name: directory names by RFC 5280 7.1 comparison, every other
// form (URI, DNS name, ...) byte for byte, as distribution point names are matched in practice.
bool same_general_name(const GeneralNameValue& a, const GeneralNameValue& b);

// DistributionPointName: fullName, or nameRelativeToCRLIssuer (kept as the RDN SET TLV).
struct DistributionPointName {
  GeneralNames full_name;
  std::optional<std::string> relative_rdn;
  // The full name: fullName, or `crl_issuer` with the relative RDN appended (RFC 5280 4.2.1.13).
  GeneralNames resolve(const DistinguishedName& crl_issuer) const;
};

// DistributionPoint of cRLDistributionPoints / freshestCRL (RFC 5280 4.2.1.13, 4.2.1.15).
struct DistributionPoint {
  std::optional<DistributionPointName> name;
  std::optional<ReasonFlags> reasons;
  GeneralNames crl_issuer;
};

// Parses the extnValue of a cRLDistributionPoints or freshestCRL extension. kMalformed when the
// DER does not match the syntax.
Result<std::vector<DistributionPoint>> parse_distribution_points(std::string_view extension_value);

// IssuingDistributionPoint (RFC 5280 5.2.5).
struct IssuingDistributionPoint {
  std::optional<DistributionPointName> name;
  bool only_user_certs = false;
  bool only_ca_certs = false;
  std::optional<ReasonFlags> only_some_reasons;
  bool indirect_crl = false;
  bool only_attribute_certs = false;
};

struct CrlEntry {
  std::string serial;                       // INTEGER contents, byte-exact
  UtcTime revocation_date{};
  std::optional<CrlReason> reason;          // reasonCode (5.3.1)
  std::optional<UtcTime> invalidity_date;   // invalidityDate (5.3.2)
  // Index into Crl::certificate_issuers() of the entity this entry is about (5.3.3: the
  // certificateIssuer of this or the nearest preceding entry); -1 = the CRL issuer.
  int certificate_issuer = -1;
  bool unknown_critical_extension = false;
};

struct CrlLimits {
  std::size_t max_bytes = 64u << 20;         // larger CRLs are refused before parsing
  std::size_t max_entries = 2'000'000;
};

class Crl;
using CrlPtr = std::shared_ptr<const Crl>;

class Crl {
 public:
  // Parses one DER CertificateList. kResourceExhausted over the limits; kMalformed when the
  // bytes are not a CRL (the message names the broken part), including trailing bytes.
  static Result<CrlPtr> parse_der(std::string_view der, const CrlLimits& limits = {});

  const std::string& der() const { return der_; }
  const Sha256& sha256() const { return sha256_; }
  int version() const { return version_; }  // 1 or 2
  const SignatureAlgorithm& signature_algorithm() const { return signature_algorithm_; }
  const DistinguishedName& issuer() const { return issuer_; }
  UtcTime this_update() const { return this_update_; }
  const std::optional<UtcTime>& next_update() const { return next_update_; }
  const std::vector<CrlEntry>& entries() const { return entries_; }
  const std::vector<GeneralNames>& certificate_issuers() const { return certificate_issuers_; }
  const std::vector<Extension>& extensions() const { return extensions_; }
  // cRLNumber / BaseCRLNumber as unsigned big-endian bytes without leading zeros.
  const std::optional<std::string>& crl_number() const { return crl_number_; }
  const std::optional<std::string>& delta_base() const { return delta_base_; }
  bool is_delta() const { return delta_base_.has_value(); }
  const std::optional<IssuingDistributionPoint>& issuing_distribution_point() const { return idp_; }
  const std::vector<DistributionPoint>& freshest_crl() const { return freshest_; }
  const std::optional<std::string>& authority_key_id() const { return aki_; }
  // A critical CRL extension this reader does not process (RFC 5280 5.2: the CRL must not be used).
  bool unknown_critical_extension() const { return unknown_critical_; }
  // Any entry carries an unknown critical entry extension (RFC 5280 5.3: the CRL must not be used).
  bool unknown_critical_entry_extension() const { return unknown_critical_entry_; }
  const Findings& findings() const { return findings_; }

  // The entries for a serial (INTEGER contents), in CRL order.
  std::vector<const CrlEntry*> find(std::string_view serial) const;

  // True when `signer`'s key verifies the CRL signature; false when it does not. An Error when
  // it cannot be checked (unsupported algorithm, undecodable key). Names are not compared.
  Result<bool> verify_signed_by(const Certificate& signer) const;
  Result<bool> verify_signed_by_key(std::string_view spki_der) const;

 private:
  Crl() = default;
  friend struct CrlParser;
  SignatureMemo memo_;  // verdicts of verify_signed_by* per key

  std::string der_;
  std::string tbs_;
  Sha256 sha256_{};
  int version_ = 1;
  SignatureAlgorithm signature_algorithm_;
  std::string signature_;
  DistinguishedName issuer_;
  UtcTime this_update_{};
  std::optional<UtcTime> next_update_;
  std::vector<CrlEntry> entries_;
  std::vector<GeneralNames> certificate_issuers_;
  std::vector<Extension> extensions_;
  std::optional<std::string> crl_number_;
  std::optional<std::string> delta_base_;
  std::optional<IssuingDistributionPoint> idp_;
  std::vector<DistributionPoint> freshest_;
  std::optional<std::string> aki_;
  bool unknown_critical_ = false;
  bool unknown_critical_entry_ = false;
  Findings findings_;
};

// Compares two unsigned big-endian numbers without leading zeros (CRL numbers): <0, 0, >0.
int compare_crl_numbers(std::string_view a, std::string_view b) noexcept;

}  // namespace assay::engine
