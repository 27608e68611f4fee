// TS 119 612 5.2 / 5.3: the list root and its scheme information.
#include "tsl/parser.h"

#include "engine/digest.h"
#include "tsl/finding_ids.h"
#include "tsl/internal/reader.h"
#include "tsl/internal/singletons.h"
#include "tsl/namespaces.h"

namespace assay::tsl {
namespace {

using engine::Severity;
using internal::Node;
using internal::Reader;

OtherTslPointer read_pointer(Reader& reader, const Node& p) {
  OtherTslPointer out;
  out.location = reader.child_text(p, "TSLLocation", false).value_or("");
  if (out.location.empty()) {
    reader.report(finding::kPointerWithoutLocation, Severity::kError, "pointer without TSLLocation", p);
  }
  if (const Node sdis = p.child(ns::kTsl, "ServiceDigitalIdentities")) {
    for (const Node& sdi : sdis.children(ns::kTsl, "ServiceDigitalIdentity")) {
      for (const Node& id : sdi.children(ns::kTsl, "DigitalId")) {
        if (const Node cert = id.child(ns::kTsl, "X509Certificate")) {
          if (auto der = reader.base64(cert)) out.signer_certificates_der.push_back(std::move(*der));
        } else if (const Node subject = id.child(ns::kTsl, "X509SubjectName")) {
          out.signer_subject_names.push_back(subject.trimmed_text());
        }
      }
    }
  }
  if (out.signer_certificates_der.empty()) {
    reader.report(finding::kPointerWithoutCertificates, Severity::kError,
                  "pointer to " + out.location + " announces no signer certificate", p);
  }
  if (const Node info = p.child(ns::kTsl, "AdditionalInformation")) {
    for (const Node& other : info.children(ns::kTsl, "OtherInformation")) {
      const Node v = other.first_child_element();
      if (!v) continue;
      if (v.is(ns::kTsl, "TSLType")) {
        out.tsl_type = v.trimmed_text();
      } else if (v.is(ns::kTsl, "SchemeTerritory")) {
        out.territory = v.trimmed_text();
      } else if (v.local_name() == "MimeType") {
        out.mime_type = v.trimmed_text();
      } else if (v.is(ns::kTsl, "SchemeOperatorName")) {
        out.operator_names = reader.multilang(v, "Name");
      } else if (v.is(ns::kTsl, "SchemeTypeCommunityRules")) {
        out.community_rules = reader.uris(v);
      }
    }
  }
  return out;
}

void read_scheme(Reader& reader, const Node& si, SchemeInformation& s) {
  if (const Node v = si.child(ns::kTsl, "TSLVersionIdentifier")) {
    s.version = static_cast<int>(reader.number(v).value_or(0));
    if (s.version != 5 && s.version != 6) {
      reader.report(finding::kUnsupportedVersion, Severity::kError,
                    "TSLVersionIdentifier " + v.trimmed_text() + " is not supported (5 or 6)", v);
    }
  } else {
    reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element TSLVersionIdentifier",
                  si.path() + "/TSLVersionIdentifier");
  }
  if (const Node v = si.child(ns::kTsl, "TSLSequenceNumber")) {
    s.sequence_number = reader.number(v).value_or(0);
  } else {
    reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element TSLSequenceNumber",
                  si.path() + "/TSLSequenceNumber");
  }
  s.tsl_type = reader.child_text(si, "TSLType", true).value_or("");
  if (!s.tsl_type.empty() && !s.tsl_type.starts_with("http://uri.etsi.org/TrstSvc/TrustedList/TSLType/")) {
    reader.report(finding::kUnknownTslType, Severity::kWarning, "TSLType '" + s.tsl_type + "' is not an ETSI type",
                  si.child(ns::kTsl, "TSLType"));
  }
  s.operator_name = reader.multilang_in(si, "SchemeOperatorName", "Name");
  if (s.operator_name.empty()) {
    reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element SchemeOperatorName",
                  si.path() + "/SchemeOperatorName");
  }
  // TS 119 612 5.3: these are mandatory in every list; a missing one is reported, never fatal.
  for (const char* name : {"SchemeOperatorAddress", "SchemeName", "SchemeInformationURI", "SchemeTypeCommunityRules",
                           "PolicyOrLegalNotice", "HistoricalInformationPeriod"}) {
    if (!si.child(ns::kTsl, name)) {
      reader.report(finding::kMissingElement, Severity::kError, std::string("missing mandatory element ") + name,
                    si.path() + "/" + name);
    }
  }
  s.operator_address = reader.address(si.child(ns::kTsl, "SchemeOperatorAddress"));
  s.scheme_name = reader.multilang_in(si, "SchemeName", "Name");
  s.scheme_information_uris = reader.multilang_in(si, "SchemeInformationURI", "URI");
  s.status_determination_approach = reader.child_text(si, "StatusDeterminationApproach", true).value_or("");
  s.scheme_type_community_rules = reader.multilang_in(si, "SchemeTypeCommunityRules", "URI");
  s.territory = reader.child_text(si, "SchemeTerritory", true).value_or("");
  if (const Node notice = si.child(ns::kTsl, "PolicyOrLegalNotice")) {
    s.policy_or_legal_notice = reader.multilang(notice, "TSLLegalNotice");
  }
  if (const Node v = si.child(ns::kTsl, "HistoricalInformationPeriod")) s.historical_information_period = reader.number(v);
  if (const Node pointers = si.child(ns::kTsl, "PointersToOtherTSL")) {
    for (const Node& p : pointers.children(ns::kTsl, "OtherTSLPointer")) s.pointers.push_back(read_pointer(reader, p));
  }
  if (const Node v = si.child(ns::kTsl, "ListIssueDateTime")) {
    s.issue_date_time = reader.date(v);
  } else {
    reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element ListIssueDateTime",
                  si.path() + "/ListIssueDateTime");
  }
  if (const Node next = si.child(ns::kTsl, "NextUpdate")) {
    // An empty NextUpdate (no dateTime child) is how a closed list is written.
    if (const Node dt = next.child(ns::kTsl, "dateTime")) s.next_update = reader.date(dt);
  } else {
    reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element NextUpdate",
                  si.path() + "/NextUpdate");
  }
  s.distribution_points = reader.uris(si.child(ns::kTsl, "DistributionPoints"));
}

}  // namespace

