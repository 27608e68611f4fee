// Engine-private: canonical XML (C14N 1.0, 1.1, exclusive 1.0) of a node subset of a parsed
// libxml2 tree, streamed to a sink, without modifying or copying the tree.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <string_view>
#include <vector>

#include "engine/error.h"

struct _xmlDoc;
struct _xmlNode;

namespace assay::engine::xmldsig::internal {

enum class C14nMode { kInclusive10, kInclusive11, kExclusive10 };

struct C14nMethod {
  C14nMode mode = C14nMode::kInclusive10;
  bool with_comments = false;
};

// The method named by a CanonicalizationMethod / Transform URI, or nullopt.
std::optional<C14nMethod> c14n_from_uri(std::string_view uri);

// Receives canonical bytes in order.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(std::string_view bytes) = 0;
};

class StringSink final : public ByteSink {
 public:
  void write(std::string_view bytes) override { out.append(bytes); }
  std::string out;
};

// Which nodes are in the subset: those inside `apex` (whole document when null), minus those
// inside `excluded` (nothing when null). This is the node set of a same-document reference
// (URI="" or "#id", comments removed) after the enveloped-signature transform, or of SignedInfo.
// XPath Filter 2.0 (W3C xmldsig-filter2 3.1): one XPath element's operation on the subtrees rooted
// at the nodes its expression selected.
struct SubtreeFilter {
  enum class Op { kIntersect, kSubtract, kUnion };
  Op op = Op::kIntersect;
  std::unordered_set<const _xmlNode*> roots;
};
// One Filter 2.0 transform: its steps applied in order to the set of all document nodes.
using FilterGroup = std::vector<SubtreeFilter>;

struct NodeSubset {
  const _xmlNode* apex = nullptr;
  const _xmlNode* excluded = nullptr;
  // Filter 2.0 transforms applied after apex/excluded, each one intersected with the rest (null:
  // none). Not owned; must outlive the canonicalisation.
  const std::vector<FilterGroup>* filters = nullptr;
};

// True when `node` (an element, attribute or text node; for a namespace node, its element) is
// kept by every filter group.
bool passes_filters(const std::vector<FilterGroup>& filters, const _xmlNode* node);

// How much of the document canonicalize() checks for namespace declarations with relative URIs,
// which C14N 1.0 (section 2) makes an operation failure for the whole document.
enum class NamespaceCheck {
  kWholeDocument,  // every declaration in the document, as libxml2 does
  // Declarations inside the apex only (libxml2, when used, still checks everything): for callers
  // that canonicalise the whole document in the same operation, which checks the rest.
  kApexOnly,
};

// Canonicalises `subset` of `doc` with `method`; `inclusive_prefixes` is the exclusive C14N
// InclusiveNamespaces PrefixList. `with_comments` in `method` decides whether comments are kept.
// Reads the tree only. Fails with kInternal when canonicalisation fails (relative namespace URI,
// entity reference, libxml2 failure); the sink may then hold a partial output.
// Exclusive C14N 1.0 without comments and without a PrefixList over an element (or document)
// apex runs a direct tree walk (exc_c14n.h); every other method goes through libxml2.
Result<void> canonicalize(const _xmlDoc* doc, const NodeSubset& subset, const C14nMethod& method,
                          const std::vector<std::string>& inclusive_prefixes, ByteSink& sink,
                          NamespaceCheck check = NamespaceCheck::kWholeDocument);

// The same, always through libxml2's xmlC14NExecute (with a visibility callback). The reference
// implementation the fast path is tested against; also the path for the other methods.
Result<void> canonicalize_with_libxml2(const _xmlDoc* doc, const NodeSubset& subset, const C14nMethod& method,
                                       const std::vector<std::string>& inclusive_prefixes, ByteSink& sink);

}  // namespace assay::engine::xmldsig::internal
