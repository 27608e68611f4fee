// read_pades's per-signature work: the ByteRange checks, the CMS read as CAdES over the covered
// bytes, the DSS and document time-stamps attached, the PAdES level.
#include <algorithm>
#include <cstdio>

#include "engine/cms/signed_data.h"
#include "engine/digest.h"
#include "engine/time.h"
#include "engine/x509/ocsp_response.h"
#include "validation/cades/cades_reader.h"
#include "validation/pades/internal/pades_parts.h"
#include "validation/pades/pades_findings.h"

namespace assay::validation::pades::internal {
namespace {

using engine::Severity;
using engine::pdf::SignatureDictionary;

void note(ReadSignature& r, std::string_view id, Severity severity, std::string message) {
  r.findings.push_back({std::string(id), severity, std::move(message),
                        r.dict->field_name.empty() ? "signature field" : "field '" + r.dict->field_name + "'"});
}

bool is_document_timestamp(const SignatureDictionary& s) {
  return s.sub_filter == "ETSI.RFC3161" || s.type == "DocTimeStamp";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The hex string between '<' and '>' decodes to `contents` (ISO 32000-1 7.3.4.3: white space
// ignored, an odd final digit followed by 0).
bool hex_matches(std::string_view hex, std::string_view contents) {
  std::string decoded;
  int high = -1;
  for (char c : hex) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') continue;
    const int v = hex_value(c);
    if (v < 0) return false;
    if (high < 0) {
      high = v;
    } else {
      decoded.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  if (high >= 0) decoded.push_back(static_cast<char>(high * 16));
  return decoded == contents;
}

// "D:YYYYMMDDHHmmSS+HH'mm'" (ISO 32000-1 7.9.4) → UTC; nullopt when not a full date.
std::optional<engine::UtcTime> pdf_date(std::string_view m) {
  if (m.starts_with("D:")) m.remove_prefix(2);
  if (m.size() < 14 || !std::all_of(m.begin(), m.begin() + 14, [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  const std::string iso = std::string(m.substr(0, 4)) + "-" + std::string(m.substr(4, 2)) + "-" + std::string(m.substr(6, 2)) +
                          "T" + std::string(m.substr(8, 2)) + ":" + std::string(m.substr(10, 2)) + ":" +
                          std::string(m.substr(12, 2)) + "Z";
  auto t = engine::parse_utc_time(iso);
  if (!t) return std::nullopt;
  engine::UtcTime out = *t;
  const std::string_view tz = m.substr(14);
  if (!tz.empty() && (tz[0] == '+' || tz[0] == '-') && tz.size() >= 3) {
    const int hours = (tz[1] - '0') * 10 + (tz[2] - '0');
    int minutes = 0;
    if (tz.size() >= 6 && tz[3] == '\'') minutes = (tz[4] - '0') * 10 + (tz[5] - '0');
    const auto offset = std::chrono::minutes(hours * 60 + minutes);
    out = tz[0] == '+' ? out - offset : out + offset;
  }
  return out;
}

}  // namespace

ReadSignature check_signature(const engine::pdf::PdfDocument& doc, const SignatureDictionary& sig) {
  ReadSignature r;
  r.dict = &sig;
  const auto bytes = doc.bytes();
  auto& d = r.details;
  d.field_name = sig.field_name;
  d.sub_filter = sig.sub_filter;
  d.filter = sig.filter;
  d.reason = sig.reason;
  d.name = sig.name;
  d.contact_info = sig.contact_info;
  d.revisions = doc.revisions().size();
  d.revision = sig.revision ? *sig.revision + 1 : 0;
  d.docmdp_p = sig.docmdp_p;
  d.certification = sig.certification;
  if (sig.page) d.page = *sig.page + 1;
  const auto& br = sig.byte_range;
  for (std::size_t i = 0; i + 1 < br.size(); i += 2) d.byte_ranges.emplace_back(br[i], br[i + 1]);

  if (!sig.contents_present || sig.contents.empty()) {
    note(r, finding::kContentsMissing, Severity::kError, "/Contents is missing, null, empty or not a string");
  }
  if (sig.in_object_stream) {
    note(r, finding::kInObjectStream, Severity::kError,
         "the signature dictionary is in an object stream: its /Contents cannot be excluded from the signed bytes");
  }
  if (!sig.byte_range_present || !sig.byte_range_well_formed || br.size() != 4) {
    note(r, finding::kByteRangeMalformed, Severity::kError,
         !sig.byte_range_present ? "/ByteRange is missing or null"
                                 : "/ByteRange is not an array of exactly four integers (two ranges)");
    return r;
  }
  const std::int64_t size = static_cast<std::int64_t>(bytes.size());
  const auto [a, b, c, e] = std::tuple{br[0], br[1], br[2], br[3]};
  if (a != 0) note(r, finding::kByteRangeNotFromStart, Severity::kError, "/ByteRange does not start at byte 0");
  if (a < 0 || b < 0 || c < 0 || e < 0 || a + b > c || c > size || e > size - c) {
    note(r, finding::kByteRangeOutOfBounds, Severity::kError,
         "/ByteRange [" + std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(c) + " " + std::to_string(e) +
             "] is outside the file (" + std::to_string(size) + " bytes) or its ranges overlap");
    return r;
  }
  const bool gap_is_contents = sig.contents_begin && sig.contents_end &&
                               static_cast<std::int64_t>(*sig.contents_begin) == a + b &&
                               static_cast<std::int64_t>(*sig.contents_end) == c &&
                               hex_matches(bytes.substr(a + b + 1, c - a - b - 2), sig.contents);
  if (!gap_is_contents) {
    note(r, finding::kByteRangeGap, Severity::kError,
         "the bytes /ByteRange leaves out (" + std::to_string(a + b) + " to " + std::to_string(c) +
             ") are not exactly this signature's /Contents hex string [attack class: signature-wrapping]");
  }
  if (!sig.revision) {
    note(r, finding::kByteRangeNotRevisionEnd, Severity::kError,
         "/ByteRange ends at byte " + std::to_string(c + e) + ", not at the end (%%EOF) of a revision of the file");
  }
  r.covered_available = true;
  r.covered_bytes.reserve(static_cast<std::size_t>(b + e));
  r.covered_bytes.append(bytes.substr(a, b));
  r.covered_bytes.append(bytes.substr(c, e));
  return r;
}

namespace {

SignatureUnderValidation unreadable(const ReadSignature& r, std::string message) {
  SignatureUnderValidation s;
  s.format = SignatureFormat::kPAdES;
  s.id = r.dict->field_name.empty() ? "PDF-signature" : r.dict->field_name;
  s.level = "PDF-NOT-ETSI";
  s.format_check.findings = r.findings;
  s.format_check.findings.push_back({std::string(finding::kCmsUnreadable), Severity::kError, std::move(message), s.id});
  return s;
}

ScopeEntry byte_range_scope(const ReadSignature& r, std::size_t file_size, std::optional<engine::Sha256> known = std::nullopt) {
  ScopeEntry e;
  const auto& br = r.dict->byte_range;
  const bool whole = br.size() == 4 && static_cast<std::size_t>(br[2] + br[3]) == file_size;
  e.name = "revision " + std::to_string(r.details.revision);
  e.kind = whole ? "full" : "partial";
  e.description = whole ? "The whole PDF except the signature's /Contents"
                        : "Revision " + std::to_string(r.details.revision) + " of the PDF (of " +
                              std::to_string(r.details.revisions) + ") except the signature's /Contents";
  if (known) e.sha256 = known;
  else if (r.covered_available) e.sha256 = engine::sha256(r.covered_bytes);
  return e;
}

SignatureUnderValidation read_signature(const ReadSignature& r, std::size_t file_size) {
  const auto& sig = *r.dict;
  const bool sha1 = sig.sub_filter == "adbe.pkcs7.sha1";
  if (sig.sub_filter != "ETSI.CAdES.detached" && sig.sub_filter != "adbe.pkcs7.detached" && !sha1) {
    auto s = unreadable(r, "/SubFilter '" + sig.sub_filter + "' is not one assay validates");
    s.format_check.findings.back().id = std::string(finding::kSubFilterUnsupported);
    return s;
  }
  if (!sig.contents_present || sig.contents.empty()) return unreadable(r, "there is no CMS in /Contents");
  cades::CadesReadOptions options;
  if (r.covered_available && !sha1) options.detached.push_back({"ByteRange", r.covered_bytes});
  auto cms = cades::read_cades(sig.contents, options);
  if (!cms) return unreadable(r, "the CMS in /Contents is unreadable: " + cms.error().message());
  if (cms->signatures.empty()) return unreadable(r, "the CMS in /Contents has no SignerInfo");
  SignatureUnderValidation s = std::move(cms->signatures.front());
  if (cms->signatures.size() > 1) {
    s.format_check.findings.push_back({std::string(finding::kCmsSigners), Severity::kError,
                                       "the CMS in /Contents holds " + std::to_string(cms->signatures.size()) +
                                           " SignerInfos; a PDF signature has exactly one",
                                       sig.field_name});
  }
  s.format = SignatureFormat::kPAdES;
  if (!sig.field_name.empty()) s.id = sig.field_name;
  s.format_check.findings.insert(s.format_check.findings.begin(), r.findings.begin(), r.findings.end());
  if (sha1) {
    // adbe.pkcs7.sha1 (ISO 32000-1 12.8.3.3.1): the CMS encapsulates the SHA-1 digest of the
    // covered bytes; the SignerInfo signs that content.
    s.format_check.findings.push_back({std::string(finding::kSubFilterLegacy), Severity::kWarning,
                                       "adbe.pkcs7.sha1 is deprecated (ISO 32000-2 12.8.3.3.1)", sig.field_name});
    auto sd = engine::cms::SignedData::parse_der(sig.contents.substr(0, std::min(sig.contents.size(), sig.contents.find_last_not_of('\0') + 1)));
    SignedReference ref;
    ref.id = "byte-range-sha1";
    ref.uri = "ByteRange";
    ref.digest_algorithm = "SHA-1";
    ref.found = r.covered_available && sd && (*sd)->content();
    if (ref.found) {
      ref.intact = engine::digest_by_oid("1.3.14.3.2.26", r.covered_bytes) == *(*sd)->content();
      if (!ref.intact) ref.message = "the encapsulated SHA-1 digest differs from the covered bytes' digest";
    } else {
      ref.message = "the encapsulated SHA-1 digest or the covered bytes are missing";
    }
    s.references.push_back(ref);
  }
  for (auto& ref : s.references) {
    if (ref.uri == "ByteRange" && r.details.byte_ranges.size() == 2) {
      const auto& b = r.details.byte_ranges;
      ref.uri = "ByteRange [" + std::to_string(b[0].first) + " " + std::to_string(b[0].second) + " " +
                std::to_string(b[1].first) + " " + std::to_string(b[1].second) + "]";
    }
  }
  // The CAdES reader's scope digest is the covered bytes' SHA-256 already (not hashed twice).
  const auto known = !sha1 && !s.scope.empty() && s.scope[0].name == "ByteRange" ? s.scope[0].sha256 : std::nullopt;
  s.scope.clear();
  s.scope.push_back(byte_range_scope(r, file_size, known));
  // EN 319 142-1 5.3: /M is the claimed signing time of a PAdES baseline signature; signing-time
  // shall not be present. Both present and more than a minute apart: reported.
  const auto m = pdf_date(sig.m);
  if (s.attributes.signing_time && sig.sub_filter == "ETSI.CAdES.detached") {
    s.format_check.findings.push_back({std::string(finding::kSigningTimePresent), Severity::kWarning,
                                       "the CMS holds a signing-time attribute, which EN 319 142-1 5.3 excludes (/M is used)",
                                       sig.field_name});
  }
  if (m && s.attributes.signing_time) {
    const auto diff = *m > *s.attributes.signing_time ? *m - *s.attributes.signing_time : *s.attributes.signing_time - *m;
    if (diff > std::chrono::minutes(1)) {
      s.format_check.findings.push_back({std::string(finding::kSigningTimeMismatch), Severity::kWarning,
                                         "/M (" + engine::format_utc_time(*m) + ") and signing-time (" +
                                             engine::format_utc_time(*s.attributes.signing_time) + ") differ",
                                         sig.field_name});
    }
  }
  if (!s.attributes.signing_time && m) s.attributes.signing_time = m;
  s.pdf = r.details;
  return s;
}

bool has_signature_timestamp(const SignatureUnderValidation& s) {
  return std::any_of(s.timestamps.begin(), s.timestamps.end(),
                     [](const EmbeddedTimestamp& t) { return t.kind == EmbeddedTimestamp::Kind::kSignature; });
}

}  // namespace

void assemble(const engine::pdf::PdfDocument& doc, std::vector<ReadSignature>& read, PadesDocument& out) {
  const auto& dss = doc.dss();
  const std::size_t file_size = doc.bytes().size();
  std::vector<const ReadSignature*> timestamps;
  for (auto& r : read) {
    for (const auto& f : out.findings) r.findings.insert(r.findings.begin(), f);
    if (!is_document_timestamp(*r.dict)) continue;
    DocumentTimestamp t;
    t.id = r.dict->field_name;
    t.token_der = r.dict->contents.substr(0, std::min(r.dict->contents.size(), r.dict->contents.find_last_not_of('\0') + 1));
    t.covered_bytes = r.covered_bytes;
    t.scope.push_back(byte_range_scope(r, file_size));
    t.findings = r.findings;
    // Changes after a document time-stamp do not undo what it proves (the covered bytes existed);
    // the signatures before it carry the verdict on them.
    for (auto& f : t.findings) {
      if (f.id == finding::kModificationNotPermitted) f.severity = Severity::kWarning;
    }
    t.pdf = r.details;
    out.document_timestamps.push_back(std::move(t));
    timestamps.push_back(&r);
  }
  std::vector<engine::CertificatePtr> dss_certificates;
  for (const auto& der : dss.certs) {
    if (auto c = engine::Certificate::parse_der(der)) dss_certificates.push_back(*c);
  }
  for (auto& r : read) {
    if (is_document_timestamp(*r.dict)) continue;
    SignatureUnderValidation s = read_signature(r, file_size);
    const std::size_t rev = r.dict->revision.value_or(SIZE_MAX);
    // DSS (EN 319 142-1 5.4.2): validation data for the signatures before it.
    const bool dss_after = dss.present && dss.revision && rev != SIZE_MAX && *dss.revision > rev;
    if (dss.present) {
      s.certificates.insert(s.certificates.end(), dss_certificates.begin(), dss_certificates.end());
      s.crls.insert(s.crls.end(), dss.crls.begin(), dss.crls.end());
      s.ocsp_responses.insert(s.ocsp_responses.end(), dss.ocsps.begin(), dss.ocsps.end());
    }
    // Document time-stamps after the signature (EN 319 142-1 5.4.3): the first one is the
    // signature's time-stamp when it has none of its own, later ones are archival POE.
    bool lta = false, t_level = has_signature_timestamp(s);
    for (const auto* ts : timestamps) {
      const std::size_t ts_rev = ts->dict->revision.value_or(0);
      if (rev == SIZE_MAX || !ts->dict->revision || ts_rev <= rev || !ts->covered_available) continue;
      EmbeddedTimestamp e;
      e.kind = t_level ? EmbeddedTimestamp::Kind::kArchive : EmbeddedTimestamp::Kind::kSignature;
      e.id = ts->dict->field_name;
      e.token_der = ts->dict->contents.substr(0, std::min(ts->dict->contents.size(), ts->dict->contents.find_last_not_of('\0') + 1));
      e.covered_bytes = ts->covered_bytes;
      s.timestamps.push_back(std::move(e));
      t_level = true;
      if (dss_after && ts_rev > *dss.revision) lta = true;
    }
    const bool lt = t_level && dss_after && !dss.certs.empty() && (!dss.crls.empty() || !dss.ocsps.empty());
    // EN 319 142-1 6.3: PAdES-BASELINE-B is ETSI.CAdES.detached with signed attributes holding
    // signing-certificate(-v2) — and no signing-time (the claimed time is /M), so the CAdES
    // reader's "CAdES-BES" for such a CMS is a baseline PAdES signature; "CMS" is not.
    const bool baseline = r.dict->sub_filter == "ETSI.CAdES.detached" && s.level != "CMS";
    const std::string prefix = baseline ? "PAdES-BASELINE-" : "PKCS7-";
    if (s.level != "PDF-NOT-ETSI") s.level = prefix + (lt && lta ? "LTA" : lt ? "LT" : t_level ? "T" : "B");
    out.signatures.push_back(std::move(s));
  }
}

}  // namespace assay::validation::pades::internal
