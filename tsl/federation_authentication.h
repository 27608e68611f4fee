// Authenticating a whole trust federation: the LOTL (through its pivots) and then every XML list
// its pointers announce, each with the pointer's certificates. Documents come from a
// DocumentSource; nothing here touches the network, the clock or a store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tsl/lotl_authentication.h"

namespace assay::tsl {

struct FederationOptions {
  LotlOptions lotl;
  unsigned threads = 1;  // national lists are authenticated concurrently on this many threads
};

// One pointed list and what became of it.
struct ListOutcome {
  std::string url;
  std::string pointer_territory;
  std::optional<LoadedList> loaded;  // absent when the document could not be obtained or read
  Authentication authentication;

  std::uint64_t sequence() const { return loaded ? loaded->list->scheme.sequence_number : 0; }
  std::string sha256() const { return loaded ? loaded->list->sha256 : std::string(); }
  std::string territory() const { return loaded ? loaded->list->scheme.territory : pointer_territory; }
};

struct FederationAuthentication {
  std::string lotl_url;
  std::optional<LoadedList> lotl_document;
  LotlAuthentication lotl;
  // Every XML pointer of an authenticated LOTL, in pointer order (PDF pointers and the pointer to
  // the LOTL itself are not lists to load). Empty when the LOTL is not authenticated: pointers of
  // an unauthenticated document are never followed.
  std::vector<ListOutcome> lists;
};

// True for pointers to XML trusted lists (MIME type, or a .xml location when the type is absent).
bool is_xml_list_pointer(const OtherTslPointer& pointer);

FederationAuthentication authenticate_federation(const std::string& lotl_url, const SignerSet& anchors,
                                                 const DocumentSource& source, const FederationOptions& options);

// Authenticates one pointed list from its bytes (used by refresh for each fetched list).
ListOutcome authenticate_pointed_document(const OtherTslPointer& pointer, engine::Result<std::string> bytes,
                                          const LotlOptions& options);

}  // namespace assay::tsl
