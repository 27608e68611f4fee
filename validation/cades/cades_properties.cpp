// The CAdES attributes of one SignerInfo mapped to the format-neutral model (EN 319 122-1 5.2 –
// 5.5), the bytes each time-stamp covers, and the level reached (EN 319 122-1 6).
#include <algorithm>

#include "engine/cms/cades_attributes.h"
#include "engine/cms/timestamp_token.h"
#include "engine/digest.h"
#include "engine/x509/ocsp_response.h"
#include "validation/cades/cades_findings.h"
#include "validation/cades/internal/cades_parts.h"

namespace assay::validation::cades::internal {
namespace {

namespace cms = engine::cms;
using Kind = EmbeddedTimestamp::Kind;

void note(SignatureUnderValidation& out, std::string_view id, engine::Severity severity, std::string message,
          std::string_view where) {
  out.format_check.findings.push_back({std::string(id), severity, std::move(message), std::string(where)});
}

// Each value of every attribute of type `oid` in `attributes`.
template <class Fn>
void each_value(const std::vector<cms::Attribute>& attributes, std::string_view oid, Fn fn) {
  for (const auto& a : attributes) {
    if (a.oid != oid) continue;
    for (const auto& v : a.values) fn(v);
  }
}

EmbeddedTimestamp make_timestamp(Kind kind, std::string_view oid, const std::string& token, std::size_t index) {
  EmbeddedTimestamp ts;
  ts.kind = kind;
  ts.id = std::string(oid) + "#" + std::to_string(index);
  ts.token_der = token;
  return ts;
}

// EN 319 122-1 5.5.2: each certificate / CRL hash listed by the index is one of the SignedData's.
void check_hash_index(const cms::SignedData& sd, const cms::AtsHashIndex& index, EmbeddedTimestamp& ts) {
  const auto known = [&](const std::string& hash, auto&& items) {
    return std::any_of(items.begin(), items.end(), [&](const std::string& der) {
      return engine::digest_by_oid(index.hash_algorithm_oid, der) == hash;
    });
  };
  std::vector<std::string> certs;
  for (const auto& c : sd.certificates()) certs.push_back(c->der());
  for (const auto& h : index.certificates) {
    if (!known(h, certs)) {
      ts.findings.push_back({std::string(finding::kAtsHashIndexMismatch), engine::Severity::kWarning,
                             "the ats-hash-index lists a certificate the SignedData does not hold", ts.id});
      break;
    }
  }
  for (const auto& h : index.crls) {
    if (!known(h, sd.crls())) {
      ts.findings.push_back({std::string(finding::kAtsHashIndexMismatch), engine::Severity::kWarning,
                             "the ats-hash-index lists a CRL the SignedData does not hold", ts.id});
      break;
    }
  }
}

// A readable name for the unsigned attributes an auditor meets (EN 319 122-1 5.3 – 5.5).
std::string attribute_name(std::string_view oid) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {cms::kOidSignatureTimestamp, "signature-time-stamp"},
      {cms::kOidCertificateValues, "certificate-values"},
      {cms::kOidRevocationValues, "revocation-values"},
      {cms::kOidCompleteCertificateRefs, "complete-certificate-references"},
      {cms::kOidCompleteRevocationRefs, "complete-revocation-references"},
      {cms::kOidEscTimestamp, "CAdES-C-time-stamp"},
      {cms::kOidCertCrlTimestamp, "time-stamped-certs-crls-references"},
      {cms::kOidArchiveTimestampV3, "archive-time-stamp-v3"},
      {cms::kOidCounterSignature, "countersignature"},
  };
  for (const auto& [known, name] : kNames) {
    if (known == oid) return std::string(name) + " (" + std::string(oid) + ")";
  }
  return "attribute " + std::string(oid);
}

