// The scenario table. Every expected answer below is literal data decided by reading
// docs/QUALIFICATION.md; the comment on each certificate gives the reasoning in one line.
#include "samples/scenarios.h"

namespace assay::samples {
namespace {

using Kind = AuthoritySpec::Kind;

constexpr const char* kAt = "2025-06-01T00:00:00Z";  // the usual "time T" of a row
constexpr const char* kQcp = "0.4.0.1456.1.2";        // pre-eIDAS QCP
constexpr const char* kQcpPlus = "0.4.0.1456.1.1";    // pre-eIDAS QCP+ (with SSCD)
constexpr const char* kServerAuth = "1.3.6.1.5.5.7.3.1";
constexpr const char* kTimeStamping = "1.3.6.1.5.5.7.3.8";

Answer yes(const char* type, const char* qscd) { return {"yes", type, qscd}; }
Answer no(const char* type) { return {"no", type, "na"}; }
Answer not_applicable() { return {"na", "unknown", "na"}; }

// One row where the answer is the same at issuance and at T.
Expectation same(const char* at, const Answer& a, const char* label, const char* rule) {
  return {at, a, a, label, rule};
}

StateSpec state(const char* type, const char* status, const char* start, std::vector<std::string> asi = {},
                std::vector<QualificationSpec> q = {}) {
  return StateSpec{type, status, start, std::move(asi), std::move(q), ""};
}

CriteriaSpec policy_all(std::vector<std::string> oids) { return CriteriaSpec{"all", {}, {std::move(oids)}, {}, {}}; }
CriteriaSpec key_usage_all(const char* bit) { return CriteriaSpec{"all", {{{bit, true}}}, {}, {}, {}}; }

// TL criteria vocabulary (QUALIFICATION.md step 4): KeyUsage bits as the list writes them.
using Bits = std::vector<std::pair<std::string, bool>>;
// all[KeyUsage(bits) PolicySet(oid)].
CriteriaSpec key_usage_and_policy(Bits bits, const char* oid) { return CriteriaSpec{"all", {std::move(bits)}, {{oid}}, {}, {}}; }
// all[PolicySet(oid) assert_[KeyUsage(b) for each b]]: the policy routes the element to one certificate.
CriteriaSpec policy_and(const char* oid, const char* assert_, std::vector<Bits> key_usages) {
  return CriteriaSpec{"all", {}, {{oid}}, {}, {CriteriaSpec{assert_, std::move(key_usages), {}, {}, {}}}};
}

CertificateProfile post(std::vector<std::string> types, bool sscd, std::vector<std::string> policies = {},
                        std::vector<std::string> key_usage = {"nonRepudiation"}) {
  CertificateProfile p;
  p.not_before = "2024-01-10T00:00:00Z";
  p.not_after = "2027-01-10T00:00:00Z";
  p.qc_compliance = true;
  p.qc_sscd = sscd;
  p.qc_types = std::move(types);
  p.policies = std::move(policies);
  p.key_usage = std::move(key_usage);
  return p;
}

CertificateProfile dated(CertificateProfile p, const char* not_before, const char* not_after) {
  p.not_before = not_before;
  p.not_after = not_after;
  return p;
}

}  // namespace

std::vector<AuthoritySpec> authorities() {
  return {
      {"oj-old", Kind::kListSigner, "EU", "Sample LOTL signer 2019 (old Official Journal anchor, not real)", ""},
      {"oj-new", Kind::kListSigner, "EU", "Sample LOTL signer 2026 (new Official Journal anchor, not real)", ""},
      {"xa-signer", Kind::kListSigner, "XA", "Sample XA trusted list signer (not real)", ""},
      {"xb-signer", Kind::kListSigner, "XB", "Sample XB trusted list signer (not real)", ""},
      {"xc-signer", Kind::kListSigner, "XC", "Sample XC trusted list signer (not real)", ""},
      {"xa-rogue-signer", Kind::kListSigner, "XA", "Sample XA signer NOT announced by the LOTL (not real)", ""},
      {"xa-qc-esig-ca", Kind::kRootCa, "XA", "Sample XA QC CA for eSignatures (not real)", ""},
      {"xa-qc-eseal-ca", Kind::kRootCa, "XA", "Sample XA QC CA for eSeals (not real)", ""},
      {"xa-qc-withdrawn-ca", Kind::kRootCa, "XA", "Sample XA withdrawn QC CA (not real)", ""},
      {"xa-qc-pre-eidas-ca", Kind::kRootCa, "XA", "Sample XA QC CA accredited before eIDAS (not real)", ""},
      {"xa-pkc-ca", Kind::kRootCa, "XA", "Sample XA non-qualified CA (not real)", ""},
      {"xa-ocsp-responder", Kind::kOcspResponder, "XA", "Sample XA qualified OCSP responder (not real)", "xa-qc-esig-ca"},
      {"xb-usage-ca", Kind::kRootCa, "XB", "Sample XB QC CA with usage overrules (not real)", ""},
      {"xb-wsa-ca", Kind::kRootCa, "XB", "Sample XB QC CA for web sites (not real)", ""},
      {"xb-usage-noasi-ca", Kind::kRootCa, "XB", "Sample XB QC CA with an overrule lacking its ASI (not real)", ""},
      {"xb-legal-person-ca", Kind::kRootCa, "XB", "Sample XB QC CA for legal persons (not real)", ""},
      {"xb-qscd-ca", Kind::kRootCa, "XB", "Sample XB QC CA with QSCD overrules (not real)", ""},
      {"xb-asincert-ca", Kind::kRootCa, "XB", "Sample XB QC CA with QSCD status as in cert (not real)", ""},
      {"xb-qcstatement-ca", Kind::kRootCa, "XB", "Sample XB QC CA with QCStatement overrules (not real)", ""},
      {"xc-conflict-ca", Kind::kRootCa, "XC", "Sample XC QC CA listed twice (not real)", ""},
      {"xc-ski-only-ca", Kind::kRootCa, "XC", "Sample XC QC CA identified by SKI only (not real)", ""},
      {"xc-nested-ca", Kind::kRootCa, "XC", "Sample XC QC CA with nested criteria (not real)", ""},
      {"xc-late-ca", Kind::kRootCa, "XC", "Sample XC QC CA listed late (not real)", ""},
      {"xc-regime-ca", Kind::kRootCa, "XC", "Sample XC QC CA with a pre-eIDAS granted status (not real)", ""},
      // Criteria vocabulary, status coherence, per-aspect consistency, conflicts (QUALIFICATION.md steps 1, 4, 5, 7).
      {"xb-criteria-ca", Kind::kRootCa, "XB", "Sample XB QC CA with KeyUsage criteria (not real)", ""},
      {"xb-sscd-ca", Kind::kRootCa, "XB", "Sample XB QC CA with pre-eIDAS SSCD qualifiers (not real)", ""},
      {"xb-no-asi-ca", Kind::kRootCa, "XB", "Sample XB QC CA listed without additional information (not real)", ""},
      {"xc-stale-ca", Kind::kRootCa, "XC", "Sample XC QC CA still accredited after eIDAS (not real)", ""},
      {"xc-split-ca", Kind::kRootCa, "XC", "Sample XC QC CA listed granted and withdrawn (not real)", ""},
      // The pivot-era territory (pivot_era_list()).
      {"xd-signer", Kind::kListSigner, "XD", "Sample XD trusted list signer, announced only by the pivot-era pivot (not real)", ""},
      {"xd-qc-esig-ca", Kind::kRootCa, "XD", "Sample XD QC CA, listed only in the pivot era (not real)", ""},
  };
}

std::vector<ListSpec> national_lists() {
  return {
      {"XA", "Sample Supervisory Body XA (not a real scheme operator)", "Sample Trust Services XA (not a real provider)",
       "xa-signer", 7},
      {"XB", "Sample Supervisory Body XB (not a real scheme operator)", "Sample Trust Services XB (not a real provider)",
       "xb-signer", 3},
      {"XC", "Sample Supervisory Body XC (not a real scheme operator)", "Sample Trust Services XC (not a real provider)",
       "xc-signer", 12},
  };
}

ListSpec pivot_era_list() {
  return {"XD", "Sample Supervisory Body XD (not a real scheme operator)", "Sample Trust Services XD (not a real provider)",
          "xd-signer", 4};
}

std::vector<ServiceSpec> services() {
  using Id = ServiceSpec::Identity;
  std::vector<ServiceSpec> s;
  // --- XA ---
  s.push_back({"xa-qc-esig", "XA", "Sample XA QC for eSignatures", "xa-qc-esig-ca", Id::kCertificate,
               state("CA/QC", "granted", "2016-07-01T00:00:00Z", {"ForeSignatures"}), {},
               "CA/QC granted since 2016-07-01, ForeSignatures, no qualifications"});
  s.push_back({"xa-qc-eseal", "XA", "Sample XA QC for eSeals", "xa-qc-eseal-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-03-01T00:00:00Z", {"ForeSeals"},
                     {{{"QCQSCDManagedOnBehalf"}, policy_all({"2.999.1.2"})}}),
               {}, "CA/QC for eSeals; QCQSCDManagedOnBehalf for policy 2.999.1.2"});
  s.push_back({"xa-qc-withdrawn", "XA", "Sample XA QC withdrawn in 2025", "xa-qc-withdrawn-ca", Id::kCertificate,
               state("CA/QC", "withdrawn", "2025-03-01T00:00:00Z", {"ForeSignatures"}),
               {state("CA/QC", "granted", "2019-01-01T00:00:00Z", {"ForeSignatures"})},
               "granted 2019-01-01, withdrawn 2025-03-01"});
  s.push_back({"xa-qc-pre-eidas", "XA", "Sample XA QC accredited before eIDAS", "xa-qc-pre-eidas-ca", Id::kCertificate,
               state("CA/QC", "granted", kEidasStart, {"ForeSignatures"}),
               {state("CA/QC", "accredited", "2010-01-01T00:00:00Z"),
                state("CA/QC", "undersupervision", "2005-01-01T00:00:00Z")},
               "undersupervision 2005, accredited 2010, granted from the eIDAS start"});
  s.push_back({"xa-pkc", "XA", "Sample XA non-qualified CA", "xa-pkc-ca", Id::kCertificate,
               state("CA/PKC", "recognisedatnationallevel", "2016-07-01T00:00:00Z"), {},
               "CA/PKC (not qualified): issues the TSA unit and a certificate claiming to be a QC"});
  s.push_back({"xa-tsa-qtst", "XA", "Sample XA qualified time-stamping unit", "tsa-qtst", Id::kCertificate,
               state("TSA/QTST", "granted", "2017-01-01T00:00:00Z"), {}, "TSA/QTST granted since 2017-01-01"});
  {
    StateSpec ocsp = state("Certstatus/OCSP/QC", "granted", "2016-07-01T00:00:00Z");
    ocsp.expired_certs_revocation_info = "2016-07-01T00:00:00Z";
    s.push_back({"xa-ocsp-qc", "XA", "Sample XA qualified OCSP responder", "xa-ocsp-responder", Id::kCertificate, ocsp,
                 {}, "Certstatus/OCSP/QC with ExpiredCertsRevocationInfo"});
  }
  // --- XB ---
  s.push_back({"xb-usage", "XB", "Sample XB QC with usage overrules", "xb-usage-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForeSignatures", "ForeSeals"},
                     {{{"QCForESig"}, key_usage_all("nonRepudiation")}, {{"QCForESeal"}, policy_all({"2.999.2.1"})}}),
               {}, "QCForESig when nonRepudiation, QCForESeal for policy 2.999.2.1"});
  s.push_back({"xb-wsa", "XB", "Sample XB QC for web site authentication", "xb-wsa-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForWebSiteAuthentication"},
                     {{{"QCForWSA"}, CriteriaSpec{"atLeastOne", {}, {{"2.999.10.1"}}, {{kServerAuth}}, {}}}}),
               {}, "QCForWSA when EKU serverAuth or policy 2.999.10.1 (atLeastOne, otherCriteriaList)"});
  s.push_back({"xb-usage-noasi", "XB", "Sample XB QC with an overrule lacking its ASI", "xb-usage-noasi-ca",
               Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForeSignatures"},
                     {{{"QCForESeal"}, policy_all({"2.999.7.1"})}}),
               {}, "ForeSignatures only, yet QCForESeal for policy 2.999.7.1"});
  s.push_back({"xb-legal-person", "XB", "Sample XB QC for legal persons", "xb-legal-person-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForeSignatures", "ForeSeals"},
                     {{{"QCForLegalPerson"}, policy_all({"2.999.3.1"})}, {{"QCForESig"}, policy_all({"2.999.3.2"})}}),
               {}, "QCForLegalPerson for 2.999.3.1, QCForESig for 2.999.3.2"});
  s.push_back({"xb-qscd", "XB", "Sample XB QC with QSCD overrules", "xb-qscd-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForeSignatures"},
                     {{{"QCWithQSCD"}, key_usage_all("nonRepudiation")}, {{"QCNoQSCD"}, policy_all({"2.999.5.2"})}}),
               {}, "QCWithQSCD when nonRepudiation, QCNoQSCD for policy 2.999.5.2"});
  s.push_back({"xb-asincert", "XB", "Sample XB QC with QSCD status as in cert", "xb-asincert-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForeSignatures"},
                     {{{"QCQSCDStatusAsInCert"}, CriteriaSpec{"atLeastOne", {}, {{"2.999.6.1"}, {"2.999.6.3"}}, {}, {}}},
                      {{"QCWithQSCD"}, policy_all({"2.999.6.2"})}}),
               {}, "QCQSCDStatusAsInCert for 2.999.6.1 or 2.999.6.3, QCWithQSCD for 2.999.6.2"});
  s.push_back({"xb-qcstatement", "XB", "Sample XB QC with QCStatement overrules", "xb-qcstatement-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForeSignatures"},
                     {{{"QCStatement"}, policy_all({"2.999.4.1"})}, {{"NotQualified"}, policy_all({"2.999.4.2"})}}),
               {}, "QCStatement for 2.999.4.1, NotQualified for 2.999.4.2"});
  // --- XC ---
  s.push_back({"xc-conflict-a", "XC", "Sample XC QC listed twice (A: with QSCD)", "xc-conflict-ca", Id::kCertificate,
               state("CA/QC", "granted", "2018-01-01T00:00:00Z", {"ForeSignatures"},
                     {{{"QCWithQSCD"}, policy_all({"2.999.9.1"})}}),
               {}, "same CA as xc-conflict-b; QCWithQSCD for 2.999.9.1"});
  s.push_back({"xc-conflict-b", "XC", "Sample XC QC listed twice (B: without QSCD)", "xc-conflict-ca", Id::kCertificate,
               state("CA/QC", "granted", "2018-01-01T00:00:00Z", {"ForeSignatures"},
                     {{{"QCNoQSCD"}, policy_all({"2.999.9.1"})}}),
               {}, "same CA as xc-conflict-a; QCNoQSCD for 2.999.9.1"});
  s.push_back({"xc-ski-only", "XC", "Sample XC QC identified by SKI", "xc-ski-only-ca", Id::kSkiOnly,
               state("CA/QC", "granted", "2018-01-01T00:00:00Z", {"ForeSignatures"}), {},
               "ServiceDigitalIdentity is an X509SKI only"});
  s.push_back({"xc-nested", "XC", "Sample XC QC with nested criteria", "xc-nested-ca", Id::kCertificate,
               state("CA/QC", "granted", "2018-01-01T00:00:00Z", {"ForeSeals"},
                     {{{"QCWithQSCD"},
                       CriteriaSpec{"all", {{{"nonRepudiation", true}}}, {}, {}, {CriteriaSpec{"none", {}, {{"2.999.8.9"}}, {}, {}}}}}}),
               {}, "QCWithQSCD when nonRepudiation and NOT policy 2.999.8.9 (nested none)"});
  s.push_back({"xc-late", "XC", "Sample XC QC listed in 2023", "xc-late-ca", Id::kCertificate,
               state("CA/QC", "granted", "2023-01-01T00:00:00Z", {"ForeSignatures"}), {},
               "first listed (granted) on 2023-01-01"});
  s.push_back({"xc-regime", "XC", "Sample XC QC with a pre-eIDAS granted status", "xc-regime-ca", Id::kCertificate,
               state("CA/QC", "granted", kEidasStart, {"ForeSignatures"}),
               {state("CA/QC", "granted", "2014-01-01T00:00:00Z")},
               "history: 'granted' (a post-eIDAS status) starting 2014, inconsistent with its regime"});
  // --- Criteria vocabulary (step 4): TS 119 612 bit names, `crlSign` where RFC 5280 says `cRLSign`.
  s.push_back({"xb-criteria", "XB", "Sample XB QC with KeyUsage criteria", "xb-criteria-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForeSignatures"},
                     {{{"QCWithQSCD"}, key_usage_and_policy({{"crlSign", false}}, "2.999.11.1")},
                      {{"QCNoQSCD"}, key_usage_and_policy({{"crlSign", true}}, "2.999.11.2")},
                      {{"NotQualified"}, policy_and("2.999.11.3", "atLeastOne", {{{"crlSign", true}}, {{"keyCertSign", true}}})},
                      {{"QCStatement"}, policy_and("2.999.11.4", "atLeastOne", {{{"crlSign", false}}, {{"keyCertSign", true}}})},
                      {{"QCWithQSCD"}, policy_and("2.999.11.5", "none", {{{"crlSign", true}}})},
                      {{"QCNoQSCD"}, policy_and("2.999.11.6", "none", {{{"crlSign", false}}})},
                      {{"QCWithQSCD"}, key_usage_and_policy({{"nonRepudiation", true}, {"crlSign", false}}, "2.999.11.7")},
                      {{"QCWithQSCD"}, key_usage_and_policy({{"contentCommitment", true}}, "2.999.11.8")},
                      {{"QCWithQSCD"}, key_usage_and_policy({{"cRLSign", false}}, "2.999.11.9")}}),
               {}, "KeyUsage criteria with crlSign under all / atLeastOne / none (2.999.11.1-6), two bits (11.7), "
                   "contentCommitment (11.8), the unknown name cRLSign (11.9)"});
  // --- Consistency (step 7) and coherence (step 1).
  s.push_back({"xb-sscd", "XB", "Sample XB QC with pre-eIDAS SSCD qualifiers", "xb-sscd-ca", Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {"ForeSignatures"},
                     {{{"QCWithSSCD"}, policy_all({"2.999.12.1"})}}),
               {}, "post-eIDAS state whose only QSCD qualifier is the pre-eIDAS QCWithSSCD (2.999.12.1)"});
  s.push_back({"xb-no-asi", "XB", "Sample XB QC without additional service information", "xb-no-asi-ca",
               Id::kCertificate,
               state("CA/QC", "granted", "2017-01-01T00:00:00Z", {}, {{{"QCForESeal"}, policy_all({"2.999.13.1"})}}),
               {}, "no additional service information at all; QCForESeal for 2.999.13.1"});
  s.push_back({"xc-stale", "XC", "Sample XC QC still accredited", "xc-stale-ca", Id::kCertificate,
               state("CA/QC", "accredited", "2012-01-01T00:00:00Z"), {},
               "'accredited' since 2012, never replaced by granted or withdrawn at eIDAS"});
  // --- Conflict (step 5): every state left after the type filter takes part, granted or not.
  s.push_back({"xc-split-granted", "XC", "Sample XC QC listed twice (granted entry)", "xc-split-ca", Id::kCertificate,
               state("CA/QC", "granted", "2018-01-01T00:00:00Z", {"ForeSignatures"}), {},
               "same CA as xc-split-withdrawn; granted since 2018"});
  s.push_back({"xc-split-withdrawn", "XC", "Sample XC QC listed twice (withdrawn entry)", "xc-split-ca", Id::kCertificate,
               state("CA/QC", "withdrawn", "2023-06-01T00:00:00Z", {"ForeSignatures"}),
               {state("CA/QC", "granted", "2018-01-01T00:00:00Z", {"ForeSignatures"})},
               "same CA as xc-split-granted; granted 2018, withdrawn 2023-06-01"});
  // --- XD (pivot era only) ---
  s.push_back({"xd-qc-esig", "XD", "Sample XD QC for eSignatures", "xd-qc-esig-ca", Id::kCertificate,
               state("CA/QC", "granted", "2020-01-01T00:00:00Z", {"ForeSignatures"}), {},
               "CA/QC granted since 2020-01-01 in XD's list, which only the pivot-era pivot LOTL points to"});
  return s;
}

