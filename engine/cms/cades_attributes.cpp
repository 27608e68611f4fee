#include "engine/cms/cades_attributes.h"

#include <algorithm>

#include "engine/cms/cms_findings.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/internal/signature_check.h"
#include "engine/x509/ocsp_response.h"

namespace assay::engine::cms {
namespace {

std::unexpected<Error> malformed(std::string_view attribute, std::string what) {
  return fail(Code::kMalformed, "CAdES " + std::string(attribute) + ": " + std::move(what));
}

std::optional<std::string> algorithm_oid(const der::Tlv& algorithm_identifier) {
  der::Reader r(algorithm_identifier.value);
  der::Tlv oid;
  if (!r.read(der::kOid, oid)) return std::nullopt;
  return der::oid_text(oid.value);
}

// SEQUENCE OF <tag>: each element's whole TLV.
std::optional<std::vector<std::string>> sequence_of(std::string_view contents, std::uint8_t tag) {
  std::vector<std::string> out;
  der::Reader r(contents);
  der::Tlv t;
  while (!r.empty()) {
    if (!r.read(tag, t)) return std::nullopt;
    out.emplace_back(t.whole);
  }
  return out;
}

// ClaimedAttributes (SEQUENCE OF Attribute) under [0]: the CAdES module uses EXPLICIT tags, some
// producers write it IMPLICIT; the first inner element tells them apart (an Attribute starts
// with its type OID, the explicit form with the SEQUENCE OF).
bool claimed_attributes(std::string_view tagged_contents, SignerRoles& out) {
  std::string_view list = tagged_contents;
  if (auto explicit_seq = der::read_single(tagged_contents, der::kSequence)) {
    der::Reader probe(explicit_seq->value);
    if (probe.peek_tag() == der::kSequence) list = explicit_seq->value;
  }
  der::Reader r(list);
  der::Tlv attribute;
  while (!r.empty()) {
    if (!r.read(der::kSequence, attribute)) return false;
    der::Reader ar(attribute.value);
    der::Tlv type, values, v;
    if (!ar.read(der::kOid, type) || !ar.read(der::kSet, values)) return false;
    const std::string oid = der::oid_text(type.value).value_or("?");
    der::Reader vr(values.value);
    while (!vr.empty()) {
      if (!vr.next(v)) return false;
      auto text = der::string_value(v);
      out.claimed.push_back(text ? *text : "(a value of attribute " + oid + ")");
    }
  }
  return true;
}

}  // namespace

Result<std::string> parse_message_digest(std::string_view value_der) {
  auto v = der::read_single(value_der, der::kOctetString);
  if (!v) return malformed("message-digest", "not an OCTET STRING");
  return std::string(v->value);
}

Result<UtcTime> parse_signing_time(std::string_view value_der) {
  der::Reader r(value_der);
  der::Tlv t;
  if (!r.next(t) || !r.empty()) return malformed("signing-time", "not one element");
  auto time = der::time_value(t);
  if (!time) return malformed("signing-time", "neither UTCTime nor GeneralizedTime");
  return *time;
}

Result<SignaturePolicyId> parse_signature_policy(std::string_view value_der) {
  SignaturePolicyId out;
  if (der::read_single(value_der, der::kNull)) {
    out.implied = true;
    return out;
  }
  auto seq = der::read_single(value_der, der::kSequence);
  if (!seq) return malformed("signature-policy-identifier", "neither SignaturePolicyId nor NULL");
  der::Reader r(seq->value);
  der::Tlv oid, hash, qualifiers;
  if (!r.read(der::kOid, oid) || !r.read(der::kSequence, hash)) return malformed("signature-policy-identifier", "malformed SignaturePolicyId");
  out.oid = der::oid_text(oid.value).value_or("");
  der::Reader hr(hash.value);
  der::Tlv alg, value;
  if (!hr.read(der::kSequence, alg) || !hr.read(der::kOctetString, value)) {
    return malformed("signature-policy-identifier", "malformed sigPolicyHash");
  }
  out.hash_algorithm_oid = algorithm_oid(alg).value_or("");
  out.hash = std::string(value.value);
  if (r.read_optional(der::kSequence, qualifiers)) {
    der::Reader qr(qualifiers.value);
    der::Tlv q;
    while (qr.read(der::kSequence, q)) {
      der::Reader ir(q.value);
      der::Tlv qid, qv;
      if (ir.read(der::kOid, qid) && ir.next(qv) && der::oid_text(qid.value) == "1.2.840.113549.1.9.16.5.1") {
        out.uri = der::string_value(qv);
      }
    }
  }
  return out;
}

Result<std::string> parse_commitment_type(std::string_view value_der) {
  auto seq = der::read_single(value_der, der::kSequence);
  der::Tlv oid;
  if (!seq || !der::Reader(seq->value).read(der::kOid, oid)) return malformed("commitment-type-indication", "malformed");
  auto text = der::oid_text(oid.value);
  if (!text) return malformed("commitment-type-indication", "malformed commitmentTypeId");
  return *text;
}

Result<std::string> parse_content_hints(std::string_view value_der) {
  auto seq = der::read_single(value_der, der::kSequence);
  if (!seq) return malformed("content-hints", "not a SEQUENCE");
  der::Reader r(seq->value);
  der::Tlv description, type;
  std::string text;
  if (r.read_optional(der::kUtf8String, description)) text = std::string(description.value);
  if (!r.read(der::kOid, type) || !r.empty()) return malformed("content-hints", "no contentType");
  const std::string oid = der::oid_text(type.value).value_or("?");
  return text.empty() ? oid : text + " (" + oid + ")";
}

Result<SignerRoles> parse_signer_attributes(std::string_view value_der) {
  auto seq = der::read_single(value_der, der::kSequence);
  if (!seq) return malformed("signer-attributes", "not a SEQUENCE");
  SignerRoles out;
  der::Reader r(seq->value);
  der::Tlv choice;
  while (!r.empty()) {
    if (!r.next(choice)) return malformed("signer-attributes", "malformed element");
    if (choice.tag == der::context_constructed(0)) {
      if (!claimed_attributes(choice.value, out)) return malformed("signer-attributes", "malformed claimedAttributes");
    } else {
      ++out.other;
    }
  }
  return out;
}

Result<std::vector<std::string>> parse_certificate_values(std::string_view value_der) {
  auto seq = der::read_single(value_der, der::kSequence);
  if (!seq) return malformed("certificate-values", "not a SEQUENCE");
  auto certs = sequence_of(seq->value, der::kSequence);
  if (!certs) return malformed("certificate-values", "an element is not a Certificate");
  return *certs;
}

Result<RevocationValues> parse_revocation_values(std::string_view value_der) {
  auto seq = der::read_single(value_der, der::kSequence);
  if (!seq) return malformed("revocation-values", "not a SEQUENCE");
  RevocationValues out;
  der::Reader r(seq->value);
  der::Tlv t;
  while (!r.empty()) {
    if (!r.next(t)) return malformed("revocation-values", "malformed element");
    if (t.tag == der::context_constructed(0) || t.tag == der::context_constructed(1)) {
      auto inner = der::read_single(t.value, der::kSequence);
      auto items = inner ? sequence_of(inner->value, der::kSequence) : std::nullopt;
      if (!items) return malformed("revocation-values", t.tag == der::context_constructed(0) ? "malformed crlVals" : "malformed ocspVals");
      if (t.tag == der::context_constructed(0)) {
        out.crls = std::move(*items);
      } else {
        static const std::string kBasic = *der::oid("1.3.6.1.5.5.7.48.1.1");
        for (const auto& basic : *items) {
          // OCSPResponse { responseStatus successful(0), responseBytes [0] EXPLICIT ResponseBytes }.
          out.ocsp_responses.push_back(der::sequence(
              {der::tlv(der::kEnumerated, std::string(1, '\0')),
               der::explicit_tag(0, der::sequence({kBasic, der::octet_string(basic)}))}));
        }
      }
    } else {
      ++out.other;
    }
  }
  return out;
}

Result<AtsHashIndex> parse_ats_hash_index(std::string_view value_der) {
  auto seq = der::read_single(value_der, der::kSequence);
  if (!seq) return malformed("ats-hash-index", "not a SEQUENCE");
  AtsHashIndex out;
  der::Reader r(seq->value);
  der::Tlv first, lists[3];
  if (!r.next(first)) return malformed("ats-hash-index", "empty");
  std::size_t n = 0;
  if (first.tag == der::kSequence && der::Reader(first.value).peek_tag() == der::kOid) {
    auto oid = algorithm_oid(first);
    if (!oid) return malformed("ats-hash-index", "malformed hashIndAlgorithm");
    out.hash_algorithm_oid = *oid;
  } else {
    lists[n++] = first;
  }
  while (n < 3) {
    if (!r.read(der::kSequence, lists[n])) return malformed("ats-hash-index", "missing hash list");
    ++n;
  }
  if (!r.empty()) return malformed("ats-hash-index", "trailing data");
  std::vector<std::string>* into[3] = {&out.certificates, &out.crls, &out.unsigned_attributes};
  for (std::size_t i = 0; i < 3; ++i) {
    auto items = sequence_of(lists[i].value, der::kOctetString);
    if (!items) return malformed("ats-hash-index", "a hash is not an OCTET STRING");
    for (const auto& item : *items) into[i]->emplace_back(der::read_single(item, der::kOctetString)->value);
  }
  return out;
}

std::vector<std::string> ats_hash_index_inputs(const Attribute& attribute, bool v3, std::string_view skip_value) {
  std::vector<std::string> out;
  auto type = der::oid(attribute.oid);
  if (!type) return out;
  if (v3) {
    for (const auto& v : attribute.values) {
      if (!skip_value.empty() && v == skip_value) continue;
      out.push_back(*type + v);
    }
  } else {
    // A DER SET OF is sorted by encoding (X.690 11.6).
    std::vector<std::string> values = attribute.values;
    std::sort(values.begin(), values.end());
    std::string joined;
    for (const auto& v : values) joined += v;
    out.push_back(der::sequence({*type, der::tlv(der::kSet, joined)}));
  }
  return out;
}

Result<std::string> archive_timestamp_v3_input(const SignedData& signed_data, const SignerInfo& signer,
                                               std::string_view content, std::string_view imprint_algorithm_oid,
                                               std::string_view ats_hash_index_der) {
  auto content_type = der::oid(signed_data.content_type());
  if (!content_type) return fail(Code::kMalformed, "CAdES archive-time-stamp-v3: bad eContentType");
  auto content_hash = digest_by_oid(imprint_algorithm_oid, content);
  if (!content_hash) {
    return fail(Code::kUnsupported, "CAdES archive-time-stamp-v3: unsupported hash algorithm " + std::string(imprint_algorithm_oid));
  }
  std::string out = *content_type;
  out += *content_hash;
  out += signer.signed_fields_der;
  out += ats_hash_index_der;
  return out;
}

SignerVerification verify_counter_signature(const SignerInfo& counter, const SignerInfo& parent,
                                            const Certificate& certificate) {
  SignerVerification out;
  const auto note = [&](std::string_view id, std::string message) {
    out.findings.push_back(Finding{std::string(id), Severity::kError, std::move(message), "countersignature"});
  };
  if (!counter.sid.matches(certificate)) note(cms_findings::kSignerIdMismatch, "the certificate is not the one the sid names");
  const auto digest = digest_by_oid(counter.digest_algorithm_oid, parent.signature);
  if (!digest) note(cms_findings::kDigestUnsupported, "digest algorithm " + counter.digest_algorithm_oid + " is not supported");
  std::string_view signed_bytes = parent.signature;
  if (counter.has_signed_attributes) {
    signed_bytes = counter.signed_attributes_der;
    // RFC 5652 11.1: a countersignature has no content-type attribute.
    out.content_type_ok = counter.find_signed(kOidContentType) == nullptr;
    if (!out.content_type_ok) note(cms_findings::kContentTypeAttribute, "a countersignature carries content-type (RFC 5652 11.1)");
    const Attribute* md = counter.find_signed(kOidMessageDigest);
    auto value = md && md->values.size() == 1 ? der::read_single(md->values[0], der::kOctetString) : std::nullopt;
    if (!value) {
      note(cms_findings::kMessageDigestAttribute, "message-digest must be one signed attribute with one value");
    } else if (digest && value->value == *digest) {
      out.message_digest_ok = true;
    } else if (digest) {
      note(cms_findings::kMessageDigestMismatch, "the message-digest differs from the digest of the countersigned signature");
    }
  } else {
    out.content_type_ok = true;
    out.message_digest_ok = digest.has_value();
  }
  auto valid = x509_internal::verify_signature(certificate.openssl_public_key(), counter.signature_algorithm,
                                               counter.signature, signed_bytes);
  if (!valid) {
    note(cms_findings::kSignatureUnverifiable, "the signature cannot be checked: " + valid.error().message());
  } else if (!*valid) {
    note(cms_findings::kSignatureInvalid, "the countersignature does not verify with the key of " + certificate.subject().rfc4514);
  } else {
    out.signature_ok = true;
  }
  return out;
}

}  // namespace assay::engine::cms
