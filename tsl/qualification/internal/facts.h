// Private helpers of the qualification procedure: qualifier / ASI bit sets and what the
// certificate says about itself.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>
#include <string>

#include "engine/x509/certificate.h"
#include "tsl/qualification/qualification.h"

namespace assay::tsl::internal {

// TS 119 612 5.5.9.2 qualifiers as bits.
enum QualifierBit : std::uint32_t {
  kQcStatement = 1u << 0,
  kNotQualified = 1u << 1,
  kWithSscd = 1u << 2,
  kNoSscd = 1u << 3,
  kSscdAsInCert = 1u << 4,
  kWithQscd = 1u << 5,
  kNoQscd = 1u << 6,
  kQscdAsInCert = 1u << 7,
  kQscdManaged = 1u << 8,
  kLegalPerson = 1u << 9,
  kForESig = 1u << 10,
  kForESeal = 1u << 11,
  kForWsa = 1u << 12,
};
inline constexpr std::uint32_t kUsageBits = kForESig | kForESeal | kForWsa;

// ASIs (TS 119 612 5.5.9.4) as bits.
enum AsiBit : std::uint32_t { kAsiESig = 1u << 0, kAsiESeal = 1u << 1, kAsiWsa = 1u << 2 };

std::uint32_t qualifier_bit(std::string_view uri) noexcept;
std::uint32_t asi_bits(const std::vector<std::string>& asis) noexcept;
int popcount(std::uint32_t v) noexcept;

inline constexpr std::string_view kCaQc = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";
inline constexpr std::string_view kTsaQtst = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST";

// Pre-eIDAS policies (ETSI TS 101 456): QCP public, QCP public + SSCD.
inline constexpr std::string_view kQcpPublic = "0.4.0.1456.1.2";
inline constexpr std::string_view kQcpPublicSscd = "0.4.0.1456.1.1";

// What the certificate says about itself (QUALIFICATION.md "Inputs read from the certificate").
struct CertificateFacts {
  bool post_eidas = false;
  bool compliance = false;
  bool sscd = false;
  bool cc_legislation = false;
  bool qcp = false;
  bool qcp_plus = false;
  QcUse own_type = QcUse::kUnknown;
  const char* own_type_rule = nullptr;  // reason id
};
CertificateFacts certificate_facts(const engine::Certificate& c);

// Whether a state counts as granted-equivalent at its own regime (TRUSTED-LISTS.md: a status
// period belongs to the regime of its start). `why` gets the reason id when it does not.
bool granted_for_regime(const TimelineState& state, const char** why);

// QUALIFICATION.md step 1, status coherence: a CA/QC state whose status is a pre-eIDAS
// granted-equivalent one (undersupervision, supervisionincessation, accredited) had to be replaced
// by granted or withdrawn on 2016-06-30T22:00:00Z; in force at `at` on or after that instant,
// the list is incoherent for the service.
bool incoherent_status_at(const TimelineState& state, UtcTime at);

}  // namespace assay::tsl::internal
