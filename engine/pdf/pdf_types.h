// The plain data of engine/pdf (limits, revisions, signature dictionaries, the DSS, snapshots of
// the objects of a revision). C++17 on purpose, with no engine or qpdf types: the qpdf side of
// engine/pdf (engine/pdf/internal/qpdf_*) is compiled as C++17 (qpdf 11's headers do not compile
// with clang 16 + libstdc++ 12 in C++20/23 mode) and fills these; the rest of assay sees them
// through pdf_document.h. docs/fuzzing.md ("The C++17 island").
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace assay::engine::pdf {

struct PdfLimits {
  std::size_t max_bytes = 256u << 20;          // the whole file
  std::size_t max_objects = 1'000'000;         // xref entries of one revision
  std::size_t max_revisions = 512;
  int max_depth = 64;                          // nesting of arrays / dictionaries walked
  std::size_t max_stream_bytes = 64u << 20;    // one stream, raw or decoded
  std::size_t max_decoded_bytes = 256u << 20;  // all decoded object streams of one parse
  std::size_t max_ratio = 200;                 // decoded / raw for one object or cross-reference stream
  std::size_t max_signatures = 256;
};

// One revision: the original file or one incremental update (ISO 32000-1 7.5.6).
struct Revision {
  std::size_t index = 0;
  std::size_t start = 0;      // first byte (0, or the end of the previous revision)
  std::size_t eof = 0;        // just after "%%EOF"
  std::size_t end = 0;        // after "%%EOF" and its end-of-line marker, when present
  std::size_t startxref = 0;  // the offset "startxref" names
};

// FieldMDP (ISO 32000-1 12.8.2.4) / a signature field's /Lock dictionary (table 233).
struct FieldLock {
  std::string action;               // "All", "Include", "Exclude"
  std::vector<std::string> fields;  // fully qualified field names
};

// A signature field's value (ISO 32000-1 12.8.1 table 252), as read from the final document.
struct SignatureDictionary {
  std::string field_name;           // fully qualified /T
  int field_object = 0;             // object number of the field (0 when direct)
  int value_object = 0;             // object number of /V (0 when direct or absent)
  bool value_present = false;       // /V is a dictionary
  std::string type;                 // "Sig", "DocTimeStamp", "" when absent
  std::string filter;
  std::string sub_filter;
  bool byte_range_present = false;  // /ByteRange present and not null
  bool byte_range_well_formed = false;  // an array of integers
  std::vector<std::int64_t> byte_range;
  bool contents_present = false;    // /Contents present and a string
  std::string contents;             // decoded bytes
  // Where the /Contents hex string lies in the file ('<' .. '>' inclusive, end exclusive), found
  // by scanning the signature dictionary's own bytes; absent when not found (object stream,
  // literal string, ...).
  std::optional<std::size_t> contents_begin;
  std::optional<std::size_t> contents_end;
  bool in_object_stream = false;
  std::string m;                    // /M as written
  std::string reason, name, location, contact_info;
  std::optional<int> docmdp_p;      // /Reference DocMDP /TransformParams /P (1 .. 3)
  bool certification = false;       // the catalog's /Perms /DocMDP is this dictionary
  std::optional<FieldLock> field_mdp;  // /Reference FieldMDP /TransformParams
  std::optional<FieldLock> lock;       // the field's /Lock
  std::optional<std::size_t> revision;  // the revision whose end the ByteRange reaches
  std::optional<int> page;          // index of the page with the field's widget
};

// The DSS dictionary of the final document (EN 319 142-1 5.4.2), DER values.
struct DssData {
  bool present = false;
  std::vector<std::string> certs, crls, ocsps;
  struct Vri {
    std::string key;  // the upper-case hex SHA-1 of the signature's /Contents
    std::vector<std::string> certs, crls, ocsps;
  };
  std::vector<Vri> vri;
  std::optional<std::size_t> revision;  // the first revision whose snapshot holds a /DSS
};

// What an object is used for in one revision (bit flags), from walking the catalog.
namespace role {
inline constexpr std::uint32_t kCatalog = 1u << 0;
inline constexpr std::uint32_t kPageTree = 1u << 1;
inline constexpr std::uint32_t kPage = 1u << 2;
inline constexpr std::uint32_t kContent = 1u << 3;      // a page content stream (or its array)
inline constexpr std::uint32_t kResource = 1u << 4;     // reachable from a page's /Resources
inline constexpr std::uint32_t kAnnotation = 1u << 5;   // an annotation other than a widget
inline constexpr std::uint32_t kWidget = 1u << 6;       // a widget annotation
inline constexpr std::uint32_t kAppearance = 1u << 7;   // reachable from an annotation's /AP
inline constexpr std::uint32_t kField = 1u << 8;        // a form field (AcroForm /Fields tree)
inline constexpr std::uint32_t kSignatureField = 1u << 9;
inline constexpr std::uint32_t kSignatureValue = 1u << 10;  // a signature dictionary (/V)
inline constexpr std::uint32_t kAcroForm = 1u << 11;
inline constexpr std::uint32_t kDss = 1u << 12;
inline constexpr std::uint32_t kInfo = 1u << 13;        // trailer /Info
inline constexpr std::uint32_t kMetadata = 1u << 14;    // catalog /Metadata
inline constexpr std::uint32_t kStructure = 1u << 15;   // xref / object streams
inline constexpr std::uint32_t kOther = 1u << 16;       // reachable otherwise (names, outlines, actions)
inline constexpr std::uint32_t kAnnotationList = 1u << 17;  // a page's /Annots array as an object
}  // namespace role

struct SnapshotObject {
  std::string hash;                         // SHA-256 of the normalised object (raw stream data)
  std::uint32_t roles = 0;
  std::map<std::string, std::string> keys;  // dictionary key → hash of its value (dictionaries)
  std::optional<int> page;                  // page index it belongs to (content, annotation, ...)
  std::string field_name;                   // for fields and widgets
  std::string type;                         // /Type or /Subtype, for messages
  std::optional<long long> field_flags;     // /Ff of a field dictionary, when an integer
  std::optional<std::size_t> offset;        // where the object is written (not in an object stream)
};

// The objects of one revision (the file cut at its end).
struct Snapshot {
  std::size_t revision = 0;
  std::size_t end = 0;                      // the revision's last byte + 1
  std::map<int, SnapshotObject> objects;    // object number → object
  std::size_t page_count = 0;
  int info_object = 0;                      // the trailer's /Info object (0 when absent or direct)
};

}  // namespace assay::engine::pdf
