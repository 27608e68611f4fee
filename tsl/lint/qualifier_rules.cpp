// Qualifier sets that contradict themselves (TS 119 612 5.5.9.2 with the consistency checks of
// TS 119 615 applied by the qualification engine, QUALIFICATION.md step 7). The engine decides
// them one aspect at a time at query time (QC taken away, QSCD no, or "not applicable" for usage
// contradictions); the list operator should not publish them. Checked per QualificationElement,
// in every state (current and history).
#include <algorithm>
#include <set>

#include "tsl/lint/lint_ids.h"
#include "tsl/lint/rules.h"
#include "tsl/vocabulary.h"

namespace assay::tsl::lint {
namespace {

using engine::Severity;

constexpr char kRule[] = "TS 119 612 5.5.9.2";

class ElementCheck {
 public:
  ElementCheck(const QualificationElement& element, const ServiceState& state, std::string path, LintFindings& out)
      : path_(std::move(path)), out_(out) {
    for (const auto& q : element.qualifiers) names_.insert(std::string(vocabulary::short_name(q)));
    for (const auto& a : state.extensions.additional_service_information) {
      asis_.insert(std::string(vocabulary::short_name(a)));
    }
    for (const auto& q : element.qualifiers) value_ += (value_.empty() ? "" : " ") + std::string(vocabulary::short_name(q));
  }

  void run() {
    if (has("QCStatement") && has("NotQualified")) {
      report(id::kQcAndNotQualified, "QCStatement together with NotQualified", kNoQc);
    }
    const bool with = has("QCWithQSCD") || has("QCQSCDManagedOnBehalf") || has("QCWithSSCD");
    const bool without = has("QCNoQSCD") || has("QCNoSSCD");
    if (with && without) report(id::kQscdConflict, "a with-QSCD/SSCD qualifier together with a no-QSCD/SSCD one", kNoQscd);
    if ((has("QCQSCDStatusAsInCert") || has("QCSSCDStatusAsInCert")) && (with || without)) {
      report(id::kAsInCertConflict, "a ...StatusAsInCert qualifier together with an explicit QSCD/SSCD qualifier", kNoQscd);
    }
    const int usages = has("QCForESig") + has("QCForESeal") + has("QCForWSA");
    if (usages > 1) report(id::kMultipleUsages, "more than one of QCForESig, QCForESeal, QCForWSA", kNotApplicable);
    if (has("QCForLegalPerson") && has("QCForESig")) {
      report(id::kLegalPersonForESig, "QCForLegalPerson together with QCForESig (e-signatures are for natural persons)",
             kNotApplicable);
    }
    usage_needs_asi("QCForESig", "ForeSignatures");
    usage_needs_asi("QCForESeal", "ForeSeals");
    usage_needs_asi("QCForWSA", "ForWebSiteAuthentication");
  }

 private:
  bool has(const char* name) const { return names_.count(name) > 0; }

  // What the qualification engine makes of each contradiction (QUALIFICATION.md step 7).
  static constexpr const char* kNoQc = "the qualification engine does not let this state make a certificate a QC";
  static constexpr const char* kNoQscd = "the qualification engine answers QSCD no for it";
  static constexpr const char* kNotApplicable = "the qualification engine answers 'not applicable' for it";

  void usage_needs_asi(const char* qualifier, const char* asi) {
    if (has(qualifier) && !asis_.count(asi)) {
      // Without any ASI the engine applies the qualifier (no contradiction); still poor practice.
      report(id::kUsageWithoutAsi, std::string(qualifier) + " in a service without the " + asi +
                                       " additional service information",
             asis_.empty() ? "the state lists no additional service information at all, so the qualification engine "
                             "applies the qualifier"
                           : kNotApplicable);
    }
  }

  void report(const char* finding_id, const std::string& what, const char* consequence) {
    add_finding(out_, finding_id, Severity::kError, kRule, path_, value_,
                "contradictory qualifiers: " + what + "; " + consequence);
  }

  std::set<std::string> names_;
  std::set<std::string> asis_;
  std::string value_;
  std::string path_;
  LintFindings& out_;
};

void check_state(const TrustedList& list, std::size_t t, std::size_t v, std::optional<std::size_t> h,
                 const ServiceState& state, LintFindings& out) {
  const auto& elements = state.extensions.qualifications;
  for (std::size_t e = 0; e < elements.size(); ++e) {
    std::string path = state_path(list, t, v, h) + "/ServiceInformationExtensions/Extension/Qualifications/QualificationElement";
    if (elements.size() > 1) path += "[" + std::to_string(e + 1) + "]";
    ElementCheck(elements[e], state, std::move(path), out).run();
  }
}

}  // namespace

void check_qualifiers(const TrustedList& list, LintFindings& out) {
  for (std::size_t t = 0; t < list.tsps.size(); ++t) {
    const auto& services = list.tsps[t].services;
    for (std::size_t v = 0; v < services.size(); ++v) {
      check_state(list, t, v, std::nullopt, services[v].current, out);
      for (std::size_t h = 0; h < services[v].history.size(); ++h) check_state(list, t, v, h, services[v].history[h], out);
    }
  }
}

}  // namespace assay::tsl::lint