// EN 319 122-1 5.5.2 (ATSHashIndexV3): unsignedAttrsHashIndex holds, for each unsigned attribute
// present when the archive time-stamp was requested, the hash of attrType || each AttributeValue
// (all DER). ETSI TS 101 733 A.2.5 (ats-hash-index): the hash of each whole Attribute. Every
// listed hash must still match one; an attribute added later is simply not listed. A listed hash
// that matches nothing means the time-stamped data was removed or changed, so the archive
// time-stamp no longer proves what it says: FAILED / HASH_FAILURE (EN 319 102-1 5.4.2).
void check_unsigned_attribute_hashes(const cms::SignerInfo& si, const cms::AtsHashIndex& index, bool v3,
                                     std::string_view this_timestamp, EmbeddedTimestamp& ts) {
  if (index.unsigned_attributes.empty()) return;
  struct Present {
    std::string hash;
    const cms::Attribute* attribute;
  };
  std::vector<Present> present;
  for (const auto& a : si.unsigned_attributes) {
    for (const auto& input : cms::ats_hash_index_inputs(a, v3, this_timestamp)) {
      if (auto h = engine::digest_by_oid(index.hash_algorithm_oid, input)) present.push_back({*h, &a});
    }
  }
  std::size_t missing = 0;
  std::string missing_hashes;
  for (const auto& h : index.unsigned_attributes) {
    const bool found = std::any_of(present.begin(), present.end(), [&](const Present& p) { return p.hash == h; });
    if (found) continue;
    ++missing;
    if (missing <= 3) missing_hashes += (missing_hashes.empty() ? "" : ", ") + engine::to_hex(
        std::span(reinterpret_cast<const std::uint8_t*>(h.data()), h.size()));
  }
  if (missing == 0) return;
  // The attributes present now but not listed: a changed attribute is among them (one added
  // after archiving is too, and is allowed).
  std::string unlisted;
  for (const auto& p : present) {
    if (std::find(index.unsigned_attributes.begin(), index.unsigned_attributes.end(), p.hash) !=
        index.unsigned_attributes.end()) {
      continue;
    }
    const std::string name = attribute_name(p.attribute->oid);
    if (unlisted.find(name) == std::string::npos) unlisted += (unlisted.empty() ? "" : ", ") + name;
  }
  ts.covered_data_altered = true;
  ts.findings.push_back({std::string(finding::kAtsHashIndexUnsignedAttribute), engine::Severity::kError,
                         "the " + std::string(v3 ? "ats-hash-index-v3" : "ats-hash-index") + " lists " +
                             std::to_string(missing) + " unsigned attribute(s) that the SignerInfo no longer holds " +
                             "unchanged (hash " + missing_hashes + (missing > 3 ? ", ..." : "") +
                             "): removed or changed after archiving" +
                             (unlisted.empty() ? std::string(", none is present unlisted")
                                               : "; present but not listed (changed or added later): " + unlisted),
                         ts.id});
}

}  // namespace

void read_signed_attributes(const cms::SignerInfo& si, SignatureUnderValidation& out) {
  auto& a = out.attributes;
  const auto malformed = [&](const engine::Error& e) {
    note(out, finding::kSignedAttributeMalformed, engine::Severity::kError, e.message(), "signedAttrs");
  };
  if (const auto* t = si.find_signed(cms::kOidSigningTime); t && !t->values.empty()) {
    if (auto time = cms::parse_signing_time(t->values[0])) {
      a.signing_time = *time;
    } else {
      malformed(time.error());
    }
  }
  each_value(si.signed_attributes, cms::kOidSignaturePolicy, [&](const std::string& v) {
    if (auto p = cms::parse_signature_policy(v)) {
      a.signature_policy_id = p->implied ? "implied" : p->oid;
    } else {
      malformed(p.error());
    }
  });
  each_value(si.signed_attributes, cms::kOidCommitmentType, [&](const std::string& v) {
    if (auto c = cms::parse_commitment_type(v)) {
      a.commitment_types.push_back(*c);
    } else {
      malformed(c.error());
    }
  });
  each_value(si.signed_attributes, cms::kOidContentHints, [&](const std::string& v) {
    if (auto h = cms::parse_content_hints(v)) {
      a.content_hints.push_back(*h);
    } else {
      malformed(h.error());
    }
  });
  for (auto oid : {cms::kOidSignerAttributes, cms::kOidSignerAttributesV2}) {
    each_value(si.signed_attributes, oid, [&](const std::string& v) {
      if (auto roles = cms::parse_signer_attributes(v)) {
        a.claimed_roles.insert(a.claimed_roles.end(), roles->claimed.begin(), roles->claimed.end());
      } else {
        malformed(roles.error());
      }
    });
  }
}

