// The time-stamps of a XAdES signature and the bytes each one's message imprint covers
// (EN 319 132-1 5.2.8 content time-stamps, 5.3 SignatureTimeStamp, 5.5.2 ArchiveTimeStamp;
// TS 101 903 v1.3.2 7.5 SigAndRefsTimeStamp / RefsOnlyTimeStamp for the X forms).
//
// The imprint input is computed here because only the format knows it; validate_timestamp
// (validation/signature/timestamp_validation.h) then checks the token against these bytes.
#include <algorithm>

#include "engine/base64.h"
#include "validation/xades/internal/xades_parts.h"
#include "validation/xades/xades_findings.h"

namespace assay::validation::xades::internal {
namespace {

using engine::xml::Node;
using Kind = EmbeddedTimestamp::Kind;

bool is_signed_properties_reference(const engine::xmldsig::GeneralReference& r) {
  return r.target == engine::xmldsig::ReferenceTarget::kElement && r.element.is(kXades132, "SignedProperties");
}

class Collector {
 public:
  Collector(const engine::xml::Document& document, const engine::xmldsig::GeneralSignature& signature,
            SignatureUnderValidation& out)
      : document_(document), signature_(signature), out_(out) {}

  // One XAdESTimeStampType element: every EncapsulatedTimeStamp becomes one EmbeddedTimestamp
  // covering `covered` (built lazily by `cover`, with the element's CanonicalizationMethod).
  template <class Cover>
  void add(Node element, Kind kind, Cover cover) {
    std::string c14n;
    if (Node m = element.child(kDsig, "CanonicalizationMethod")) c14n = m.attribute("Algorithm").value_or("");
    std::string covered;
    engine::Findings findings;
    if (!cover(c14n, covered)) {
      findings.push_back({std::string(finding::kTimestampUnreadable), engine::Severity::kError,
                          "the bytes this time-stamp covers cannot be computed", element.path()});
    }
    bool any = false;
    for (Node child : element.child_elements()) {
      if (child.local_name() == "XMLTimeStamp") {
        out_.format_check.findings.push_back({std::string(finding::kTimestampUnsupported), engine::Severity::kWarning,
                                              "XML time-stamps are not supported", child.path()});
      }
      if (child.local_name() != "EncapsulatedTimeStamp") continue;
      any = true;
      EmbeddedTimestamp ts;
      ts.kind = kind;
      ts.id = element.attribute("Id").value_or("");
      ts.covered_bytes = covered;
      ts.findings = findings;
      if (auto der = engine::base64_decode(child.text()); der && !der->empty()) {
        ts.token_der = std::move(*der);
      } else {
        ts.findings.push_back({std::string(finding::kTimestampUnreadable), engine::Severity::kError,
                               "EncapsulatedTimeStamp is not base64", child.path()});
      }
      out_.timestamps.push_back(std::move(ts));
    }
    if (!any) {
      out_.format_check.findings.push_back({std::string(finding::kTimestampUnreadable), engine::Severity::kWarning,
                                            "a time-stamp property holds no EncapsulatedTimeStamp", element.path()});
    }
  }

  bool c14n(Node element, const std::string& method, std::string& into) const {
    if (!element) return true;
    auto bytes = engine::xmldsig::canonicalize_element(document_, element, method);
    if (!bytes) return false;
    into += *bytes;
    return true;
  }

  // EN 319 132-1 5.2.8.1: the referenced data objects, in SignedInfo order, SignedProperties
  // excluded (IndividualDataObjectsTimeStamp: only the references its Includes name).
  bool data_objects(Node include_parent, std::string& into) const {
    std::vector<std::string> included;
    if (include_parent) {
      for (Node inc : include_parent.children(kXades132, "Include")) {
        std::string uri = inc.attribute("URI").value_or("");
        if (uri.starts_with("#")) included.push_back(uri.substr(1));
      }
    }
    for (const auto& r : signature_.references) {
      if (is_signed_properties_reference(r)) continue;
      if (include_parent && std::find(included.begin(), included.end(), r.id) == included.end()) continue;
      if (!r.found) return false;
      into += r.octets;
    }
    return true;
  }

