// Engine-private: dereferencing a ds:Reference and applying its transforms (W3C XMLDSig 1.1
// 4.4.3, 6.6) for the general verifier (general_verifier.h) and the template signer. Nothing is
// fetched; refused transforms and unresolvable URIs are reported as data.
#pragma once

#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/xmldsig/general_verifier.h"
#include "engine/xmldsig/internal/tree.h"

namespace assay::engine::xmldsig::internal {

struct ResolveContext {
  const _xmlDoc* doc = nullptr;
  const _xmlNode* signature = nullptr;  // the ds:Signature the reference belongs to
  const DocumentScan* scan = nullptr;   // Ids of the document (and their duplicates)
  const std::vector<DetachedContent>* detached = nullptr;
  std::size_t max_transforms = 8;
};

// The digest input of `reference` (a ds:Reference element): dereferenced, transformed, and
// canonicalised when the last transform leaves a node-set (inclusive C14N 1.0, XMLDSig 4.4.3.2).
// Fills `out.target`, `element`, `element_path`, `detached_name`, `transforms`, and on failure
// `reason` + `message` (then returns false). Error only for library failures.
Result<bool> resolve_reference(const ResolveContext& ctx, const _xmlNode* reference, GeneralReference& out,
                               std::string& octets);

}  // namespace assay::engine::xmldsig::internal
