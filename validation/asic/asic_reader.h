// Reading ASiC containers (ETSI EN 319 162-1, baseline profiles EN 319 162-2): ASiC-S (one data
// object) and ASiC-E (several), each with XAdES signatures (META-INF/*signatures*.xml, read by
// validation/xades with the container's files as detached content) or CAdES signatures
// (META-INF/*signature*.p7s, detached over the data object for ASiC-S, over the ASiCManifest
// that names them for ASiC-E), and ASiCArchiveManifest time-stamps (META-INF/*timestamp*.tst)
// added to the signatures they cover as archive time-stamps. Every time-stamp token of the
// container (the ASiC-S timestamp.tst, a manifest's time-stamp) is also a document time-stamp
// with the files it covers.
//
// The ZIP is read in memory by engine/zip under hard limits (errors for bombs, traversal names,
// duplicates, encryption, lying sizes). Container rules (mimetype, the number of data objects,
// a missing manifest) are format findings of every signature and time-stamp; data files no
// signature and no time-stamp covers are reported as warnings. It decides no indication.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "engine/zip/zip_archive.h"
#include "validation/signature/document_timestamp.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::asic {

enum class ContainerType { kAsicS, kAsicE };

struct AsicDocument {
  ContainerType type = ContainerType::kAsicE;
  std::vector<SignatureUnderValidation> signatures;
  engine::Findings findings;               // container-level; also in each signature's format check
  std::vector<std::string> data_files;      // the data objects (outside META-INF/)
  std::vector<std::string> unsigned_files;  // data objects no signature and no time-stamp covers
  // Document time-stamps: the ASiC-S META-INF/timestamp.tst over the data object (EN 319 162-1
  // 4.3.3.1), and each token an ASiCManifest or ASiCArchiveManifest names (over that manifest,
  // whose DataObjectReferences are checked against the members: 4.4.3, A.6).
  std::vector<DocumentTimestampUnderValidation> timestamps;
};

// Errors: those of read_zip (kMalformed, kResourceExhausted, kUnsupported), and kMalformed when
// a signature file is not XML / CMS at all. A container without signatures gives an empty list.
engine::Result<AsicDocument> read_asic(std::string_view bytes, const engine::zip::ZipLimits& limits = {});

}  // namespace assay::validation::asic
