#include "tsl/vocabulary.h"

#include <algorithm>
#include <array>

#include "tsl/namespaces.h"

namespace assay::tsl::vocabulary {
namespace {

constexpr std::string_view kQualifierPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/";

constexpr std::array<std::string_view, 6> kPostStatuses = {
    "granted", "withdrawn", "recognisedatnationallevel", "deprecatedatnationallevel", "setbynationallaw",
    "deprecatedbynationallaw"};
constexpr std::array<std::string_view, 7> kPreStatuses = {
    "undersupervision", "supervisionincessation", "supervisionceased", "supervisionrevoked",
    "accredited",       "accreditationceased",    "accreditationrevoked"};

// TS 119 612 v2.4.1 annex D (service types), including the national ones.
constexpr std::array<std::string_view, 31> kServiceTypes = {
    "CA/QC",        "CA/PKC",           "Certstatus/OCSP/QC", "Certstatus/OCSP",
    "Certstatus/CRL/QC", "Certstatus/CRL", "TSA/QTST",       "TSA",
    "TSA/TSS-QC",   "TSA/TSS-AdESQCandQES", "EDS/Q",          "EDS",
    "EDS/REM/Q",    "EDS/REM",          "PSES/Q",             "PSES",
    "QESValidation/Q", "AdESValidation", "AdESGeneration",   "RA",
    "RA/nothavingPKIid", "ACA",         "SignaturePolicyAuthority", "Archiv",
    "Archiv/nothavingPKIid", "IdV",     "IdV/nothavingPKIid", "KEscrow",
    "KEscrow/nothavingPKIid", "PPwd",   "NationalRootCA-QC"};
// Added by TS 119 612 v2.3.1 / v2.4.1 (remote QSCD management, attestations of attributes).
constexpr std::array<std::string_view, 7> kMoreServiceTypes = {
    "PPwd/nothavingPKIid", "TLIssuer", "unspecified", "RemoteQSigCDManagement/Q", "RemoteQSealCDManagement/Q",
    "EAA/Q", "EAA"};

constexpr std::array<std::string_view, 13> kQualifiers = {
    "QCStatement", "NotQualified", "QCWithSSCD", "QCNoSSCD", "QCSSCDStatusAsInCert", "QCWithQSCD", "QCNoQSCD",
    "QCQSCDStatusAsInCert", "QCQSCDManagedOnBehalf", "QCForLegalPerson", "QCForESig", "QCForESeal", "QCForWSA"};

constexpr std::array<std::string_view, 4> kAsis = {"ForeSignatures", "ForeSeals", "ForWebSiteAuthentication",
                                                   "RootCA-QC"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// The part after `prefix`, or nullopt-like empty view when `uri` does not start with it.
bool strip(std::string_view uri, std::string_view prefix, std::string_view& rest) {
  if (!uri.starts_with(prefix)) return false;
  rest = uri.substr(prefix.size());
  return true;
}

}  // namespace

engine::UtcTime eidas_start() {
  using namespace std::chrono;
  return sys_days{year{2016} / June / 30} + hours{22};
}

bool is_post_eidas(engine::UtcTime t) { return t >= eidas_start(); }

Regime status_regime(std::string_view status_uri) {
  std::string_view s;
  if (!strip(status_uri, ns::kStatusPrefix, s)) return Regime::kUnknown;
  if (contains(kPostStatuses, s)) return Regime::kPostEidas;
  if (contains(kPreStatuses, s)) return Regime::kPreEidas;
  return Regime::kUnknown;
}

bool is_known_status(std::string_view status_uri) { return status_regime(status_uri) != Regime::kUnknown; }

bool is_granted_equivalent_status(std::string_view status_uri) {
  std::string_view s;
  if (!strip(status_uri, ns::kStatusPrefix, s)) return false;
  return s == "granted" || s == "undersupervision" || s == "supervisionincessation" || s == "accredited";
}

bool is_known_service_type(std::string_view type_uri) {
  std::string_view s;
  if (!strip(type_uri, ns::kServiceTypePrefix, s)) return false;
  return contains(kServiceTypes, s) || contains(kMoreServiceTypes, s);
}

bool is_known_qualifier(std::string_view qualifier_uri) {
  std::string_view s;
  return strip(qualifier_uri, kQualifierPrefix, s) && contains(kQualifiers, s);
}

bool is_known_additional_service_information(std::string_view asi_uri) {
  std::string_view s;
  return strip(asi_uri, ns::kSvcInfoExtPrefix, s) && contains(kAsis, s);
}

std::string_view short_name(std::string_view uri) {
  std::string_view s;
  if (strip(uri, ns::kStatusPrefix, s) || strip(uri, ns::kServiceTypePrefix, s) ||
      strip(uri, ns::kSvcInfoExtPrefix, s)) {
    return s;
  }
  return uri;
}

}  // namespace assay::tsl::vocabulary
