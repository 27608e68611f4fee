// TS 119 612 5.1.4: multilingual values carry an xml:lang that is a language tag (RFC 5646 /
// BCP 47; the EU profile uses ISO 639-1 codes). We accept the BCP 47 shape: a 2-3 letter primary
// language, then optional '-' subtags of 1-8 letters or digits.
#include <cctype>

#include "tsl/lint/lint_ids.h"
#include "tsl/lint/rules.h"

namespace assay::tsl::lint {
namespace {

bool is_language_tag(std::string_view tag) {
  std::size_t i = 0;
  while (i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i]))) ++i;
  if (i < 2 || i > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) ++i;
    if (i == start || i - start > 8) return false;
  }
  return true;
}

class LanguageChecker {
 public:
  explicit LanguageChecker(LintFindings& out) : out_(out) {}

  void check(const MultiLangString& values, const std::string& path) {
    for (const auto& v : values) check_tag(v.lang, path);
  }
  void check(const Address& address, const std::string& path) {
    for (const auto& p : address.postal) check_tag(p.lang, path + "/PostalAddresses/PostalAddress");
    check(address.electronic, path + "/ElectronicAddress/URI");
  }

 private:
  void check_tag(const std::string& lang, const std::string& path) {
    if (is_language_tag(lang)) return;
    add_finding(out_, id::kBadLanguageTag, engine::Severity::kError, "TS 119 612 5.1.4", path + "/@xml:lang", lang,
                lang.empty() ? "value without xml:lang" : "xml:lang '" + lang + "' is not a language tag");
  }

  LintFindings& out_;
};

}  // namespace

void check_languages(const TrustedList& list, LintFindings& out) {
  LanguageChecker c(out);
  const auto& s = list.scheme;
  c.check(s.operator_name, scheme_path("SchemeOperatorName/Name"));
  c.check(s.operator_address, scheme_path("SchemeOperatorAddress"));
  c.check(s.scheme_name, scheme_path("SchemeName/Name"));
  c.check(s.scheme_information_uris, scheme_path("SchemeInformationURI/URI"));
  c.check(s.scheme_type_community_rules, scheme_path("SchemeTypeCommunityRules/URI"));
  c.check(s.policy_or_legal_notice, scheme_path("PolicyOrLegalNotice/TSLLegalNotice"));
  for (std::size_t p = 0; p < s.pointers.size(); ++p) {
    c.check(s.pointers[p].operator_names, scheme_path("PointersToOtherTSL/OtherTSLPointer") +
                                              (s.pointers.size() > 1 ? "[" + std::to_string(p + 1) + "]" : "") +
                                              "/AdditionalInformation/OtherInformation/SchemeOperatorName/Name");
  }
  for (std::size_t t = 0; t < list.tsps.size(); ++t) {
    const auto& tsp = list.tsps[t];
    const std::string info = tsp_path(list, t) + "/TSPInformation";
    c.check(tsp.names, info + "/TSPName/Name");
    c.check(tsp.trade_names, info + "/TSPTradeName/Name");
    c.check(tsp.address, info + "/TSPAddress");
    c.check(tsp.information_uris, info + "/TSPInformationURI/URI");
    for (std::size_t v = 0; v < tsp.services.size(); ++v) {
      const auto& service = tsp.services[v];
      const std::string current = state_path(list, t, v, std::nullopt);
      c.check(service.current.names, current + "/ServiceName/Name");
      c.check(service.definition_uris, current + "/TSPServiceDefinitionURI/URI");
      c.check(service.scheme_service_definition_uris, current + "/SchemeServiceDefinitionURI/URI");
      for (std::size_t h = 0; h < service.history.size(); ++h) {
        c.check(service.history[h].names, state_path(list, t, v, h) + "/ServiceName/Name");
      }
    }
  }
}

}  // namespace assay::tsl::lint
