// The scenario table of the sample trust federation: fixed names, dates, list structure and the
// expected qualification answers, all literal data. Nothing here is computed by the engine's
// decision logic: each expected answer was decided by hand from docs/QUALIFICATION.md (the rule
// is named next to it) and is compared with the engine later, never derived from it.
//
// Vocabulary of the expectations: qc yes/no/na; type esig/eseal/wsa/unknown; qscd yes/no/na
// (na whenever qc is not yes); labels as in the EU test-case vocabulary. When the answer is "not
// applicable" (a conflict) the row reads qc=na, type=unknown, qscd=na, label N/A.
//
// QUALIFICATION.md step 7 decides consistency one aspect at a time (rows with rule
// consistency-*): a usage contradiction makes the answer "not applicable", a QSCD contradiction
// makes QSCD no, QCStatement with NotQualified makes the state unable to give a QC.
//
// All functions return fresh values (no shared state); thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace assay::samples {

inline constexpr const char* kBaseUrl = "https://federation.assay.invalid/";
inline constexpr const char* kLotlUrl = "https://federation.assay.invalid/lotl.xml";
inline constexpr const char* kEidasStart = "2016-06-30T22:00:00Z";

// A certificate that appears in the lists as a digital identity (CA, TSA unit, OCSP responder),
// or a list signer / LOTL anchor.
struct AuthoritySpec {
  enum class Kind { kRootCa, kTsaUnit, kOcspResponder, kListSigner };
  std::string id;          // file-friendly id, e.g. "xa-qc-esig-ca"
  Kind kind = Kind::kRootCa;
  std::string territory;   // C attribute
  std::string common_name;
  std::string issuer;      // authority id of the issuer; empty = self-signed
};

// TS 119 612 5.5.9.2 criteria, written as in the list.
struct CriteriaSpec {
  std::string assert_ = "all";  // all / atLeastOne / none
  std::vector<std::vector<std::pair<std::string, bool>>> key_usage;  // each: KeyUsageBit name -> value
  std::vector<std::vector<std::string>> policy_sets;                 // each: OIDs (all present)
  std::vector<std::vector<std::string>> extended_key_usage;          // otherCriteriaList
  std::vector<CriteriaSpec> nested;
};

struct QualificationSpec {
  std::vector<std::string> qualifiers;  // short names: "QCWithQSCD", "QCForESeal", ...
  CriteriaSpec criteria;
};

// One state of a service (current or history instance).
struct StateSpec {
  std::string type;    // short: "CA/QC", "TSA/QTST", "Certstatus/OCSP/QC", "CA/PKC"
  std::string status;  // short: "granted", "withdrawn", "accredited", ...
  std::string start;   // StatusStartingTime
  std::vector<std::string> asi;  // short: "ForeSignatures", "ForeSeals", "ForWebSiteAuthentication"
  std::vector<QualificationSpec> qualifications;
  std::string expired_certs_revocation_info;  // empty = absent
};

struct ServiceSpec {
  enum class Identity { kCertificate, kSkiOnly };
  std::string id;
  std::string territory;     // the list it is in: XA, XB or XC
  std::string name;          // ServiceName
  std::string identity_of;   // an authority id, or a certificate scenario id (TSA unit)
  Identity identity = Identity::kCertificate;
  StateSpec current;
  std::vector<StateSpec> history;  // newest first
  std::string summary;
};

// What the end-entity certificate says.
struct CertificateProfile {
  std::string not_before;
  std::string not_after;
  bool qc_compliance = false;
  bool qc_sscd = false;
  std::vector<std::string> qc_types;       // "esign", "eseal", "web"
  std::vector<std::string> cc_legislation;  // QcCClegislation countries
  std::vector<std::string> policies;
  std::vector<std::string> key_usage;       // RFC 5280 names
  std::vector<std::string> extended_key_usage;  // OIDs
};

struct Answer {
  std::string qc;    // yes / no / na
  std::string type;  // esig / eseal / wsa / unknown
  std::string qscd;  // yes / no / na
};

// One row of expected.tsv.
struct Expectation {
  std::string at;
  Answer at_issuance;
  Answer at_time;
  std::string label;
  std::string rule;
};

struct CertificateScenario {
  enum class Listed { kIssuer, kSelf };  // which chain element the service identity lists
  std::string id;
  std::string issuer;   // authority id
  std::string service;  // service id whose digital identity lists the chain element
  Listed listed = Listed::kIssuer;
  CertificateProfile profile;
  std::vector<Expectation> expectations;
  std::string summary;
};

// A national list as published by the scheme operator.
struct ListSpec {
  std::string territory;
  std::string operator_name;
  std::string tsp_name;
  std::string signer;  // authority id of the list signer
  unsigned sequence = 1;
};

// A damaged document: its file, the list it derives from, what is wrong and the expected
// authentication outcome with that territory's LOTL pointer.
struct DamagedSpec {
  enum class Damage { kBrokenSignature, kUnannouncedSigner, kSequenceRegression, kExpired, kUnsigned, kTwoSignatures };
  std::string file;  // relative to the federation folder
  std::string territory;
  Damage damage = Damage::kBrokenSignature;
  std::string expected_status;
  std::string notes;
  std::string summary;
  // A service whose newest state is not yet published in this version (its current state there
  // is its newest history instance): the older version hides a later change, e.g. a withdrawal.
  std::string before_change_of;
};

// Expected QTST answers for TSA unit certificates (expected-tsa.tsv).
struct TsaExpectation {
  std::string certificate;
  std::string at;
  std::string qtst;  // yes / no
  std::string rule;
};

std::vector<AuthoritySpec> authorities();
std::vector<ListSpec> national_lists();
// The pivot-era territory XD (files under pivot-era/, map urls-pivot-era.tsv): a list that the
// pivot LOTL of that map still points to and the current LOTL no longer does (like a member state
// that left), with one QC CA. Not in national_lists(): the current federation does not have it.
ListSpec pivot_era_list();
// Its certificates (pivot-era/<id>.pem) and their expectations (expected-pivot-era.tsv): never
// qualified by the current LOTL's trust, whatever the pivot said.
std::vector<CertificateScenario> pivot_era_scenarios();
std::vector<ServiceSpec> services();
std::vector<CertificateScenario> certificate_scenarios();
std::vector<DamagedSpec> damaged_lists();
std::vector<TsaExpectation> tsa_expectations();

}  // namespace assay::samples
