// Stable finding ids of the PAdES reader (validation/pades). They appear in reports and golden
// files: add freely, never rename.
#pragma once

#include <string_view>

namespace assay::validation::pades::finding {

// ISO 32000-1 12.8.1 / EN 319 142-1 5.1: /ByteRange missing, null, not four non-negative
// integers (universal signature forgery when absent or empty).
inline constexpr std::string_view kByteRangeMalformed = "pades.byterange.malformed";
// The first range does not start at byte 0.
inline constexpr std::string_view kByteRangeNotFromStart = "pades.byterange.not_from_start";
// A range lies outside the file, or the ranges overlap / are out of order.
inline constexpr std::string_view kByteRangeOutOfBounds = "pades.byterange.out_of_bounds";
// The gap between the ranges is not exactly the signature's /Contents hex string, '<' and '>'
// included (signature wrapping: the signed bytes moved, or a second /Contents).
inline constexpr std::string_view kByteRangeGap = "pades.byterange.gap_not_contents";
// The ByteRange does not end at the end of a revision (%%EOF).
inline constexpr std::string_view kByteRangeNotRevisionEnd = "pades.byterange.not_revision_end";
// /Contents missing, null, empty or not a hex string (universal signature forgery).
inline constexpr std::string_view kContentsMissing = "pades.contents.missing";
// The signature dictionary is in an object stream, so its /Contents cannot be excluded.
inline constexpr std::string_view kInObjectStream = "pades.signature.in_object_stream";
// /SubFilter is not one assay reads (error) / a legacy one (adbe.pkcs7.sha1, warning).
inline constexpr std::string_view kSubFilterUnsupported = "pades.subfilter.unsupported";
inline constexpr std::string_view kSubFilterLegacy = "pades.subfilter.legacy";
// The CMS in /Contents is unreadable, or holds other than one SignerInfo.
inline constexpr std::string_view kCmsUnreadable = "pades.cms.unreadable";
inline constexpr std::string_view kCmsSigners = "pades.cms.signer_count";
// adbe.pkcs7.sha1: the encapsulated SHA-1 digest differs from the covered bytes' digest.
inline constexpr std::string_view kSha1Mismatch = "pades.sha1.digest_mismatch";
// EN 319 142-1 5.3: signing-time present in a PAdES baseline signature (use /M), or /M and
// signing-time disagreeing.
inline constexpr std::string_view kSigningTimePresent = "pades.signing_time.present";
inline constexpr std::string_view kSigningTimeMismatch = "pades.signing_time.m_mismatch";
// A change after the signature that its certification level / FieldMDP locks do not permit, or
// an attack pattern (FORMAT_FAILURE, EN 319 102-1 5.2.2); permitted changes are informational.
inline constexpr std::string_view kModificationNotPermitted = "pades.modification.not_permitted";
inline constexpr std::string_view kModificationPermitted = "pades.modification.permitted";
inline constexpr std::string_view kModificationUnanalysed = "pades.modification.unanalysed";
// PDF-level notes (qpdf warnings, bytes after the last %%EOF) copied to every signature.
inline constexpr std::string_view kDocument = "pades.document";

}  // namespace assay::validation::pades::finding