void read_validation_values(const cms::SignerInfo& si, SignatureUnderValidation& out) {
  const auto add_certificate = [&](const std::string& der) {
    if (std::any_of(out.certificates.begin(), out.certificates.end(),
                    [&](const engine::CertificatePtr& c) { return c->der() == der; })) {
      return;
    }
    if (auto c = engine::Certificate::parse_der(der)) {
      out.certificates.push_back(*c);
    } else {
      note(out, finding::kCertificateUnreadable, engine::Severity::kWarning,
           "a certificate-values certificate is unreadable: " + c.error().message(), "certificate-values");
    }
  };
  each_value(si.unsigned_attributes, cms::kOidCertificateValues, [&](const std::string& v) {
    if (auto certs = cms::parse_certificate_values(v)) {
      for (const auto& der : *certs) add_certificate(der);
    } else {
      note(out, finding::kUnsignedAttributeMalformed, engine::Severity::kWarning, certs.error().message(), "unsignedAttrs");
    }
  });
  each_value(si.unsigned_attributes, cms::kOidRevocationValues, [&](const std::string& v) {
    if (auto values = cms::parse_revocation_values(v)) {
      out.crls.insert(out.crls.end(), values->crls.begin(), values->crls.end());
      out.ocsp_responses.insert(out.ocsp_responses.end(), values->ocsp_responses.begin(), values->ocsp_responses.end());
    } else {
      note(out, finding::kUnsignedAttributeMalformed, engine::Severity::kWarning, values.error().message(), "unsignedAttrs");
    }
  });
}

void read_timestamps(const cms::SignedData& sd, const cms::SignerInfo& si, const SignedContent& content,
                     SignatureUnderValidation& out) {
  std::size_t n = 0;
  // EN 319 122-1 5.2.8: the content time-stamp covers the signed content (eContent or detached).
  each_value(si.signed_attributes, cms::kOidContentTimestamp, [&](const std::string& v) {
    auto ts = make_timestamp(Kind::kContent, "content-time-stamp", v, n++);
    if (content.available) {
      ts.covered_bytes = std::string(content.bytes);
    } else {
      ts.findings.push_back({std::string(finding::kTimestampUnreadable), engine::Severity::kError,
                             "the content this time-stamp covers was not given", ts.id});
    }
    out.timestamps.push_back(std::move(ts));
  });
  for (const auto& a : si.unsigned_attributes) {
    for (const auto& v : a.values) {
      if (a.oid == cms::kOidSignatureTimestamp) {
        // EN 319 122-1 5.3 / RFC 3161 Appendix A: the imprint covers the signature field's value.
        auto ts = make_timestamp(Kind::kSignature, "signature-time-stamp", v, n++);
        ts.covered_bytes = si.signature;
        out.timestamps.push_back(std::move(ts));
      } else if (a.oid == cms::kOidArchiveTimestampV3) {
        auto ts = make_timestamp(Kind::kArchive, "archive-time-stamp-v3", v, n++);
        const auto unreadable = [&](std::string why) {
          ts.findings.push_back({std::string(finding::kTimestampUnreadable), engine::Severity::kError, std::move(why), ts.id});
        };
        auto token = cms::TimestampToken::parse_der(v);
        // ats-hash-index-v3 (EN 319 122-1); the earlier drafts' ats-hash-index (TS 101 733 v2.2.1).
        const cms::Attribute* index = nullptr;
        bool index_v3 = false;
        for (auto oid : {cms::kOidAtsHashIndexV3, cms::kOidAtsHashIndex}) {
          if (token && !index) {
            index = (*token)->signer().find_unsigned(oid);
            index_v3 = index != nullptr && oid == cms::kOidAtsHashIndexV3;
          }
        }
        if (!token) {
          unreadable("the archive-time-stamp-v3 token is unreadable: " + token.error().message());
        } else if (index == nullptr || index->values.size() != 1) {
          unreadable("the archive-time-stamp-v3 has no single ats-hash-index-v3 (EN 319 122-1 5.5.3)");
        } else if (!content.available) {
          unreadable("the signed content this archive time-stamp covers was not given");
        } else {
          auto input = cms::archive_timestamp_v3_input(sd, si, content.bytes,
                                                       (*token)->tst_info().imprint_algorithm_oid, index->values[0]);
          if (input) {
            ts.covered_bytes = std::move(*input);
          } else {
            unreadable(input.error().message());
          }
          if (auto parsed = cms::parse_ats_hash_index(index->values[0])) {
            check_hash_index(sd, *parsed, ts);
            check_unsigned_attribute_hashes(si, *parsed, index_v3, v, ts);
          } else {
            unreadable(parsed.error().message());
          }
        }
        out.timestamps.push_back(std::move(ts));
      } else if (a.oid == cms::kOidArchiveTimestampV1 || a.oid == cms::kOidArchiveTimestampV2 ||
                 a.oid == cms::kOidEscTimestamp || a.oid == cms::kOidCertCrlTimestamp) {
        const bool archive = a.oid == cms::kOidArchiveTimestampV1 || a.oid == cms::kOidArchiveTimestampV2;
        // TS 101 733 6.4.1 / K.3 (archive-time-stamp v1/v2) and the CAdES-X forms: imprint inputs
        // over BER-era encodings that implementations disagree on; assay does not compute them,
        // so the token is validated (TSA, signature) but is no proof of existence.
        auto ts = make_timestamp(archive ? Kind::kArchive : Kind::kValidationData, a.oid, v, n++);
        ts.imprint_not_computed = true;
        ts.findings.push_back({std::string(finding::kTimestampUnsupported), engine::Severity::kWarning,
                               std::string(archive ? "this legacy archive-time-stamp (TS 101 733 6.4.1, " + a.oid + ")"
                                                   : "this legacy RFC 5126 time-stamp (" + a.oid + ")") +
                                   " is not supported as proof of existence (POE): its imprint input is not "
                                   "computed, so it is reported but proves nothing",
                               ts.id});
        out.timestamps.push_back(std::move(ts));
      }
    }
  }
}

