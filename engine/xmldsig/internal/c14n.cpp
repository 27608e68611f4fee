#include "engine/xmldsig/internal/c14n.h"

#include <libxml/c14n.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>

#include <climits>

#include "engine/xmldsig/algorithms.h"
#include "engine/xmldsig/internal/exc_c14n.h"

namespace assay::engine::xmldsig::internal {
namespace {

// libxml2 asks about every node, attribute and namespace node of the document. Namespace nodes
// arrive as xmlNs* cast to xmlNode* (their `type` field sits at the same offset), with the owning
// element as `parent`. Attributes and ordinary nodes have a usable `parent` chain.
int is_visible(void* user_data, xmlNodePtr node, xmlNodePtr parent) noexcept {
  const auto* subset = static_cast<const NodeSubset*>(user_data);
  const xmlNode* start = (node != nullptr && node->type == XML_NAMESPACE_DECL) ? parent : node;
  if (start == nullptr) return subset->apex == nullptr ? 1 : 0;
  int visible = subset->apex == nullptr ? 1 : 0;
  for (const xmlNode* p = start; p != nullptr; p = p->parent) {
    if (p == subset->excluded) return 0;
    // `excluded` is always inside `apex` or unrelated to it, so meeting the apex settles it.
    if (p == subset->apex) {
      visible = 1;
      break;
    }
  }
  if (visible == 1 && subset->filters != nullptr) return passes_filters(*subset->filters, start) ? 1 : 0;
  return visible;
}

int write_to_sink(void* context, const char* buffer, int len) noexcept {
  static_cast<ByteSink*>(context)->write(std::string_view(buffer, static_cast<std::size_t>(len)));
  return len;
}

}  // namespace

bool passes_filters(const std::vector<FilterGroup>& filters, const xmlNode* node) {
  for (const FilterGroup& group : filters) {
    bool kept = true;  // xmldsig-filter2 3.1: start from every node of the document
    for (const SubtreeFilter& step : group) {
      bool inside = false;
      for (const xmlNode* p = node; p != nullptr && !inside; p = p->parent) inside = step.roots.contains(p);
      switch (step.op) {
        case SubtreeFilter::Op::kIntersect: kept = kept && inside; break;
        case SubtreeFilter::Op::kSubtract: kept = kept && !inside; break;
        case SubtreeFilter::Op::kUnion: kept = kept || inside; break;
      }
    }
    if (!kept) return false;
  }
  return true;
}

std::optional<C14nMethod> c14n_from_uri(std::string_view uri) {
  if (uri == kC14n10) return C14nMethod{C14nMode::kInclusive10, false};
  if (uri == kC14n10Comments) return C14nMethod{C14nMode::kInclusive10, true};
  if (uri == kC14n11) return C14nMethod{C14nMode::kInclusive11, false};
  if (uri == kC14n11Comments) return C14nMethod{C14nMode::kInclusive11, true};
  if (uri == kExcC14n) return C14nMethod{C14nMode::kExclusive10, false};
  if (uri == kExcC14nComments) return C14nMethod{C14nMode::kExclusive10, true};
  return std::nullopt;
}

Result<void> canonicalize(const _xmlDoc* doc, const NodeSubset& subset, const C14nMethod& method,
                          const std::vector<std::string>& inclusive_prefixes, ByteSink& sink,
                          NamespaceCheck check) {
  // Every trusted list seen so far signs with exclusive C14N 1.0 without comments and without a
  // PrefixList (the whole-document reference and SignedInfo): that case takes the direct walk,
  // which produces the same bytes without libxml2's per-node visibility callbacks.
  if (method.mode == C14nMode::kExclusive10 && !method.with_comments && inclusive_prefixes.empty() &&
      subset.filters == nullptr &&
      (subset.apex == nullptr || subset.apex->type == XML_ELEMENT_NODE)) {
    return canonicalize_exclusive_fast(doc, subset, sink, check);
  }
  return canonicalize_with_libxml2(doc, subset, method, inclusive_prefixes, sink);
}

Result<void> canonicalize_with_libxml2(const _xmlDoc* doc, const NodeSubset& subset, const C14nMethod& method,
                                       const std::vector<std::string>& inclusive_prefixes, ByteSink& sink) {
  int mode = XML_C14N_1_0;
  if (method.mode == C14nMode::kInclusive11) mode = XML_C14N_1_1;
  if (method.mode == C14nMode::kExclusive10) mode = XML_C14N_EXCLUSIVE_1_0;

  // libxml2 wants a NULL-terminated xmlChar* array; it only reads it.
  std::vector<xmlChar*> prefixes;
  if (method.mode == C14nMode::kExclusive10 && !inclusive_prefixes.empty()) {
    for (const auto& p : inclusive_prefixes) {
      prefixes.push_back(const_cast<xmlChar*>(reinterpret_cast<const xmlChar*>(p.c_str())));
    }
    prefixes.push_back(nullptr);
  }

  xmlOutputBufferPtr out = xmlOutputBufferCreateIO(write_to_sink, nullptr, &sink, nullptr);
  if (out == nullptr) return fail(Code::kInternal, "cannot create a C14N output buffer");
  // xmlC14NExecute takes a non-const document but only reads it (the is_visible callback
  // selects the subset; nothing is unlinked or added).
  const int written = xmlC14NExecute(const_cast<xmlDoc*>(doc), is_visible, const_cast<NodeSubset*>(&subset), mode,
                                     prefixes.empty() ? nullptr : prefixes.data(),
                                     method.with_comments ? 1 : 0, out);
  const int closed = xmlOutputBufferClose(out);  // flushes the tail into the sink
  if (written < 0 || closed < 0) return fail(Code::kInternal, "XML canonicalisation failed");
  return {};
}

}  // namespace assay::engine::xmldsig::internal
