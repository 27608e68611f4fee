// QUALIFICATION.md steps 3 and 6-8 for one state (TS 119 615 4.4; the consistency rules decide one
// aspect at a time, as the EU test suite and DSS do).
#include "tsl/qualification/internal/decide.h"

#include "tsl/qualification/reason_ids.h"
#include "tsl/vocabulary.h"

namespace assay::tsl::internal {
namespace {

using engine::Severity;

constexpr std::uint32_t kWithAny = kWithQscd | kQscdManaged | kWithSscd;
constexpr std::uint32_t kNoAny = kNoQscd | kNoSscd;
constexpr std::uint32_t kAsInCertAny = kQscdAsInCert | kSscdAsInCert;
constexpr std::uint32_t kPostQscdQualifiers = kWithQscd | kNoQscd | kQscdAsInCert | kQscdManaged;

std::string short_status(const TimelineState& s) { return std::string(vocabulary::short_name(s.state->status)); }

struct Contradiction {
  const char* id;
  std::uint32_t culprits;
  const char* detail;  // why it is a contradiction, when the qualifiers alone do not say it
};

// Step 7, usage aspect: the list is incoherent for C (answer "not applicable").
std::vector<Contradiction> usage_contradictions(std::uint32_t q, std::uint32_t asi) {
  std::vector<Contradiction> out;
  const std::uint32_t usage = q & kUsageBits;
  if (popcount(usage) > 1) out.push_back({reason::kDroppedTwoUsages, usage, "several usage qualifiers"});
  if ((q & kLegalPerson) && (q & kForESig)) {
    out.push_back({reason::kDroppedLegalPersonWithESig, kLegalPerson | kForESig, "a legal person cannot sign (eSig)"});
  }
  // A usage qualifier on a state without any ASI is not a contradiction: nothing says otherwise.
  if (popcount(usage) == 1 && asi != 0) {
    const bool matching = (usage == kForESig && (asi & kAsiESig)) || (usage == kForESeal && (asi & kAsiESeal)) ||
                          (usage == kForWsa && (asi & kAsiWsa));
    if (!matching) {
      out.push_back({reason::kDroppedUsageWithoutAsi, usage,
                     "the service's additional service information does not include the matching one"});
    }
  }
  return out;
}

// Step 7, QSCD aspect: QSCD = no.
std::vector<Contradiction> qscd_contradictions(std::uint32_t q, bool post_state) {
  std::vector<Contradiction> out;
  if ((q & kWithAny) && (q & kNoAny)) out.push_back({reason::kDroppedQscdContradiction, q & (kWithAny | kNoAny), ""});
  if ((q & kAsInCertAny) && (q & (kWithAny | kNoAny))) {
    out.push_back({reason::kDroppedAsInCertWithExplicit, q & (kAsInCertAny | kWithAny | kNoAny), ""});
  }
  if (post_state && (q & (kWithSscd | kNoSscd)) && !(q & kPostQscdQualifiers)) {
    out.push_back({reason::kSscdQualifiersOnPostEidasState, q & (kWithSscd | kNoSscd),
                   "a post-eIDAS state says QSCD only with the pre-eIDAS SSCD qualifiers"});
  }
  return out;
}

std::string contradiction_text(const Contradiction& c, const std::vector<std::string>& uris, const char* consequence) {
  std::string text = "the applicable qualifiers contradict each other (" + qualifier_names(c.culprits, uris) + ")";
  if (*c.detail) text += ": " + std::string(c.detail);
  return text + "; " + consequence;
}

}  // namespace

bool covers_type(QcUse type, std::uint32_t q, std::uint32_t asi) {
  const std::uint32_t usage = q & kUsageBits;
  if (popcount(usage) == 1) {  // the qualifiers overrule the type, with the matching ASI
    if ((usage == kForESig && (asi & kAsiESig)) || (usage == kForESeal && (asi & kAsiESeal)) ||
        (usage == kForWsa && (asi & kAsiWsa))) {
      return true;
    }
  }
  switch (type) {
    case QcUse::kESig: return (asi & kAsiESig) && !(q & kLegalPerson);
    case QcUse::kESeal: return asi & kAsiESeal;
    case QcUse::kWsa: return asi & kAsiWsa;
    case QcUse::kUnknown: return true;
  }
  return true;
}

std::string_view use_text(QcUse u) {
  switch (u) {
    case QcUse::kESig: return "eSig";
    case QcUse::kESeal: return "eSeal";
    case QcUse::kWsa: return "web site authentication";
    case QcUse::kUnknown: return "unknown use";
  }
  return "?";
}

std::string qualifier_names(std::uint32_t bits, const std::vector<std::string>& uris) {
  std::string out;
  for (const auto& u : uris) {
    if (!(qualifier_bit(u) & bits)) continue;
    if (!out.empty()) out += " + ";
    out += vocabulary::short_name(u);
  }
  return out;
}

Rule own_type_rule(const CertificateFacts& f, const char* context) {
  std::string text = std::string(context) + "the certificate's own type: ";
  if (f.own_type_rule == reason::kTypeFromQcType) text += "its single QcType is " + std::string(use_text(f.own_type));
  else if (f.own_type_rule == reason::kTypeSeveralQcTypes) text += "several QcType values, so unknown";
  else if (f.own_type_rule == reason::kTypeDefaultESig) text += "no QcType on a QC-declaring certificate means eSig";
  else text += "no QcType and no QcCompliance, so unknown";
  return {f.own_type_rule, std::move(text)};
}

void decide_state(StateEvaluation& s, const CertificateFacts& f, std::uint32_t q, std::uint32_t asi) {
  QualificationAnswer a{QcStatus::kNo, f.own_type, QscdStatus::kNotApplicable};
  auto not_qc = [&](const char* id, std::string text) {
    s.qc_rule = {id, std::move(text)};
    s.type_rule = own_type_rule(f, "not a QC, so ");
    s.qscd_rule = {reason::kQscdNotQc, "not a QC: QSCD does not apply"};
    s.answer = a;
  };
  // Step 6.
  const char* why = nullptr;
  s.granted = granted_for_regime(*s.state, &why);
  if (!s.granted) {
    s.excluded_id = why;
    s.excluded_text = why == reason::kFilteredRegimeMismatch
                          ? "status '" + short_status(*s.state) + "' does not belong to the regime of the period's start (" +
                                engine::format_utc_time(s.state->start) + "): not granted-equivalent"
                          : "status '" + short_status(*s.state) + "' is not granted-equivalent";
    not_qc(reason::kQcNoGrantedState, "no granted state: " + s.excluded_text);
    return;
  }
  // Step 7, one aspect at a time. Every contradiction is reported, whichever aspect decides.
  const bool pre_state = !vocabulary::is_post_eidas(s.state->start);
  const auto usage_bad = usage_contradictions(q, asi);
  const auto qscd_bad = qscd_contradictions(q, !pre_state);
  const bool qc_bad = (q & kQcStatement) && (q & kNotQualified);
  for (const auto& c : usage_bad) {
    s.findings.push_back({c.id, Severity::kWarning,
                          contradiction_text(c, s.qualifiers, "the list is incoherent for this certificate: not applicable"), ""});
  }
  if (qc_bad) {
    s.findings.push_back({reason::kDroppedQcStatementWithNotQualified, Severity::kWarning,
                          contradiction_text({reason::kDroppedQcStatementWithNotQualified, kQcStatement | kNotQualified, ""},
                                             s.qualifiers, "this state cannot make the certificate a QC"),
                          ""});
  }
  for (const auto& c : qscd_bad) {
    s.findings.push_back({c.id, Severity::kWarning, contradiction_text(c, s.qualifiers, "QSCD is no"), ""});
  }
  if (!usage_bad.empty()) {
    const Rule rule{usage_bad.front().id, contradiction_text(usage_bad.front(), s.qualifiers,
                                                             "the list is incoherent for this certificate: not applicable")};
    s.qc_rule = s.type_rule = s.qscd_rule = rule;
    s.answer = kNotApplicableAnswer;
    return;
  }
  // Step 8: QC.
  if (qc_bad) {
    not_qc(reason::kDroppedQcStatementWithNotQualified,
           "QCStatement and NotQualified both apply: this state cannot make the certificate a QC");
    return;
  }
  if (q & kNotQualified) {
    not_qc(reason::kQcNotQualifiedQualifier, "the list overrules: NotQualified applies");
    return;
  }
  if (q & kQcStatement) {
    s.qc_rule = {reason::kQcStatementQualifier, "the list overrules: QCStatement applies, so QC"};
  } else if (f.cc_legislation) {
    not_qc(reason::kQcCcLegislation, "QcCClegislation: qualified under a non-EU legislation, not an EU QC");
    return;
  } else if (f.compliance) {
    s.qc_rule = {reason::kQcFromCertificate, "the certificate declares QcCompliance"};
  } else if (!f.post_eidas && (f.qcp || f.qcp_plus)) {
    s.qc_rule = {reason::kQcPreEidasPolicy,
                 std::string("pre-eIDAS certificate with policy ") + (f.qcp_plus ? "QCP+ (0.4.0.1456.1.1)" : "QCP (0.4.0.1456.1.2)")};
  } else {
    not_qc(reason::kQcNoCompliance, f.post_eidas ? "the certificate has no QcCompliance statement"
                                                 : "the certificate has neither QcCompliance nor a QCP/QCP+ policy");
    return;
  }
  a.qc = QcStatus::kYes;
  // Step 8: type.
  const std::uint32_t usage = q & kUsageBits;
  if (pre_state) {
    a.type = QcUse::kESig;
    s.type_rule = {reason::kTypePreEidasState, "the granted state started before eIDAS: eSig"};
  } else if (usage) {  // exactly one: several are a usage contradiction (step 7)
    a.type = usage == kForESig ? QcUse::kESig : usage == kForESeal ? QcUse::kESeal : QcUse::kWsa;
    s.type_rule = {reason::kTypeQualifier, "the list overrules the type: " + qualifier_names(usage, s.qualifiers)};
  } else {
    a.type = f.own_type;
    s.type_rule = own_type_rule(f, "");
  }
  // Step 8: QSCD.
  const bool cert_qscd = f.sscd || (!f.post_eidas && f.qcp_plus);
  const std::string cert_text = f.sscd ? "the certificate declares QcSSCD"
                                : cert_qscd ? "pre-eIDAS certificate with policy QCP+"
                                            : "the certificate declares no QcSSCD";
  const std::uint32_t yes = pre_state ? kWithSscd : (kWithQscd | kQscdManaged);
  const std::uint32_t no = pre_state ? kNoSscd : kNoQscd;
  const std::uint32_t as_cert = pre_state ? kSscdAsInCert : kQscdAsInCert;
  if (a.type == QcUse::kWsa) {
    a.qscd = QscdStatus::kNo;
    s.qscd_rule = {reason::kQscdWebHasNone, "web site authentication certificates have no QSCD"};
  } else if (!qscd_bad.empty()) {
    a.qscd = QscdStatus::kNo;
    s.qscd_rule = {qscd_bad.front().id, contradiction_text(qscd_bad.front(), s.qualifiers, "QSCD is no")};
  } else if (q & yes) {
    a.qscd = QscdStatus::kYes;
    s.qscd_rule = {reason::kQscdQualifier, "the list says " + qualifier_names(q & yes, s.qualifiers)};
  } else if (q & no) {
    a.qscd = QscdStatus::kNo;
    s.qscd_rule = {reason::kQscdQualifier, "the list says " + qualifier_names(q & no, s.qualifiers)};
  } else if (q & as_cert) {
    a.qscd = cert_qscd ? QscdStatus::kYes : QscdStatus::kNo;
    s.qscd_rule = {reason::kQscdAsInCertQualifier,
                   "the list says " + qualifier_names(q & as_cert, s.qualifiers) + ": " + cert_text};
  } else {
    a.qscd = cert_qscd ? QscdStatus::kYes : QscdStatus::kNo;
    s.qscd_rule = {reason::kQscdFromCertificate, cert_text};
  }
  s.answer = a;
}

}  // namespace assay::tsl::internal
