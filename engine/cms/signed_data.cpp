#include "engine/cms/signed_data.h"

#include <algorithm>

#include "engine/cms/cms_findings.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/internal/extensions.h"
#include "engine/x509/internal/signature_check.h"
#include "engine/x509/ocsp_response.h"

namespace assay::engine::cms {
namespace {

using x509_internal::parse_signature_algorithm;

constexpr std::string_view kOidRsaEncryption = "1.2.840.113549.1.1.1";

std::unexpected<Error> malformed(std::string what) { return fail(Code::kMalformed, "CMS SignedData: " + std::move(what)); }

Finding finding(std::string_view id, std::string message, Severity severity = Severity::kError) {
  return Finding{std::string(id), severity, std::move(message), "SignerInfo"};
}

std::optional<std::string> algorithm_oid(std::string_view algorithm_identifier_contents) {
  der::Reader r(algorithm_identifier_contents);
  der::Tlv oid;
  if (!r.read(der::kOid, oid)) return std::nullopt;
  return der::oid_text(oid.value);
}

// X.690 11.6: the encodings of a DER SET OF are in ascending order, compared as octet strings
// with the shorter one padded with trailing zero octets.
bool der_set_order(std::string_view set_contents) {
  der::Reader r(set_contents);
  std::string_view previous;
  der::Tlv t;
  while (!r.empty()) {
    if (!r.next(t)) return false;
    std::string a(previous), b(t.whole);
    const std::size_t n = std::max(a.size(), b.size());
    a.resize(n, '\0');
    b.resize(n, '\0');
    if (b < a) return false;
    previous = t.whole;
  }
  return true;
}

// The signed attributes SET re-encoded in DER order (X.690 11.6), for producers that signed the
// DER form but transmitted another order (RFC 5652 5.4 signs the DER encoding).
std::optional<std::string> der_sorted_set(std::string_view set_der) {
  auto set = der::read_single(set_der, der::kSet);
  if (!set) return std::nullopt;
  std::vector<std::string> items;
  der::Reader r(set->value);
  der::Tlv t;
  while (!r.empty()) {
    if (!r.next(t)) return std::nullopt;
    items.emplace_back(t.whole);
  }
  std::sort(items.begin(), items.end(), [](std::string a, std::string b) {
    const std::size_t n = std::max(a.size(), b.size());
    a.resize(n, '\0');
    b.resize(n, '\0');
    return a < b;
  });
  std::string contents;
  for (const auto& i : items) contents += i;
  return der::tlv(der::kSet, contents);
}

bool strict_der(std::string_view data, int depth) {
  if (depth > 32) return false;
  const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t pos = 0;
  while (pos < data.size()) {
    if (data.size() - pos < 2) return false;
    const std::uint8_t tag = p[pos];
    if ((tag & 0x1f) == 0x1f) return false;
    std::size_t length = p[pos + 1];
    std::size_t header = 2;
    if (length & 0x80) {
      const std::size_t n = length & 0x7f;
      if (n == 0 || n > 4 || data.size() - pos < 2 + n) return false;  // 0x80: BER indefinite form
      if (p[pos + 2] == 0) return false;                                // leading zero length octet
      length = 0;
      for (std::size_t i = 0; i < n; ++i) length = (length << 8) | p[pos + 2 + i];
      if (length < 0x80) return false;  // the short form was required
      header += n;
    }
    if (length > data.size() - pos - header) return false;
    const std::string_view value = data.substr(pos + header, length);
    if (tag == der::kBoolean && (length != 1 || (p[pos + header] != 0 && p[pos + header] != 0xff))) return false;
    if (tag == der::kInteger) {
      if (length == 0) return false;
      if (length > 1 && ((p[pos + header] == 0 && !(p[pos + header + 1] & 0x80)) ||
                         (p[pos + header] == 0xff && (p[pos + header + 1] & 0x80)))) {
        return false;
      }
    }
    if ((tag & 0x20) && !strict_der(value, depth + 1)) return false;
    pos += header + length;
  }
  return true;
}

Result<std::vector<Attribute>> parse_attributes(std::string_view set_contents, const CmsLimits& limits) {
  std::vector<Attribute> out;
  der::Reader r(set_contents);
  der::Tlv attribute;
  while (!r.empty()) {
    if (!r.read(der::kSequence, attribute)) return malformed("malformed Attribute");
    if (out.size() >= limits.max_attributes) return fail(Code::kResourceExhausted, "CMS SignedData: too many attributes");
    der::Reader ar(attribute.value);
    der::Tlv oid, values;
    if (!ar.read(der::kOid, oid) || !ar.read(der::kSet, values) || !ar.empty()) return malformed("malformed Attribute");
    auto text = der::oid_text(oid.value);
    if (!text) return malformed("malformed attribute type");
    Attribute a{*text, {}};
    der::Reader vr(values.value);
    der::Tlv v;
    while (!vr.empty()) {
      if (!vr.next(v)) return malformed("malformed attribute value in " + *text);
      a.values.emplace_back(v.whole);
    }
    if (a.values.empty()) return malformed("attribute " + *text + " without a value");
    out.push_back(std::move(a));
  }
  return out;
}

// RFC 5652 5.3: the signatureAlgorithm of a SignerInfo may be rsaEncryption (the digest being the
// SignerInfo's digestAlgorithm); the verifier needs the combined sha*WithRSAEncryption.
std::optional<SignatureAlgorithm> effective_signature_algorithm(std::string_view algorithm_identifier,
                                                                std::string_view digest_oid) {
  auto seq = der::read_single(algorithm_identifier, der::kSequence);
  if (!seq) return std::nullopt;
  auto oid = algorithm_oid(seq->value);
  if (!oid) return std::nullopt;
  if (*oid != kOidRsaEncryption) return parse_signature_algorithm(algorithm_identifier);
  static constexpr std::pair<std::string_view, std::string_view> kPkcs1[] = {
      {"1.3.14.3.2.26", "1.2.840.113549.1.1.5"},          {"2.16.840.1.101.3.4.2.4", "1.2.840.113549.1.1.14"},
      {"2.16.840.1.101.3.4.2.1", "1.2.840.113549.1.1.11"}, {"2.16.840.1.101.3.4.2.2", "1.2.840.113549.1.1.12"},
      {"2.16.840.1.101.3.4.2.3", "1.2.840.113549.1.1.13"}};
  for (const auto& [digest, combined] : kPkcs1) {
    if (digest == digest_oid) {
      auto combined_oid = der::oid(combined);
      if (!combined_oid) return std::nullopt;
      return parse_signature_algorithm(der::sequence({*combined_oid, der::null()}));
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view digest_name_for_oid(std::string_view oid) noexcept {
  if (oid == "1.3.14.3.2.26") return "SHA-1";
  if (oid == "2.16.840.1.101.3.4.2.4") return "SHA-224";
  if (oid == "2.16.840.1.101.3.4.2.1") return "SHA-256";
  if (oid == "2.16.840.1.101.3.4.2.2") return "SHA-384";
  if (oid == "2.16.840.1.101.3.4.2.3") return "SHA-512";
  return "";
}

std::string_view digest_oid_for_name(std::string_view name) noexcept {
  if (name == "SHA-1") return "1.3.14.3.2.26";
  if (name == "SHA-224") return "2.16.840.1.101.3.4.2.4";
  if (name == "SHA-256") return "2.16.840.1.101.3.4.2.1";
  if (name == "SHA-384") return "2.16.840.1.101.3.4.2.2";
  if (name == "SHA-512") return "2.16.840.1.101.3.4.2.3";
  return "";
}

bool is_strict_der(std::string_view der) {
  der::Reader r(der);
  der::Tlv t;
  if (!r.next(t) || !r.empty()) return false;
  return strict_der(der, 0);
}

bool SignerIdentifier::matches(const Certificate& certificate) const {
  if (kind == Kind::kSubjectKeyIdentifier) return certificate.subject_key_id() && *certificate.subject_key_id() == key_id;
  auto cert_serial = der::read_single(certificate.serial_der(), der::kInteger);
  if (!cert_serial || cert_serial->value != serial) return false;
  auto name = parse_distinguished_name(issuer_der);
  return name && equivalent_names(*name, certificate.issuer());
}

const Attribute* SignerInfo::find_signed(std::string_view oid) const {
  auto it = std::find_if(signed_attributes.begin(), signed_attributes.end(), [&](const Attribute& a) { return a.oid == oid; });
  return it == signed_attributes.end() ? nullptr : &*it;
}

const Attribute* SignerInfo::find_unsigned(std::string_view oid) const {
  auto it =
      std::find_if(unsigned_attributes.begin(), unsigned_attributes.end(), [&](const Attribute& a) { return a.oid == oid; });
  return it == unsigned_attributes.end() ? nullptr : &*it;
}

struct SignedDataParser {
  static Result<SignerInfo> parse_signer(std::string_view contents, const CmsLimits& limits);
  static Result<void> parse_body(SignedData& s, std::string_view contents, const CmsLimits& limits);
};

Result<SignerInfo> SignedDataParser::parse_signer(std::string_view contents, const CmsLimits& limits) {
  SignerInfo si;
  der::Reader r(contents);
  der::Tlv version, sid, digest, attrs, sig_alg, signature, unsigned_attrs;
  if (!r.read(der::kInteger, version)) return malformed("SignerInfo without version");
  auto v = der::small_integer(version.value);
  if (!v || (*v != 1 && *v != 3)) return malformed("SignerInfo version is neither 1 nor 3");
  si.version = static_cast<int>(*v);
  if (!r.next(sid)) return malformed("SignerInfo without sid");
  if (sid.tag == der::kSequence) {
    der::Reader ir(sid.value);
    der::Tlv name, serial;
    if (!ir.read(der::kSequence, name) || !ir.read(der::kInteger, serial) || !ir.empty() || serial.value.empty()) {
      return malformed("malformed IssuerAndSerialNumber");
    }
    si.sid.kind = SignerIdentifier::Kind::kIssuerAndSerialNumber;
    si.sid.issuer_der = std::string(name.whole);
    si.sid.serial = std::string(serial.value);
    if (si.version != 1) return malformed("SignerInfo version 3 with issuerAndSerialNumber (RFC 5652 5.3)");
  } else if (sid.tag == der::context(0)) {
    si.sid.kind = SignerIdentifier::Kind::kSubjectKeyIdentifier;
    si.sid.key_id = std::string(sid.value);
    if (si.version != 3) return malformed("SignerInfo version 1 with subjectKeyIdentifier (RFC 5652 5.3)");
  } else {
    return malformed("unknown SignerIdentifier choice");
  }
  if (!r.read(der::kSequence, digest)) return malformed("SignerInfo without digestAlgorithm");
  auto digest_oid = algorithm_oid(digest.value);
  if (!digest_oid) return malformed("malformed digestAlgorithm");
  si.digest_algorithm_oid = *digest_oid;
  si.digest_algorithm = std::string(digest_name_for_oid(*digest_oid));
  if (r.read_optional(der::context_constructed(0), attrs)) {
    si.has_signed_attributes = true;
    // RFC 5652 5.4: the signature covers the EXPLICIT SET OF tag, not the [0] IMPLICIT one.
    si.signed_attributes_der = std::string(attrs.whole);
    si.signed_attributes_der[0] = static_cast<char>(der::kSet);
    auto parsed = parse_attributes(attrs.value, limits);
    if (!parsed) return std::unexpected(parsed.error());
    si.signed_attributes = std::move(*parsed);
    if (si.signed_attributes.empty()) return malformed("empty signedAttrs (RFC 5652 5.3: SIZE (1..MAX))");
    if (!der_set_order(attrs.value) || !strict_der(attrs.value, 0)) {
      si.findings.push_back(finding(cms_findings::kSignedAttributesNotDer,
                                    "the signed attributes are not DER-encoded (RFC 5652 5.3: the SET OF must be sorted "
                                    "and minimally encoded as signed)"));
    }
  }
  if (!r.read(der::kSequence, sig_alg)) return malformed("SignerInfo without signatureAlgorithm");
  auto alg = effective_signature_algorithm(sig_alg.whole, si.digest_algorithm_oid);
  if (!alg) return malformed("malformed or unknown signatureAlgorithm");
  si.signature_algorithm = std::move(*alg);
  if (!r.read(der::kOctetString, signature)) return malformed("SignerInfo without signature");
  si.signature = std::string(signature.value);
  si.signed_fields_der = std::string(contents.substr(0, static_cast<std::size_t>(signature.whole.data() - contents.data()) +
                                                            signature.whole.size()));
  if (r.read_optional(der::context_constructed(1), unsigned_attrs)) {
    auto parsed = parse_attributes(unsigned_attrs.value, limits);
    if (!parsed) return std::unexpected(parsed.error());
    si.unsigned_attributes = std::move(*parsed);
  }
  if (!r.empty() || !r.ok()) return malformed("trailing data in SignerInfo");
  return si;
}

Result<void> SignedDataParser::parse_body(SignedData& s, std::string_view contents, const CmsLimits& limits) {
  der::Reader r(contents);
  der::Tlv version, digests, encap, t;
  if (!r.read(der::kInteger, version)) return malformed("no version");
  auto v = der::small_integer(version.value);
  if (!v || *v > 5) return malformed("bad CMSVersion");
  s.version_ = static_cast<int>(*v);
  if (!r.read(der::kSet, digests)) return malformed("no digestAlgorithms");
  {
    der::Reader dr(digests.value);
    der::Tlv alg;
    while (!dr.empty()) {
      if (!dr.read(der::kSequence, alg)) return malformed("malformed digestAlgorithms");
      auto oid = algorithm_oid(alg.value);
      if (!oid) return malformed("malformed digestAlgorithms");
      s.digest_algorithms_.push_back(*oid);
    }
  }
  if (!r.read(der::kSequence, encap)) return malformed("no encapContentInfo");
  {
    der::Reader er(encap.value);
    der::Tlv type, explicit_content;
    if (!er.read(der::kOid, type)) return malformed("no eContentType");
    auto text = der::oid_text(type.value);
    if (!text) return malformed("malformed eContentType");
    s.econtent_type_ = *text;
    if (er.read_optional(der::context_constructed(0), explicit_content)) {
      // DER forbids the constructed OCTET STRING some BER encoders write here.
      auto inner = der::read_single(explicit_content.value, der::kOctetString);
      if (!inner) return malformed("eContent is not one primitive OCTET STRING");
      s.econtent_ = std::string(inner->value);
    }
    if (!er.empty() || !er.ok()) return malformed("trailing data in encapContentInfo");
  }
  if (r.read_optional(der::context_constructed(0), t)) {
    der::Reader cr(t.value);
    der::Tlv c;
    while (!cr.empty()) {
      if (!cr.next(c)) return malformed("malformed certificates");
      if (s.certificates_.size() + s.other_certificates_ >= limits.max_certificates) {
        return fail(Code::kResourceExhausted, "CMS SignedData: too many certificates");
      }
      if (c.tag != der::kSequence) {
        ++s.other_certificates_;  // attribute certificates and other formats: counted, not read
        continue;
      }
      auto cert = Certificate::parse_der(c.whole);
      if (!cert) return malformed("certificate " + std::to_string(s.certificates_.size()) + ": " + cert.error().message());
      s.certificates_.push_back(std::move(*cert));
    }
  }
  if (r.read_optional(der::context_constructed(1), t)) {
    der::Reader cr(t.value);
    der::Tlv c;
    while (!cr.empty()) {
      if (!cr.next(c)) return malformed("malformed crls");
      if (s.crls_.size() + s.other_revocation_ >= limits.max_crls) return fail(Code::kResourceExhausted, "CMS SignedData: too many crls");
      if (c.tag == der::kSequence) {
        s.crls_.emplace_back(c.whole);
      } else if (c.tag == der::context_constructed(1)) {
        ++s.other_revocation_;  // OtherRevocationInfoFormat (e.g. OCSP responses, RFC 5940)
        der::Reader orr(c.value);
        der::Tlv format, info;
        if (orr.read(der::kOid, format) && orr.next(info) && der::oid_text(format.value) == "1.3.6.1.5.5.7.16.2") {
          s.ocsp_responses_.emplace_back(info.whole);
        }
      } else {
        return malformed("unknown RevocationInfoChoice");
      }
    }
  }
  der::Tlv signers;
  if (!r.read(der::kSet, signers)) return malformed("no signerInfos");
  if (!r.empty()) return malformed("trailing data after signerInfos");
  der::Reader sr(signers.value);
  der::Tlv si;
  while (!sr.empty()) {
    if (!sr.read(der::kSequence, si)) return malformed("malformed SignerInfo");
    if (s.signers_.size() >= limits.max_signers) return fail(Code::kResourceExhausted, "CMS SignedData: too many signers");
    auto parsed = parse_signer(si.value, limits);
    if (!parsed) return std::unexpected(parsed.error());
    s.signers_.push_back(std::move(*parsed));
  }
  return {};
}

Result<SignedDataPtr> SignedData::parse_der(std::string_view bytes, const CmsLimits& limits) {
  if (bytes.size() > limits.max_bytes) return fail(Code::kResourceExhausted, "CMS SignedData larger than the limit");
  auto ci = der::read_single(bytes, der::kSequence);
  if (!ci) return malformed("not one DER SEQUENCE (truncated, trailing bytes or indefinite length)");
  der::Reader r(ci->value);
  der::Tlv type, content;
  if (!r.read(der::kOid, type)) return malformed("ContentInfo without contentType");
  if (der::oid_text(type.value) != kOidSignedData) return fail(Code::kUnsupported, "CMS ContentInfo is not SignedData");
  if (!r.read(der::context_constructed(0), content) || !r.empty()) return malformed("malformed ContentInfo content");
  auto sd = der::read_single(content.value, der::kSequence);
  if (!sd) return malformed("content is not a SEQUENCE");
  std::shared_ptr<SignedData> s(new SignedData());
  s->der_ = std::string(bytes);
  // Parse from the owned copy: certificate and attribute strings are copied out anyway.
  auto body = SignedDataParser::parse_body(*s, sd->value, limits);
  if (!body) return std::unexpected(body.error());
  return SignedDataPtr(std::move(s));
}

Result<SignerInfo> parse_signer_info(std::string_view signer_info_der, const CmsLimits& limits) {
  auto seq = der::read_single(signer_info_der, der::kSequence);
  if (!seq) return malformed("SignerInfo is not one DER SEQUENCE");
  return SignedDataParser::parse_signer(seq->value, limits);
}

std::vector<CertificatePtr> SignedData::find_signer_certificates(const SignerInfo& signer,
                                                                 const std::vector<CertificatePtr>& extra) const {
  std::vector<CertificatePtr> out;
  for (const auto* list : {&certificates_, &extra}) {
    for (const auto& c : *list) {
      if (c && signer.sid.matches(*c) &&
          std::none_of(out.begin(), out.end(), [&](const CertificatePtr& o) { return o->der() == c->der(); })) {
        out.push_back(c);
      }
    }
  }
  return out;
}

SignerVerification SignedData::verify(const SignerInfo& signer, const Certificate& certificate,
                                      std::optional<std::string_view> detached_content) const {
  SignerVerification out;
  if (!signer.sid.matches(certificate)) {
    out.findings.push_back(finding(cms_findings::kSignerIdMismatch, "the certificate is not the one the SignerInfo's sid names"));
  }
  const std::string_view content = econtent_ ? std::string_view(*econtent_) : detached_content.value_or(std::string_view());
  const auto content_digest = digest_by_oid(signer.digest_algorithm_oid, content);
  if (!content_digest) {
    out.findings.push_back(finding(cms_findings::kDigestUnsupported,
                                   "digest algorithm " + signer.digest_algorithm_oid + " is not supported"));
  }
  std::string_view signed_bytes = content;
  if (signer.has_signed_attributes) {
    signed_bytes = signer.signed_attributes_der;
    // RFC 5652 11.1 / 11.2: exactly one attribute of each type, with exactly one value.
    const auto count = [&](std::string_view oid) {
      return std::count_if(signer.signed_attributes.begin(), signer.signed_attributes.end(),
                           [&](const Attribute& a) { return a.oid == oid; });
    };
    for (const auto oid : {kOidContentType, kOidMessageDigest, kOidSigningTime}) {
      if (count(oid) > 1) {
        out.findings.push_back(finding(cms_findings::kDuplicateAttribute,
                                       "signed attribute " + std::string(oid) + " appears more than once (RFC 5652 11)"));
      }
    }
    const Attribute* ct = signer.find_signed(kOidContentType);
    if (ct == nullptr || ct->values.size() != 1 || count(kOidContentType) != 1) {
      out.findings.push_back(finding(cms_findings::kContentTypeAttribute, "content-type must be one signed attribute with one value"));
    } else {
      auto value = der::read_single(ct->values[0], der::kOid);
      if (value && der::oid_text(value->value) == econtent_type_) {
        out.content_type_ok = true;
      } else {
        out.findings.push_back(finding(cms_findings::kContentTypeMismatch, "the content-type attribute is not eContentType " + econtent_type_));
      }
    }
    const Attribute* md = signer.find_signed(kOidMessageDigest);
    if (md == nullptr || md->values.size() != 1 || count(kOidMessageDigest) != 1) {
      out.findings.push_back(finding(cms_findings::kMessageDigestAttribute, "message-digest must be one signed attribute with one value"));
    } else {
      auto value = der::read_single(md->values[0], der::kOctetString);
      if (value && content_digest && value->value == *content_digest) {
        out.message_digest_ok = true;
      } else if (content_digest) {
        out.findings.push_back(finding(cms_findings::kMessageDigestMismatch,
                                       "the message-digest attribute differs from the " + signer.digest_algorithm +
                                           " digest of the content"));
      }
    }
  } else {
    // RFC 5652 5.3: without signed attributes the signature covers the content itself; a content
    // type other than id-data then requires signed attributes.
    out.message_digest_ok = content_digest.has_value();
    out.content_type_ok = econtent_type_ == kOidData;
    if (!out.content_type_ok) {
      out.findings.push_back(finding(cms_findings::kContentTypeAttribute,
                                     "signed attributes are required for eContentType " + econtent_type_ + " (RFC 5652 5.3)"));
    }
  }
  auto* key = certificate.openssl_public_key();
  auto valid = x509_internal::verify_signature(key, signer.signature_algorithm, signer.signature, signed_bytes);
  if (valid && !*valid && signer.has_signed_attributes &&
      std::any_of(signer.findings.begin(), signer.findings.end(),
                  [](const Finding& f) { return f.id == cms_findings::kSignedAttributesNotDer; })) {
    // RFC 5652 5.4: the signature is over the DER encoding; try it when the bytes received are not.
    if (auto sorted = der_sorted_set(signer.signed_attributes_der)) {
      valid = x509_internal::verify_signature(key, signer.signature_algorithm, signer.signature, *sorted);
      if (valid && *valid) {
        out.findings.push_back(finding(cms_findings::kSignedOverDerReencoding,
                                       "the signature verifies over the DER re-encoding of the signed attributes, not "
                                       "over the bytes received",
                                       Severity::kWarning));
      }
    }
  }
  if (!valid) {
    out.findings.push_back(finding(cms_findings::kSignatureUnverifiable, "the signature cannot be checked: " + valid.error().message()));
  } else if (!*valid) {
    out.findings.push_back(finding(cms_findings::kSignatureInvalid,
                                   "the " + signer.signature_algorithm.name + " signature does not verify with the key of " +
                                       certificate.subject().rfc4514));
  } else {
    out.signature_ok = true;
  }
  return out;
}

}  // namespace assay::engine::cms