std::vector<CertificateScenario> pivot_era_scenarios() {
  // QcCompliance + QcSSCD + esign under XD's granted CA/QC: QESig by XD's list, but XD's list is
  // not pointed to by the LOTL in force, so no trusted list covers the CA (QUALIFICATION.md step
  // 2: not qualified, type from the certificate), even at an instant of the pivot's era.
  return {{"pivot-era-esig", "xd-qc-esig-ca", "xd-qc-esig", CertificateScenario::Listed::kIssuer,
           dated(post({"esign"}, true), "2025-03-01T00:00:00Z", "2028-03-01T00:00:00Z"),
           {same("2025-12-20T00:00:00Z", no("esig"), "AdESig", "list-not-pointed-by-current-lotl")},
           "QC for eSig under XD's CA/QC; XD is pointed to only by the pivot-era pivot LOTL"}};
}

std::vector<CertificateScenario> certificate_scenarios() {
  using L = CertificateScenario::Listed;
  std::vector<CertificateScenario> c;
  auto add = [&c](const char* id, const char* issuer, const char* service, CertificateProfile p,
                  std::vector<Expectation> e, const char* summary, L listed = L::kIssuer) {
    c.push_back({id, issuer, service, listed, std::move(p), std::move(e), summary});
  };

  // --- XA: the certificate decides (QUALIFICATION.md step 8) ---
  // QcCompliance + QcSSCD + QcType esign under a granted ForeSignatures CA/QC: QC, eSig, QSCD.
  add("esig-qscd", "xa-qc-esig-ca", "xa-qc-esig", post({"esign"}, true),
      {same(kAt, yes("esig", "yes"), "QESig", "qc-from-certificate")}, "QC for eSig on a QSCD, nothing overruled");
  // No QcSSCD and no QSCD qualifier: QSCD is the certificate's (no).
  add("esig-no-qscd", "xa-qc-esig-ca", "xa-qc-esig", post({"esign"}, false),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "qscd-from-certificate")}, "QC for eSig without QcSSCD");
  // QcCompliance without QcType: type eSig by default.
  add("esig-no-qctype", "xa-qc-esig-ca", "xa-qc-esig", post({}, true),
      {same(kAt, yes("esig", "yes"), "QESig", "type-default-esig")}, "QcCompliance and QcSSCD, no QcType");
  // No QcStatements at all and no qualifier: not QC; the certificate has no type.
  {
    CertificateProfile p = post({}, false);
    p.qc_compliance = false;
    add("not-qc-no-compliance", "xa-qc-esig-ca", "xa-qc-esig", p,
        {same(kAt, no("unknown"), "Unknown", "qc-requires-compliance")}, "no QcStatements under a CA/QC");
  }
  // QcCClegislation: qualified under another legislation, not an EU QC; type stays esig.
  {
    CertificateProfile p = post({"esign"}, true);
    p.cc_legislation = {"ZZ"};
    add("cc-legislation", "xa-qc-esig-ca", "xa-qc-esig", p, {same(kAt, no("esig"), "AdESig", "qc-cclegislation")},
        "QcCompliance with QcCClegislation ZZ");
  }
  // Post-eIDAS eSeal certificate under a ForeSignatures-only service: state filtered (step 3).
  add("eseal-under-esig-service", "xa-qc-esig-ca", "xa-qc-esig", post({"eseal"}, true),
      {same(kAt, no("eseal"), "AdESeal", "type-filter-asi")}, "eSeal certificate, service is ForeSignatures only");
  // ForeSeals service, QCQSCDManagedOnBehalf applies (policy 2.999.1.2): QSCD yes.
  add("eseal-qscd-managed", "xa-qc-eseal-ca", "xa-qc-eseal", post({"eseal"}, false, {"2.999.1.2"}),
      {same(kAt, yes("eseal", "yes"), "QESeal", "qualifier-QCQSCDManagedOnBehalf")},
      "eSeal without QcSSCD, QSCD managed on behalf by the TSP");
  add("eseal-no-qscd", "xa-qc-eseal-ca", "xa-qc-eseal", post({"eseal"}, false),
      {same(kAt, yes("eseal", "no"), "AdESeal-QC", "type-from-certificate")}, "eSeal, no qualifier applies");

  // --- XA: status timeline (steps 1 and 6, combining) ---
  // Issued 2024-05-01 while granted; at 2024-06-01 still granted; at 2025-06-01 withdrawn:
  // QC only at issuance, combined QC = no, type esig (equal), QSCD from T (na).
  add("withdrawn-after-issuance", "xa-qc-withdrawn-ca", "xa-qc-withdrawn",
      dated(post({"esign"}, true), "2024-05-01T00:00:00Z", "2027-05-01T00:00:00Z"),
      {same("2024-06-01T00:00:00Z", yes("esig", "yes"), "QESig", "granted-filter-before-withdrawal"),
       {kAt, yes("esig", "yes"), no("esig"), "AdESig", "granted-filter-withdrawn-after-issuance"}},
      "issued while granted, service withdrawn 2025-03-01");
  add("issued-after-withdrawal", "xa-qc-withdrawn-ca", "xa-qc-withdrawn",
      dated(post({"esign"}, true), "2025-04-01T00:00:00Z", "2028-04-01T00:00:00Z"),
      {same(kAt, no("esig"), "AdESig", "granted-filter-withdrawn")}, "issued after the service was withdrawn");
  // Pre-eIDAS certificate (QcCompliance + QCP+), issued under 'accredited': QC; the pre-eIDAS
  // state gives eSig; QSCD from QCP+. At 2016-09-01 (granted): QC, eSig by default, QSCD from QCP+.
  {
    CertificateProfile p = dated(post({}, false, {kQcpPlus}), "2012-03-01T00:00:00Z", "2017-03-01T00:00:00Z");
    add("pre-eidas-qcp-plus", "xa-qc-pre-eidas-ca", "xa-qc-pre-eidas", p,
        {same("2016-09-01T00:00:00Z", yes("esig", "yes"), "QESig", "qc-pre-eidas-qcp-plus")},
        "2012 certificate with QcCompliance and QCP+, accredited then granted");
  }
  // Pre-eIDAS certificate with QCP only and no QcStatements: QC by policy; QSCD no.
  {
    CertificateProfile p = dated(post({}, false, {kQcp}), "2014-01-01T00:00:00Z", "2017-01-01T00:00:00Z");
    p.qc_compliance = false;
    add("pre-eidas-qcp-only", "xa-qc-pre-eidas-ca", "xa-qc-pre-eidas", p,
        {same("2015-06-01T00:00:00Z", yes("esig", "no"), "AdESig-QC", "qc-pre-eidas-qcp-policy")},
        "2014 certificate with QCP and no QcStatements, under 'accredited'");
  }
  // Issued under 'undersupervision' (2007), checked under 'accredited' (2010): both granted-equivalent.
  {
    CertificateProfile p = dated(post({}, false, {kQcpPlus}), "2007-01-01T00:00:00Z", "2011-01-01T00:00:00Z");
    p.qc_compliance = false;
    add("pre-eidas-undersupervision", "xa-qc-pre-eidas-ca", "xa-qc-pre-eidas", p,
        {same("2010-06-01T00:00:00Z", yes("esig", "yes"), "QESig", "granted-pre-eidas-statuses")},
        "2007 QCP+ certificate issued under 'undersupervision'");
  }
  // The TSA unit of the TSA/QTST service: no CA/QC candidate, no QcStatements (step 2).
  {
    CertificateProfile p;
    p.not_before = "2024-01-01T00:00:00Z";
    p.not_after = "2030-01-01T00:00:00Z";
    p.key_usage = {"digitalSignature"};
    p.extended_key_usage = {kTimeStamping};
    add("tsa-qtst", "xa-pkc-ca", "xa-tsa-qtst", p, {same(kAt, no("unknown"), "Unknown", "not-a-ca-qc-service")},
        "TSA unit listed by the TSA/QTST service (see expected-tsa.tsv)", L::kSelf);
  }
  // QcStatements claiming a QC, but the issuer is only a CA/PKC service: not QC (step 2).
  add("pkc-with-qc-statements", "xa-pkc-ca", "xa-pkc", post({"esign"}, true),
      {same(kAt, no("esig"), "AdESig", "no-ca-qc-service")}, "claims QC; issuer listed as CA/PKC only");

  // --- XB: qualifiers and consistency (steps 3, 4, 7, 8) ---
  add("qualifier-qcforesig", "xb-usage-ca", "xb-usage", post({"eseal"}, true),
      {same(kAt, yes("esig", "yes"), "QESig", "qualifier-QCForESig")}, "eSeal-typed, overruled to eSig (nonRepudiation)");
  add("qualifier-qcforeseal", "xb-usage-ca", "xb-usage", post({"esign"}, true, {"2.999.2.1"}, {"digitalSignature"}),
      {same(kAt, yes("eseal", "yes"), "QESeal", "qualifier-QCForESeal")}, "eSig-typed, overruled to eSeal (policy)");
  // Step 7 usage aspect: two usage qualifiers make the list incoherent for C: not applicable.
  add("consistency-two-usage-qualifiers", "xb-usage-ca", "xb-usage", post({"esign"}, true, {"2.999.2.1"}),
      {same(kAt, not_applicable(), "N/A", "consistency-two-usage-qualifiers")},
      "QCForESig and QCForESeal both apply: usage contradiction, not applicable");
  add("qctype-multiple", "xb-usage-ca", "xb-usage", post({"esign", "eseal"}, true, {}, {"digitalSignature"}),
      {same(kAt, yes("unknown", "yes"), "Unknown-QC-QSCD", "type-unknown-several-qctypes")},
      "QcType esign and eseal, no qualifier applies");
  {
    CertificateProfile p = post({"esign"}, false, {}, {"digitalSignature"});
    p.extended_key_usage = {kServerAuth};
    add("qualifier-qcforwsa", "xb-wsa-ca", "xb-wsa", p, {same(kAt, yes("wsa", "no"), "Not AdES", "qualifier-QCForWSA")},
        "eSig-typed with EKU serverAuth; QCForWSA with ForWebSiteAuthentication makes the state relevant");
  }
  // Step 7 usage aspect: QCForESeal on a state whose ASI lists ForeSignatures only: not applicable.
  add("consistency-usage-without-asi", "xb-usage-noasi-ca", "xb-usage-noasi", post({"esign"}, true, {"2.999.7.1"}),
      {same(kAt, not_applicable(), "N/A", "consistency-usage-qualifier-without-asi")},
      "QCForESeal applies but the service lacks ForeSeals: usage contradiction, not applicable");
  add("type-filter-legal-person", "xb-legal-person-ca", "xb-legal-person", post({"esign"}, true, {"2.999.3.1"}),
      {same(kAt, no("esig"), "AdESig", "type-filter-legal-person")},
      "eSig certificate, QCForLegalPerson applies: ForeSignatures does not cover it");
  add("qualifier-qcforlegalperson", "xb-legal-person-ca", "xb-legal-person", post({"eseal"}, true, {"2.999.3.1"}),
      {same(kAt, yes("eseal", "yes"), "QESeal", "qualifier-QCForLegalPerson")}, "eSeal for a legal person");
  add("consistency-legal-person-with-qcforesig", "xb-legal-person-ca", "xb-legal-person",
      post({"esign"}, true, {"2.999.3.1", "2.999.3.2"}),
      {same(kAt, not_applicable(), "N/A", "consistency-legal-person-with-qcforesig")},
      "QCForLegalPerson and QCForESig both apply: usage contradiction, not applicable");
  add("qualifier-qcwithqscd", "xb-qscd-ca", "xb-qscd", post({"esign"}, false),
      {same(kAt, yes("esig", "yes"), "QESig", "qualifier-QCWithQSCD")}, "no QcSSCD; QCWithQSCD (KeyUsage criterion)");
  add("qualifier-qcnoqscd", "xb-qscd-ca", "xb-qscd", post({"esign"}, true, {"2.999.5.2"}, {"digitalSignature"}),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "qualifier-QCNoQSCD")}, "QcSSCD overruled by QCNoQSCD");
  // Step 7 QSCD aspect: QCWithQSCD with QCNoQSCD: QSCD no; QC and type decided as usual.
  add("consistency-qscd-contradiction", "xb-qscd-ca", "xb-qscd", post({"esign"}, true, {"2.999.5.2"}),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "consistency-with-and-no-qscd")},
      "QCWithQSCD and QCNoQSCD both apply: QSCD contradiction, QC without QSCD");
  add("qualifier-qcqscdstatusasincert", "xb-asincert-ca", "xb-asincert", post({"esign"}, false, {"2.999.6.3"}),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "qualifier-QCQSCDStatusAsInCert")},
      "QSCD as in the certificate (no QcSSCD), atLeastOne criteria");
  add("consistency-asincert-with-explicit", "xb-asincert-ca", "xb-asincert",
      post({"esign"}, true, {"2.999.6.1", "2.999.6.2"}),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "consistency-statusasincert-with-explicit-qscd")},
      "QCQSCDStatusAsInCert and QCWithQSCD both apply: QSCD contradiction, QC without QSCD");
  {
    CertificateProfile p = post({}, false, {"2.999.4.1"});
    p.qc_compliance = false;
    add("qualifier-qcstatement", "xb-qcstatement-ca", "xb-qcstatement", p,
        {same(kAt, yes("unknown", "no"), "Unknown-QC", "qualifier-QCStatement")},
        "no QcStatements; QCStatement makes it a QC of unknown type");
  }
  add("qualifier-notqualified", "xb-qcstatement-ca", "xb-qcstatement", post({"esign"}, true, {"2.999.4.2"}),
      {same(kAt, no("esig"), "AdESig", "qualifier-NotQualified")}, "QcCompliance overruled by NotQualified");
  add("consistency-qcstatement-with-notqualified", "xb-qcstatement-ca", "xb-qcstatement",
      post({"esign"}, true, {"2.999.4.1", "2.999.4.2"}),
      {same(kAt, no("esig"), "AdESig", "consistency-qcstatement-with-notqualified")},
      "QCStatement and NotQualified both apply: QC contradiction, not a QC (type from the certificate)");

  // --- XC: identities, conflicts, criteria, timelines ---
  add("conflict-two-services", "xc-conflict-ca", "xc-conflict-a", post({"esign"}, false, {"2.999.9.1"}),
      {same(kAt, not_applicable(), "N/A", "conflict-not-applicable")},
      "two services for one CA answer QSCD yes and no");
  add("conflict-agreeing-services", "xc-conflict-ca", "xc-conflict-a", post({"esign"}, true),
      {same(kAt, yes("esig", "yes"), "QESig", "conflict-none-when-services-agree")},
      "same two services, no qualifier applies: same answer, no conflict");
  add("identity-by-ski", "xc-ski-only-ca", "xc-ski-only", post({"esign"}, true),
      {same(kAt, yes("esig", "yes"), "QESig", "identity-by-ski")}, "issuer matched by the listed SKI");
  add("criteria-nested-none-match", "xc-nested-ca", "xc-nested", post({"eseal"}, false),
      {same(kAt, yes("eseal", "yes"), "QESeal", "criteria-nested-none")}, "nonRepudiation, policy 2.999.8.9 absent");
  add("criteria-nested-none-excluded", "xc-nested-ca", "xc-nested", post({"eseal"}, false, {"2.999.8.9"}),
      {same(kAt, yes("eseal", "no"), "AdESeal-QC", "criteria-nested-none-excluded")},
      "nonRepudiation but policy 2.999.8.9 present: criteria fail");
  add("issued-before-service-listed", "xc-late-ca", "xc-late",
      dated(post({"esign"}, true), "2022-06-01T00:00:00Z", "2027-06-01T00:00:00Z"),
      {{kAt, no("esig"), yes("esig", "yes"), "AdESig", "no-state-in-force-at-issuance"}},
      "issued 2022-06-01, service first listed 2023-01-01");
  {
    CertificateProfile p = dated(post({"esign"}, false, {kQcpPlus}), "2015-01-01T00:00:00Z", "2021-01-01T00:00:00Z");
    add("granted-status-before-eidas", "xc-regime-ca", "xc-regime", p,
        {{"2020-01-01T00:00:00Z", no("esig"), yes("esig", "yes"), "AdESig", "granted-filter-regime-mismatch"}},
        "issued under a pre-eIDAS period with status 'granted' (not granted-equivalent)");
  }

  // --- XB: the criteria vocabulary (step 4). Each certificate carries the policy that routes it
  // to one element of xb-criteria; the qualifier is chosen so that a misread bit changes the label.
  // crlSign=false under all, certificate without cRLSign: the element applies, QCWithQSCD.
  add("criteria-crlsign-false-all", "xb-criteria-ca", "xb-criteria", post({"esign"}, false, {"2.999.11.1"}),
      {same(kAt, yes("esig", "yes"), "QESig", "criteria-crlsign-false-all")}, "crlSign=false under all matches: QCWithQSCD");
  // crlSign=true under all, certificate with cRLSign: QCNoQSCD applies.
  add("criteria-crlsign-true-all", "xb-criteria-ca", "xb-criteria",
      post({"esign"}, true, {"2.999.11.2"}, {"nonRepudiation", "cRLSign"}),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "criteria-crlsign-true-all")}, "crlSign=true under all matches: QCNoQSCD");
  // atLeastOne[crlSign=true, keyCertSign=true], certificate with cRLSign: NotQualified applies.
  add("criteria-crlsign-true-atleastone", "xb-criteria-ca", "xb-criteria",
      post({"esign"}, true, {"2.999.11.3"}, {"nonRepudiation", "cRLSign"}),
      {same(kAt, no("esig"), "AdESig", "criteria-crlsign-true-atleastone")},
      "crlSign=true under atLeastOne matches: NotQualified");
  // atLeastOne[crlSign=false, keyCertSign=true], no QcStatements, no cRLSign: QCStatement makes a QC
  // of unknown type (no QcType), QSCD from the certificate (no).
  {
    CertificateProfile p = post({}, false, {"2.999.11.4"});
    p.qc_compliance = false;
    add("criteria-crlsign-false-atleastone", "xb-criteria-ca", "xb-criteria", p,
        {same(kAt, yes("unknown", "no"), "Unknown-QC", "criteria-crlsign-false-atleastone")},
        "crlSign=false under atLeastOne matches: QCStatement");
  }
  // none[crlSign=true], certificate with cRLSign: the child is true, so none is false and
  // QCWithQSCD does not apply; QSCD from the certificate (no).
  add("criteria-crlsign-true-none", "xb-criteria-ca", "xb-criteria",
      post({"esign"}, false, {"2.999.11.5"}, {"nonRepudiation", "cRLSign"}),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "criteria-crlsign-true-none")},
      "crlSign=true under none, certificate with cRLSign: QCWithQSCD does not apply");
  // none[crlSign=false], certificate without cRLSign: none is false, QCNoQSCD does not apply.
  add("criteria-crlsign-false-none", "xb-criteria-ca", "xb-criteria", post({"esign"}, true, {"2.999.11.6"}),
      {same(kAt, yes("esig", "yes"), "QESig", "criteria-crlsign-false-none")},
      "crlSign=false under none, certificate without cRLSign: QCNoQSCD does not apply");
  // One KeyUsage with two bits: both must equal the certificate's.
  add("criteria-two-bits", "xb-criteria-ca", "xb-criteria", post({"esign"}, false, {"2.999.11.7"}),
      {same(kAt, yes("esig", "yes"), "QESig", "criteria-two-bit-key-usage")},
      "KeyUsage(nonRepudiation=true, crlSign=false) matches: QCWithQSCD");
  add("criteria-two-bits-one-differs", "xb-criteria-ca", "xb-criteria",
      post({"esign"}, false, {"2.999.11.7"}, {"nonRepudiation", "cRLSign"}),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "criteria-two-bit-key-usage-one-differs")},
      "KeyUsage(nonRepudiation=true, crlSign=false) with cRLSign set: no match");
  add("criteria-content-commitment", "xb-criteria-ca", "xb-criteria", post({"esign"}, false, {"2.999.11.8"}),
      {same(kAt, yes("esig", "yes"), "QESig", "criteria-contentcommitment-alias")},
      "KeyUsage(contentCommitment=true) is nonRepudiation: QCWithQSCD");
  // KeyUsage(cRLSign=false): not a TS 119 612 name, so the element can be neither applied nor
  // ignored. Without QcSSCD the answer depends on it (QCWithQSCD or not): not applicable.
  add("criteria-unknown-bit-decides", "xb-criteria-ca", "xb-criteria", post({"esign"}, false, {"2.999.11.9"}),
      {same(kAt, not_applicable(), "N/A", "criteria-unknown-bit-name-undetermined")},
      "KeyUsage names cRLSign (unknown): whether QCWithQSCD applies decides the answer, not applicable");
  // Same element, certificate with QcSSCD: QSCD is yes with or without QCWithQSCD (reported).
  add("criteria-unknown-bit-irrelevant", "xb-criteria-ca", "xb-criteria", post({"esign"}, true, {"2.999.11.9"}),
      {same(kAt, yes("esig", "yes"), "QESig", "criteria-unknown-bit-name-irrelevant")},
      "KeyUsage names cRLSign (unknown), but QcSSCD gives the same answer either way");

  // --- Step 7 QSCD aspect on a post-eIDAS state that says QSCD only with QCWithSSCD: QSCD no.
  add("consistency-sscd-on-post-eidas-state", "xb-sscd-ca", "xb-sscd", post({"esign"}, true, {"2.999.12.1"}),
      {same(kAt, yes("esig", "no"), "AdESig-QC", "consistency-sscd-qualifiers-on-post-eidas-state")},
      "QCWithSSCD is the only QSCD qualifier of a post-eIDAS state: QSCD contradiction, QC without QSCD");
  // A usage qualifier on a state without any ASI is not a contradiction. QcType esign and eseal
  // (unknown type) keeps the state through step 3; QCForESeal sets the type.
  add("consistency-usage-on-state-without-asi", "xb-no-asi-ca", "xb-no-asi",
      post({"esign", "eseal"}, true, {"2.999.13.1"}, {"digitalSignature"}),
      {same(kAt, yes("eseal", "yes"), "QESeal", "consistency-usage-without-any-asi-is-no-contradiction")},
      "QCForESeal on a state without additional service information: no contradiction, eSeal");

  // --- XC: status coherence (step 1). A 2014 QCP+ certificate under 'accredited' (2012, never
  // replaced): QC at issuance; still 'accredited' after eIDAS, so not applicable at T.
  {
    CertificateProfile p = dated(post({}, false, {kQcpPlus}), "2014-03-01T00:00:00Z", "2019-03-01T00:00:00Z");
    add("coherence-accredited-after-eidas", "xc-stale-ca", "xc-stale", p,
        {same("2015-06-01T00:00:00Z", yes("esig", "yes"), "QESig", "coherence-pre-eidas-status-before-eidas"),
         {"2018-01-01T00:00:00Z", yes("esig", "yes"), not_applicable(), "N/A", "coherence-pre-eidas-status-after-eidas"}},
        "issued 2014 under 'accredited', which is still in force after eIDAS");
  }
  // --- XC: conflict (step 5). A granted and a withdrawn entry for the same CA say QC and not QC.
  add("conflict-granted-and-withdrawn", "xc-split-ca", "xc-split-granted", post({"esign"}, true),
      {same(kAt, not_applicable(), "N/A", "conflict-granted-and-withdrawn")},
      "one entry granted, one withdrawn for the same CA: conflict, not applicable");
  return c;
}

