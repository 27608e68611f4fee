// Validation of an XML document against a W3C XML Schema on disk (used to check that the
// ETSI TS 119 102-2 reports assay writes are schema-valid). The schema and the schemas it
// imports are read only from the schema file's own directory: nothing else is ever loaded (no
// network, no other file), like every other XML read in assay.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace assay::engine::xml {

// The schema's validity errors for `document` ("line N: message"); empty when valid. An Error
// (kNotFound / kMalformed) when the schema cannot be loaded or the document is not XML.
// Serialised internally. libxml2's entity loader is process-wide: while a schema loads, a document
// parsed on another thread could read files of the schema's directory, and nothing else.
Result<std::vector<std::string>> validate_with_schema(std::string_view document, const std::filesystem::path& xsd);

}  // namespace assay::engine::xml
