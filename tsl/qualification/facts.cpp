#include <bit>

#include "tsl/qualification/internal/facts.h"
#include "tsl/qualification/reason_ids.h"
#include "tsl/vocabulary.h"

namespace assay::tsl::internal {
namespace {
constexpr std::string_view kExtPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/";
}

std::uint32_t qualifier_bit(std::string_view uri) noexcept {
  if (!uri.starts_with(kExtPrefix)) return 0;
  const auto q = uri.substr(kExtPrefix.size());
  if (q == "QCStatement") return kQcStatement;
  if (q == "NotQualified") return kNotQualified;
  if (q == "QCWithSSCD") return kWithSscd;
  if (q == "QCNoSSCD") return kNoSscd;
  if (q == "QCSSCDStatusAsInCert") return kSscdAsInCert;
  if (q == "QCWithQSCD") return kWithQscd;
  if (q == "QCNoQSCD") return kNoQscd;
  if (q == "QCQSCDStatusAsInCert") return kQscdAsInCert;
  if (q == "QCQSCDManagedOnBehalf") return kQscdManaged;
  if (q == "QCForLegalPerson") return kLegalPerson;
  if (q == "QCForESig") return kForESig;
  if (q == "QCForESeal") return kForESeal;
  if (q == "QCForWSA") return kForWsa;
  return 0;
}

std::uint32_t asi_bits(const std::vector<std::string>& asis) noexcept {
  std::uint32_t bits = 0;
  for (const auto& a : asis) {
    std::string_view v = a;
    if (!v.starts_with(kExtPrefix)) continue;
    v = v.substr(kExtPrefix.size());
    if (v == "ForeSignatures") bits |= kAsiESig;
    if (v == "ForeSeals") bits |= kAsiESeal;
    if (v == "ForWebSiteAuthentication") bits |= kAsiWsa;
  }
  return bits;
}

int popcount(std::uint32_t v) noexcept { return std::popcount(v); }

CertificateFacts certificate_facts(const engine::Certificate& c) {
  CertificateFacts f;
  const auto& qc = c.qc_statements();
  f.post_eidas = vocabulary::is_post_eidas(c.not_before());
  f.compliance = qc.compliance;
  f.sscd = qc.sscd;
  f.cc_legislation = qc.cc_legislation_present;
  f.qcp = c.has_policy(kQcpPublic);
  f.qcp_plus = c.has_policy(kQcpPublicSscd);
  // EN 319 412-5 4.2.3: exactly one QcType names the use; none on a QcCompliance certificate
  // means eSig (the only kind before eIDAS, and the default of the profile).
  std::uint32_t types = 0;
  for (auto t : qc.types) types |= 1u << static_cast<unsigned>(t);
  const bool unknown_type_oid = qc.type_oids.size() > qc.types.size();
  if (std::popcount(types) == 1 && !unknown_type_oid) {
    f.own_type = static_cast<QcUse>(std::countr_zero(types));  // QcType and QcUse share order
    f.own_type_rule = reason::kTypeFromQcType;
  } else if (std::popcount(types) > 1) {
    f.own_type = QcUse::kUnknown;
    f.own_type_rule = reason::kTypeSeveralQcTypes;
  } else if (!qc.type_present && (qc.compliance || (!f.post_eidas && (f.qcp || f.qcp_plus)))) {
    f.own_type = QcUse::kESig;
    f.own_type_rule = reason::kTypeDefaultESig;
  } else {
    f.own_type = QcUse::kUnknown;
    f.own_type_rule = reason::kTypeUnknown;
  }
  return f;
}

bool granted_for_regime(const TimelineState& state, const char** why) {
  const auto& status = state.state->status;
  if (!vocabulary::is_granted_equivalent_status(status)) {
    *why = reason::kFilteredNotGranted;
    return false;
  }
  const auto regime = vocabulary::status_regime(status);
  const bool post_period = vocabulary::is_post_eidas(state.start);
  if ((regime == vocabulary::Regime::kPostEidas) != post_period) {
    *why = reason::kFilteredRegimeMismatch;
    return false;
  }
  return true;
}

bool incoherent_status_at(const TimelineState& state, UtcTime at) {
  const auto& status = state.state->status;
  return state.state->type == kCaQc && vocabulary::is_post_eidas(at) &&
         vocabulary::status_regime(status) == vocabulary::Regime::kPreEidas && vocabulary::is_granted_equivalent_status(status);
}

}  // namespace assay::tsl::internal