std::vector<DamagedSpec> damaged_lists() {
  using D = DamagedSpec::Damage;
  return {
      {"damaged/XA-broken-signature.xml", "XA", D::kBrokenSignature, "signature_invalid", "",
       "XA list with one byte of signed content changed after signing", ""},
      {"damaged/XA-unannounced-signer.xml", "XA", D::kUnannouncedSigner, "signer_not_trusted", "",
       "XA list validly signed by a certificate the LOTL does not announce", ""},
      {"damaged/XA-sequence-regression.xml", "XA", D::kSequenceRegression, "authenticated", "sequence_regression",
       "an older XA version (sequence 6 < 7), validly signed, from before the withdrawal of xa-qc-withdrawn (effective "
       "2025-03-01) was published in sequence 7: the service is still granted there",
       "xa-qc-withdrawn"},
      {"damaged/XB-expired.xml", "XB", D::kExpired, "authenticated", "expired",
       "XB list whose NextUpdate has passed at --now", ""},
      {"damaged/XC-unsigned.xml", "XC", D::kUnsigned, "unsigned", "", "XC list without a signature", ""},
      {"damaged/XC-two-signatures.xml", "XC", D::kTwoSignatures, "multiple_signatures", "",
       "XC list signed twice", ""},
  };
}

std::vector<TsaExpectation> tsa_expectations() {
  return {
      {"tsa-qtst", kAt, "yes", "qtst-granted"},
      {"tsa-qtst", "2016-06-01T00:00:00Z", "no", "qtst-before-listing"},
  };
}

}  // namespace assay::samples
