// A small PDF writer for the PAdES samples (ISO 32000-1 7.5, 12.8; EN 319 142-1): plain bytes,
// no PDF library, so that the samples never depend on the reader they test and so that broken
// and hostile files can be written byte by byte. Objects are kept as their body text; every
// revision is written as the objects it adds or replaces, one classic cross-reference section
// (7.5.4) and a trailer whose /Prev names the previous section (7.5.6, incremental updates).
// A signature dictionary is written with /Contents and /ByteRange placeholders that sign()
// fills after layout (12.8.1: the ByteRange covers the whole revision except exactly the
// /Contents hex string, delimiters included). Internal to assay_samples.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"

namespace assay::samples::pdf {

// "N 0 R".
std::string ref(int object);
// A literal string "(...)" with (, ) and \ escaped (7.3.4.2).
std::string text(std::string_view value);
// A PDF date "D:YYYYMMDDHHmmSS+00'00'" (7.9.4).
std::string date(engine::UtcTime at);
// A stream object body: "<< entries /Length n >>\nstream\n" data "\nendstream" (7.3.8).
std::string stream(std::string_view dict_entries, std::string_view data);

// The /V dictionary of a signature field (12.8.1, table 252) or a document time-stamp
// (ISO 32000-2 12.8.5; EN 319 142-1 5.4). The placeholders are filled by PdfFile::sign; the
// other modes write the broken forms of the universal signature forgery attacks.
struct SignatureDictionary {
  enum class Contents { kPlaceholder, kMissing, kNull, kEmpty, kGiven };
  enum class ByteRange { kPlaceholder, kMissing, kNull, kZeros, kGiven };
  bool document_timestamp = false;            // /Type /DocTimeStamp, else /Type /Sig
  std::string sub_filter = "ETSI.CAdES.detached";
  std::optional<engine::UtcTime> m;          // /M, the claimed signing time
  std::string name, reason, location;
  std::string reference;                      // "/Reference [...]" entries text, "" for none
  std::size_t capacity = 16384;               // bytes reserved for the CMS in /Contents
  Contents contents = Contents::kPlaceholder;
  std::string given_contents_hex;             // kGiven: the hex written as is
  ByteRange byte_range = ByteRange::kPlaceholder;
  std::string given_byte_range;               // kGiven: "[...]" written as is
};
std::string signature_dictionary(const SignatureDictionary& spec);

// The /Reference entry of a certification signature (12.8.2.2, DocMDP, P = 1, 2 or 3).
std::string docmdp_reference(int p);
// The /Reference entry of a FieldMDP signature locking the named fields (12.8.2.4, /Include).
std::string fieldmdp_reference(const std::vector<std::string>& fields);

// Makes the CMS (DER) over the bytes a ByteRange covers.
using CmsMaker = std::function<engine::Result<std::string>(std::string_view covered)>;

class PdfFile {
 public:
  PdfFile();  // the header, nothing else

  int reserve();                               // a fresh object number
  int add(std::string body);                   // reserve() + put()
  void put(int object, std::string body);      // into the pending revision (new or replacing)
  // An xref entry of the pending revision for an object already in the file at `offset`
  // (re-pointing without writing bytes: the shadow hide-and-replace attack).
  void put_offset(int object, std::size_t offset) { pending_offsets_[object] = offset; }
  void set_root(int object) { root_ = object; }
  void set_info(int object) { info_ = object; }

  // Writes the pending objects, the xref section and the trailer (/Prev after the first
  // revision, `trailer_extra` appended inside the dictionary), startxref and %%EOF.
  void end_revision(std::string_view trailer_extra = {});

  // Fills the /ByteRange and /Contents placeholders of signature dictionary `object`, written in
  // the last revision, which must be the end of the file: ByteRange = [0 a b c] with a..b the
  // /Contents string; the CMS from `make_cms` over the covered bytes. kInternal when the CMS
  // does not fit or the placeholders are missing.
  engine::Result<void> sign(int object, const CmsMaker& make_cms);

  const std::string& bytes() const { return bytes_; }
  std::string& mutable_bytes() { return bytes_; }   // for the attack samples' byte surgery
  std::size_t offset_of(int object) const;          // the latest definition, 0 when none
  const std::map<int, std::size_t>& offsets() const { return offsets_; }
  // The body of the latest definition of `object` as written ("" when none).
  std::string body_of(int object) const;
  // "/Root r 0 R /Info i 0 R" for hand-written trailers.
  std::string root_and_info() const;
  std::size_t last_xref() const { return last_xref_; }
  int size() const { return next_; }                // the trailer's /Size
  // The covered ranges of the last sign(): {offset, length} x 2.
  const std::vector<std::size_t>& last_byte_range() const { return byte_range_; }

 private:
  std::string bytes_;
  std::map<int, std::string> pending_;
  std::map<int, std::size_t> pending_offsets_;
  std::map<int, std::size_t> offsets_;
  int next_ = 1;
  int root_ = 0, info_ = 0;
  std::size_t last_xref_ = 0;
  int revisions_ = 0;
  std::vector<std::size_t> byte_range_;
};

// The bytes a ByteRange [a0 l0 a1 l1] selects.
std::string covered_bytes(std::string_view file, const std::vector<std::size_t>& byte_range);

// A classic xref section + trailer (without startxref) for the given object offsets (for byte
// surgery that moves objects). `prev` = 0 for none.
std::string xref_section(const std::map<int, std::size_t>& offsets, int size,
                         std::string_view trailer_entries, std::size_t prev, bool with_free_head);

}  // namespace assay::samples::pdf