std::string detect_level(const cms::SignedData& sd, const cms::SignerInfo& si, const SignatureUnderValidation& s) {
  const auto has_unsigned = [&](std::string_view oid) { return si.find_unsigned(oid) != nullptr; };
  const bool signing_certificate = si.find_signed(cms::kOidSigningCertificateV2) || si.find_signed(cms::kOidSigningCertificate);
  if (!si.has_signed_attributes || !signing_certificate) return "CMS";
  const bool t = has_unsigned(cms::kOidSignatureTimestamp);
  const bool revocation = !sd.crls().empty() || !sd.ocsp_responses().empty() || has_unsigned(cms::kOidRevocationValues);
  const bool ats_v3 = has_unsigned(cms::kOidArchiveTimestampV3);
  const bool legacy_refs = has_unsigned(cms::kOidCompleteCertificateRefs) || has_unsigned(cms::kOidCompleteRevocationRefs);
  const bool legacy_ats = has_unsigned(cms::kOidArchiveTimestampV1) || has_unsigned(cms::kOidArchiveTimestampV2);
  // EN 319 122-1 6.3: B requires signing-time and signing-certificate(-v2) among the signed
  // attributes; T a signature time-stamp; LT the validation data; LTA archive-time-stamp-v3.
  // Otherwise the RFC 5126 forms.
  if (legacy_ats || legacy_refs || !s.attributes.signing_time) {
    if (legacy_ats || ats_v3) return "CAdES-A";
    if (legacy_refs) {
      const bool x = has_unsigned(cms::kOidEscTimestamp) || has_unsigned(cms::kOidCertCrlTimestamp);
      const bool values = has_unsigned(cms::kOidCertificateValues) && has_unsigned(cms::kOidRevocationValues);
      return x ? (values ? "CAdES-X-L" : "CAdES-X") : "CAdES-C";
    }
    if (t) return "CAdES-T";
    return s.attributes.signature_policy_id.empty() ? "CAdES-BES" : "CAdES-EPES";
  }
  if (!t) return "CAdES-BASELINE-B";
  if (!revocation) return "CAdES-BASELINE-T";
  return ats_v3 ? "CAdES-BASELINE-LTA" : "CAdES-BASELINE-LT";
}

}  // namespace assay::validation::cades::internal