  // EN 319 132-1 5.5.2.2 (also used for the TS 101 903 v1.4.1 xadesv141:ArchiveTimeStamp):
  // references' data, SignedInfo, SignatureValue, KeyInfo, the unsigned signature properties
  // before this time-stamp, and the ds:Objects other than the one with QualifyingProperties.
  bool archive(Node usp, Node self, const std::string& method, std::string& into) const {
    for (const auto& r : signature_.references) {
      if (!r.found) return false;
      into += r.octets;
    }
    if (!c14n(signature_.signed_info, method, into) || !c14n(signature_.signature_value_element, method, into) ||
        !c14n(signature_.key_info, method, into)) {
      return false;
    }
    for (Node p : usp.child_elements()) {
      if (p.raw() == self.raw()) break;
      if (!c14n(p, method, into)) return false;
    }
    for (Node object : signature_.objects) {
      if (object.child(kXades132, "QualifyingProperties")) continue;
      if (!c14n(object, method, into)) return false;
    }
    return true;
  }

 private:
  const engine::xml::Document& document_;
  const engine::xmldsig::GeneralSignature& signature_;
  SignatureUnderValidation& out_;
};

bool is_ref_property(std::string_view local) {
  return local == "CompleteCertificateRefs" || local == "CompleteCertificateRefsV2" ||
         local == "CompleteRevocationRefs" || local == "AttributeCertificateRefs" ||
         local == "AttributeCertificateRefsV2" || local == "AttributeRevocationRefs";
}

}  // namespace

void read_timestamps(const engine::xml::Document& document, const engine::xmldsig::GeneralSignature& signature,
                     const QualifyingParts& parts, SignatureUnderValidation& out) {
  Collector collect(document, signature, out);
  if (Node sdop = parts.signed_data_object_properties) {
    for (Node ts : sdop.children(kXades132, "AllDataObjectsTimeStamp")) {
      collect.add(ts, Kind::kContent, [&](const std::string&, std::string& into) {
        return collect.data_objects(Node(), into);
      });
    }
    for (Node ts : sdop.children(kXades132, "IndividualDataObjectsTimeStamp")) {
      collect.add(ts, Kind::kContent, [&](const std::string&, std::string& into) {
        return collect.data_objects(ts, into);
      });
    }
  }
  Node usp = parts.unsigned_signature_properties;
  if (!usp) return;
  for (Node p : usp.child_elements()) {
    const auto local = p.local_name();
    if (local == "SignatureTimeStamp") {
      collect.add(p, Kind::kSignature, [&](const std::string& method, std::string& into) {
        return collect.c14n(signature.signature_value_element, method, into);
      });
    } else if (local == "SigAndRefsTimeStamp" || local == "SigAndRefsTimeStampV2" || local == "RefsOnlyTimeStamp" ||
               local == "RefsOnlyTimeStampV2") {
      // TS 101 903 v1.3.2 7.5.1 / 7.5.2: (SignatureValue, SignatureTimeStamps,) then the
      // certificate and revocation references, in their order in the document.
      const bool with_signature = local.starts_with("SigAndRefs");
      collect.add(p, Kind::kValidationData, [&](const std::string& method, std::string& into) {
        if (with_signature && !collect.c14n(signature.signature_value_element, method, into)) return false;
        for (Node q : usp.child_elements()) {
          const auto name = q.local_name();
          if ((with_signature && name == "SignatureTimeStamp") || is_ref_property(name)) {
            if (!collect.c14n(q, method, into)) return false;
          }
        }
        return true;
      });
    } else if (local == "ArchiveTimeStamp") {
      collect.add(p, Kind::kArchive, [&](const std::string& method, std::string& into) {
        return collect.archive(usp, p, method, into);
      });
    }
  }
}

}  // namespace assay::validation::xades::internal
