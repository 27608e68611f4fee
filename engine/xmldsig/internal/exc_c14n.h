// Engine-private: a direct tree walk implementing Exclusive XML Canonicalization 1.0 without
// comments (W3C REC xml-exc-c14n, with the shared rules of C14N 1.0) for a NodeSubset. It is the
// fast path behind canonicalize() and produces the same bytes as libxml2's xmlC14NExecute in
// XML_C14N_EXCLUSIVE_1_0 mode with an empty InclusiveNamespaces PrefixList.
#pragma once

#include "engine/error.h"
#include "engine/xmldsig/internal/c14n.h"

namespace assay::engine::xmldsig::internal {

// Streams the exclusive canonical form of `subset` of `doc` (comments removed) into `sink`, in
// blocks of up to 64 KiB. Reads the tree only; allocates O(depth + attributes per element).
// Fails with kInternal where libxml2 fails too: a namespace declaration anywhere in the document
// (only inside the apex with NamespaceCheck::kApexOnly) with a relative or unparsable URI (C14N 1.0 section 2: relative namespace URIs are an
// operation failure), or an entity reference node in the subset. Bytes already written to the
// sink before a failure must be discarded by the caller. Thread-safe for distinct sinks.
Result<void> canonicalize_exclusive_fast(const _xmlDoc* doc, const NodeSubset& subset, ByteSink& sink,
                                         NamespaceCheck check = NamespaceCheck::kWholeDocument);

}  // namespace assay::engine::xmldsig::internal
