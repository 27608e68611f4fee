// Engine-private: small read-only helpers over libxml2 trees for the signer and the verifier.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct _xmlDoc;
struct _xmlNode;

namespace assay::engine::xmldsig::internal {

// True when `node` is an element with this namespace URI and local name.
bool is_element(const _xmlNode* node, std::string_view ns, std::string_view local);
// The first child element with this name, or null.
const _xmlNode* child_element(const _xmlNode* parent, std::string_view ns, std::string_view local);
// The direct child elements, in order.
std::vector<const _xmlNode*> child_elements(const _xmlNode* parent);
// Reads the attribute `name` (no namespace) into `*value` (when non-null); false when absent.
bool attribute(const _xmlNode* node, std::string_view name, std::string* value);
// Concatenated text and CDATA children.
std::string text_of(const _xmlNode* node);
// True when `node` is `ancestor` or inside it.
bool is_inside(const _xmlNode* node, const _xmlNode* ancestor);

// One pass over every element: the Id-like attributes (`Id`, `ID`, `id`, `xml:id`) by value and
// every element with the given namespace and local name (used to find all ds:Signature).
struct DocumentScan {
  std::unordered_map<std::string, const _xmlNode*> ids;
  std::vector<std::string> duplicate_ids;  // values seen more than once, in document order
  std::vector<const _xmlNode*> matches;
};
DocumentScan scan_document(const _xmlDoc* doc, std::string_view match_ns, std::string_view match_local);

}  // namespace assay::engine::xmldsig::internal
