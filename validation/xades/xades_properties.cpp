// EN 319 132-1 5.2 (signed properties), 5.3-5.5 (unsigned), 6 (levels); TS 101 903 v1.3.2 and
// v1.4.1 for the older forms.
#include <algorithm>

#include "engine/base64.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "validation/xades/internal/xades_parts.h"
#include "validation/xades/xades_findings.h"

namespace assay::validation::xades::internal {
namespace {

using engine::xml::Node;

void add(engine::Findings& findings, std::string_view id, std::string message, Node where,
         engine::Severity severity = engine::Severity::kError) {
  findings.push_back(engine::Finding{std::string(id), severity, std::move(message), where ? where.path() : ""});
}

// The child in the XAdES 1.3.2 namespace, or else in the 1.4.1 one (V2 elements and
// TimeStampValidationData / ArchiveTimeStamp live there in the older specification).
Node xchild(Node parent, std::string_view local) {
  if (!parent) return {};
  if (Node n = parent.child(kXades132, local)) return n;
  return parent.child(kXades141, local);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

void read_cert_references(Node property, std::vector<CertReference>& out) {
  for (Node cert : property.children(kXades132, "Cert")) {
    CertReference ref;
    if (Node digest = cert.child(kXades132, "CertDigest")) {
      if (Node m = digest.child(kDsig, "DigestMethod")) ref.digest_method = m.attribute("Algorithm").value_or("");
      if (Node v = digest.child(kDsig, "DigestValue")) ref.digest = engine::base64_decode(v.text()).value_or("");
    }
    if (Node serial = cert.child(kXades132, "IssuerSerial")) {
      if (Node n = serial.child(kDsig, "X509IssuerName")) ref.issuer_name = n.trimmed_text();
      if (Node n = serial.child(kDsig, "X509SerialNumber")) ref.serial_decimal = n.trimmed_text();
    }
    if (Node v2 = cert.child(kXades132, "IssuerSerialV2")) {
      ref.issuer_serial_v2 = engine::base64_decode(v2.text()).value_or("");
    }
    out.push_back(std::move(ref));
  }
}

// Decimal text of an unsigned big-endian hex number (X509SerialNumber is an xs:integer).
std::string hex_to_decimal(std::string_view hex) {
  std::vector<int> digits{0};  // little-endian decimal digits
  for (const char c : hex) {
    const int v = engine::hex_digit_value(c);
    if (v < 0) return {};
    int carry = v;
    for (int& d : digits) {
      const int x = d * 16 + carry;
      d = x % 10;
      carry = x / 10;
    }
    while (carry > 0) {
      digits.push_back(carry % 10);
      carry /= 10;
    }
  }
  std::string out;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += static_cast<char>('0' + *it);
  return out;
}

}  // namespace

QualifyingParts find_qualifying_properties(const engine::xmldsig::GeneralSignature& signature,
                                           engine::Findings& findings) {
  QualifyingParts parts;
  for (Node object : signature.objects) {
    for (Node qp : object.children(kXades132, "QualifyingProperties")) {
      if (parts.qualifying_properties) {
        add(findings, finding::kQualifyingPropertiesMultiple, "more than one xades:QualifyingProperties", qp);
        continue;
      }
      parts.qualifying_properties = qp;
    }
  }
  Node qp = parts.qualifying_properties;
  if (!qp) return parts;
  // EN 319 132-1 4.3: Target references the Signature's Id.
  const std::string target = qp.attribute("Target").value_or("");
  if (signature.id.empty() || target != "#" + signature.id) {
    add(findings, finding::kQualifyingPropertiesTarget,
        "QualifyingProperties Target '" + target + "' does not name this signature", qp, engine::Severity::kWarning);
  }
  parts.signed_properties = qp.child(kXades132, "SignedProperties");
  if (parts.signed_properties) {
    parts.signed_signature_properties = parts.signed_properties.child(kXades132, "SignedSignatureProperties");
    parts.signed_data_object_properties = parts.signed_properties.child(kXades132, "SignedDataObjectProperties");
  }
  if (Node unsigned_properties = qp.child(kXades132, "UnsignedProperties")) {
    parts.unsigned_signature_properties = unsigned_properties.child(kXades132, "UnsignedSignatureProperties");
  }
  return parts;
}

void read_signed_properties(const QualifyingParts& parts, SignedAttributes& a, std::vector<CertReference>& references,
                            engine::Findings& findings) {
  Node ssp = parts.signed_signature_properties;
  if (ssp) {
    if (Node t = ssp.child(kXades132, "SigningTime")) {
      auto time = engine::parse_utc_time(t.trimmed_text());
      if (time) {
        a.signing_time = *time;
      } else {
        add(findings, finding::kSigningTimeMalformed, "SigningTime is not an xs:dateTime", t);
      }
    }
    Node v2 = ssp.child(kXades132, "SigningCertificateV2");
    Node v1 = ssp.child(kXades132, "SigningCertificate");
    if (v1 && v2) add(findings, finding::kSigningCertificateMultiple, "both SigningCertificate and V2", v2);
    if (v2 || v1) read_cert_references(v2 ? v2 : v1, references);
    a.signing_certificate_reference_present = !references.empty();
    if (!references.empty()) a.signing_certificate_digest_algorithm = references.front().digest_method;

    if (Node policy = ssp.child(kXades132, "SignaturePolicyIdentifier")) {
      if (policy.child(kXades132, "SignaturePolicyImplied")) {
        a.signature_policy_id = "implied";
      } else if (Node id = policy.child(kXades132, "SignaturePolicyId")) {
        if (Node sig_id = id.child(kXades132, "SigPolicyId")) {
          if (Node ident = sig_id.child(kXades132, "Identifier")) a.signature_policy_id = ident.trimmed_text();
        }
      }
    }
    for (std::string_view name : {"SignerRoleV2", "SignerRole"}) {
      Node role = ssp.child(kXades132, name);
      if (!role) continue;
      if (Node claimed = role.child(kXades132, "ClaimedRoles")) {
        for (Node r : claimed.children(kXades132, "ClaimedRole")) a.claimed_roles.push_back(r.trimmed_text());
      }
      break;
    }
    for (std::string_view name : {"SignatureProductionPlaceV2", "SignatureProductionPlace"}) {
      Node place = ssp.child(kXades132, name);
      if (!place) continue;
      std::vector<std::string> fields;
      for (std::string_view f : {"StreetAddress", "City", "StateOrProvince", "PostalCode", "CountryName"}) {
        if (Node n = place.child(kXades132, f)) fields.push_back(n.trimmed_text());
      }
      a.production_place = joined(fields);
      break;
    }
  }
  if (Node sdop = parts.signed_data_object_properties) {
    for (Node dof : sdop.children(kXades132, "DataObjectFormat")) {
      if (Node mime = dof.child(kXades132, "MimeType")) a.data_object_formats.push_back(mime.trimmed_text());
    }
    for (Node cti : sdop.children(kXades132, "CommitmentTypeIndication")) {
      if (Node id = cti.child(kXades132, "CommitmentTypeId")) {
        if (Node ident = id.child(kXades132, "Identifier")) a.commitment_types.push_back(ident.trimmed_text());
      }
    }
  }
}

bool digest_matches(const CertReference& reference, const engine::Certificate& certificate) {
  if (reference.digest.empty()) return false;
  auto digest = engine::xmldsig::digest_with(reference.digest_method, certificate.der());
  return digest && *digest == reference.digest;
}

std::optional<bool> issuer_serial_matches(const CertReference& reference, const engine::Certificate& certificate) {
  if (!reference.issuer_serial_v2.empty()) {
    // IssuerSerial (RFC 5035): SEQUENCE { GeneralNames (directoryName = the issuer Name), serial
    // INTEGER }. The serial TLV closes the structure, and the issuer Name DER appears inside it.
    const std::string& der = reference.issuer_serial_v2;
    return der.ends_with(certificate.serial_der()) && der.find(certificate.issuer().der) != std::string::npos;
  }
  if (!reference.serial_decimal.empty()) {
    // XAdES v1 IssuerSerial: the serial is compared exactly; X509IssuerName is an RFC 2253 string
    // whose spelling varies between producers, so each issuer attribute value must appear in it.
    if (hex_to_decimal(certificate.serial_hex()) != reference.serial_decimal) return false;
    return std::all_of(certificate.issuer().attributes.begin(), certificate.issuer().attributes.end(),
                       [&](const auto& attribute) { return reference.issuer_name.find(attribute.value) != std::string::npos; });
  }
  return std::nullopt;
}

void read_validation_data(const QualifyingParts& parts, SignatureUnderValidation& out) {
  Node usp = parts.unsigned_signature_properties;
  if (!usp) return;
  const auto add_certificates = [&](Node values) {
    if (!values) return;
    for (Node c : values.children(kXades132, "EncapsulatedX509Certificate")) {
      auto der = engine::base64_decode(c.text());
      auto certificate = der ? engine::Certificate::parse_der(*der) : engine::Result<engine::CertificatePtr>();
      if (der && certificate) {
        out.certificates.push_back(*certificate);
      } else {
        add(out.format_check.findings, finding::kCertificateUnreadable, "an embedded certificate is unreadable", c,
            engine::Severity::kWarning);
      }
    }
  };
  const auto add_revocation = [&](Node values) {
    if (!values) return;
    const auto collect = [&](Node list, std::string_view item, std::vector<std::string>& into) {
      if (!list) return;
      for (Node v : list.children(kXades132, item)) {
        if (auto der = engine::base64_decode(v.text()); der && !der->empty()) {
          into.push_back(std::move(*der));
        } else {
          add(out.format_check.findings, finding::kEncapsulatedValueUnreadable, "an embedded revocation value is not base64",
              v, engine::Severity::kWarning);
        }
      }
    };
    collect(values.child(kXades132, "CRLValues"), "EncapsulatedCRLValue", out.crls);
    collect(values.child(kXades132, "OCSPValues"), "EncapsulatedOCSPValue", out.ocsp_responses);
  };
  for (Node p : usp.child_elements()) {
    const auto local = p.local_name();
    if (local == "CertificateValues" || local == "AttrAuthoritiesCertValues") add_certificates(p);
    if (local == "RevocationValues" || local == "AttributeRevocationValues") add_revocation(p);
    if (local == "TimeStampValidationData") {
      add_certificates(xchild(p, "CertificateValues"));
      add_revocation(xchild(p, "RevocationValues"));
    }
  }
}

std::string detect_level(const QualifyingParts& parts, const SignatureUnderValidation& s) {
  if (!parts.signed_properties) return "XML-DSig";
  bool t = false, c = false, x = false, values = false, archive = false;
  if (Node usp = parts.unsigned_signature_properties) {
    for (Node p : usp.child_elements()) {
      const auto local = p.local_name();
      t = t || local == "SignatureTimeStamp";
      c = c || local == "CompleteCertificateRefs" || local == "CompleteCertificateRefsV2";
      x = x || local == "SigAndRefsTimeStamp" || local == "SigAndRefsTimeStampV2" || local == "RefsOnlyTimeStamp" ||
          local == "RefsOnlyTimeStampV2";
      values = values || local == "CertificateValues" || local == "RevocationValues";
      archive = archive || local == "ArchiveTimeStamp";
    }
  }
  // EN 319 132-1 6.3: B-B needs SigningCertificateV2 (or v1) and SigningTime; the baseline
  // levels build on each other. Legacy C/X references make the TS 101 903 forms instead.
  const bool b = s.attributes.signing_certificate_reference_present && s.attributes.signing_time.has_value();
  if (b && !c && !x) {
    if (archive && values && t) return "XAdES-BASELINE-LTA";
    if (values && t) return "XAdES-BASELINE-LT";
    if (t) return "XAdES-BASELINE-T";
    if (!archive && !values) return "XAdES-BASELINE-B";
  }
  if (archive) return "XAdES-A";
  if (x && values) return "XAdES-X-L";
  if (x) return "XAdES-X";
  if (c) return "XAdES-C";
  if (t) return "XAdES-T";
  return s.attributes.signature_policy_id.empty() || s.attributes.signature_policy_id == "implied" ? "XAdES-BES"
                                                                                                   : "XAdES-EPES";
}

}  // namespace assay::validation::xades::internal