engine::Result<std::shared_ptr<const TrustedList>> parse_trusted_list(std::string_view bytes,
                                                                      const ParseOptions& options) {
  auto doc = engine::xml::Document::parse(bytes, options.limits);
  if (!doc) return std::unexpected(doc.error());
  return build_trusted_list(**doc, bytes);
}

engine::Result<std::shared_ptr<const TrustedList>> build_trusted_list(const engine::xml::Document& document,
                                                                      std::string_view bytes) {
  const Node root = document.root();
  if (!root.is(ns::kTsl, "TrustServiceStatusList")) {
    return engine::fail(engine::Code::kMalformed,
                        "root element is {" + std::string(root.namespace_uri()) + "}" + std::string(root.local_name()) +
                            ", not a trusted list ({" + std::string(ns::kTsl) + "}TrustServiceStatusList)");
  }
  auto list = std::make_shared<TrustedList>();
  list->sha256 = engine::sha256_hex(bytes);
  list->byte_size = bytes.size();
  list->root_id = root.attribute("Id").value_or("");
  Reader reader(list->findings);
  list->ambiguous_elements = internal::check_singletons(reader, root);
  list->scheme.tsl_tag = root.attribute("TSLTag").value_or("");
  if (list->scheme.tsl_tag.empty()) {
    reader.report(finding::kMissingTslTag, Severity::kError, "root has no TSLTag attribute", root);
  }
  const Node si = root.child(ns::kTsl, "SchemeInformation");
  if (!si) {
    reader.report(finding::kMissingElement, Severity::kError, "missing mandatory element SchemeInformation",
                  root.path() + "/SchemeInformation");
  } else {
    read_scheme(reader, si, list->scheme);
  }
  list->tsps = internal::read_providers(reader, root.child(ns::kTsl, "TrustServiceProviderList"));
  return std::shared_ptr<const TrustedList>(std::move(list));
}

}  // namespace assay::tsl
