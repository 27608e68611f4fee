// Stable finding ids of the ASiC reader (validation/asic/asic_reader.h). They appear in reports
// and golden files: add freely, never rename.
#pragma once

#include <string_view>

namespace assay::validation::asic::finding {

// EN 319 162-1 A.1: "mimetype" names a media type other than ASiC-S / ASiC-E (error).
inline constexpr std::string_view kMimetypeUnknown = "asic.mimetype.unknown";
// EN 319 162-1 A.1: "mimetype" is not the first entry, is compressed or has an extra field (warning).
inline constexpr std::string_view kMimetypePlacement = "asic.mimetype.placement";
// EN 319 162-1 4.4.3: an ASiC-E container without "mimetype" (warning; the type is inferred).
inline constexpr std::string_view kMimetypeMissing = "asic.mimetype.missing";
// EN 319 162-1 4.3.1: an ASiC-S holds other than exactly one data object (error).
inline constexpr std::string_view kAsicSDataObjects = "asic.s.data_objects";
// EN 319 162-1 4.4.3.2 / 4.3.3: a CAdES signature of an ASiC-E that no ASiCManifest names (error).
inline constexpr std::string_view kManifestMissing = "asic.manifest.missing";
// An ASiCManifest / ASiCArchiveManifest that does not parse (error for the signature using it).
inline constexpr std::string_view kManifestMalformed = "asic.manifest.malformed";
// A container file no signature covers (warning: it is not protected by any signature).
inline constexpr std::string_view kUnsignedFile = "asic.unsigned_file";
// An ASiCArchiveManifest reference that is missing or does not match (the archive time-stamp
// then proves nothing for it).
inline constexpr std::string_view kArchiveManifestReference = "asic.archive_manifest.reference";
// A time-stamp entry that no ASiCArchiveManifest explains, or an ASiC-S time-stamp container
// (not validated as a signature; information).
inline constexpr std::string_view kTimestampNotUsed = "asic.timestamp.not_used";

}  // namespace assay::validation::asic::finding
