#include "engine/xmldsig/internal/reference_resolver.h"

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <algorithm>
#include <memory>

#include "engine/base64.h"
#include "engine/c_handle.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/algorithms.h"
#include "engine/xmldsig/findings.h"
#include "engine/xmldsig/internal/c14n.h"

namespace assay::engine::xmldsig::internal {
namespace {

constexpr std::string_view kBase64Transform = "http://www.w3.org/2000/09/xmldsig#base64";
constexpr std::string_view kXsltTransform = "http://www.w3.org/TR/1999/REC-xslt-19991116";
constexpr std::string_view kXpathTransform = "http://www.w3.org/TR/1999/REC-xpath-19991116";
constexpr std::string_view kXpathFilter2 = "http://www.w3.org/2002/06/xmldsig-filter2";
constexpr std::string_view kExcC14nNs = "http://www.w3.org/2001/10/xml-exc-c14n#";

// The data between transforms (XMLDSig 4.4.3.2): a node-set of the parsed document (a subtree
// minus, possibly, the enveloping signature) or octets. `reparsed` keeps alive a document parsed
// from octets for a C14N transform.
struct Data {
  bool is_node_set = true;
  NodeSubset subset{};
  bool with_comments = false;  // XPointer references keep comments (XMLDSig 4.4.3.3)
  std::string octets;
  std::shared_ptr<std::vector<FilterGroup>> filters;  // XPath Filter 2.0 transforms so far
};

Data octets_data(std::string bytes) {
  Data d;
  d.is_node_set = false;
  d.octets = std::move(bytes);
  return d;
}

Data node_data(const xmlNode* apex, bool with_comments) {
  Data d;
  d.subset.apex = apex;
  d.with_comments = with_comments;
  return d;
}

using XPathContextPtr = CHandle<xmlXPathContext, xmlXPathFreeContext>;
using XPathObjectPtr = CHandle<xmlXPathObject, xmlXPathFreeObject>;

// XPath errors become the transform's failure message; libxml2 must not print them.
void ignore_xpath_error(void*, xmlError*) noexcept {}

// libxml2's XPath evaluator also reports some failures (an unknown function such as here())
// through the generic error channel, which prints. The handler is per thread in libxml2, so it is
// silenced only around the evaluation, on this thread.
void ignore_generic_error(void*, const char*, ...) noexcept {}

class SilenceGenericErrors {
 public:
  SilenceGenericErrors() : saved_(xmlGenericError), saved_context_(xmlGenericErrorContext) {
    xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
  }
  ~SilenceGenericErrors() { xmlSetGenericErrorFunc(saved_context_, saved_); }
  SilenceGenericErrors(const SilenceGenericErrors&) = delete;
  SilenceGenericErrors& operator=(const SilenceGenericErrors&) = delete;

 private:
  xmlGenericErrorFunc saved_;
  void* saved_context_;
};

// XPath evaluation work is bounded: a hostile expression fails instead of running for long.
constexpr unsigned long kXPathOpLimit = 10'000'000;

// Reads one XPath Filter 2.0 transform (xmldsig-filter2 3): each dsig-xpath:XPath element's
// expression evaluated over the document (context node: the root node; namespaces: those in
// scope on the XPath element; no here() function), with its Filter operation. False with
// `error` when an expression is refused or fails.
bool read_filter2(const xmlDoc* doc, const xmlNode* transform, FilterGroup& group, std::string& error) {
  for (const xmlNode* x : child_elements(transform)) {
    if (!is_element(x, "http://www.w3.org/2002/06/xmldsig-filter2", "XPath")) continue;
    std::string filter;
    attribute(x, "Filter", &filter);
    SubtreeFilter step;
    if (filter == "intersect") {
      step.op = SubtreeFilter::Op::kIntersect;
    } else if (filter == "subtract") {
      step.op = SubtreeFilter::Op::kSubtract;
    } else if (filter == "union") {
      step.op = SubtreeFilter::Op::kUnion;
    } else {
      error = "XPath Filter 2.0 Filter '" + filter + "' is not intersect, subtract or union";
      return false;
    }
    // libxml2 takes non-const pointers but only reads the document here.
    XPathContextPtr ctx(xmlXPathNewContext(const_cast<xmlDoc*>(doc)));
    if (!ctx) {
      error = "cannot create an XPath context";
      return false;
    }
    ctx->opLimit = kXPathOpLimit;
    ctx->error = ignore_xpath_error;
    ctx->node = reinterpret_cast<xmlNode*>(const_cast<xmlDoc*>(doc));
    if (xmlNsPtr* list = xmlGetNsList(doc, x); list != nullptr) {
      for (xmlNsPtr* ns = list; *ns != nullptr; ++ns) {
        if ((*ns)->prefix != nullptr) xmlXPathRegisterNs(ctx.get(), (*ns)->prefix, (*ns)->href);
      }
      xmlFree(list);
    }
    const std::string expression = text_of(x);
    const SilenceGenericErrors silence;
    XPathObjectPtr result(xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression.c_str()), ctx.get()));
    xmlResetLastError();
    if (!result || result->type != XPATH_NODESET) {
      error = "the XPath Filter 2.0 expression '" + expression + "' does not evaluate to a node-set";
      return false;
    }
    if (result->nodesetval != nullptr) {
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) step.roots.insert(result->nodesetval->nodeTab[i]);
    }
    group.push_back(std::move(step));
  }
  if (group.empty()) {
    error = "an XPath Filter 2.0 transform without XPath elements";
    return false;
  }
  return true;
}

bool fail(GeneralReference& out, std::string_view reason, std::string message) {
  out.found = false;
  out.reason = std::string(reason);
  out.message = std::move(message);
  return false;
}

std::vector<std::string> prefix_list(const xmlNode* method) {
  std::vector<std::string> out;
  std::string list;
  if (const xmlNode* in = child_element(method, kExcC14nNs, "InclusiveNamespaces"); in != nullptr) {
    attribute(in, "PrefixList", &list);
  }
  std::string cur;
  for (const char c : list + " ") {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// "%20" and friends in a file name URI.
std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int hi = hex(s[i + 1]);
      const int lo = hex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::string_view last_segment(std::string_view s) {
  const auto slash = s.find_last_of("/\\");
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

// Same-document URIs: "#id", "#xpointer(id('id'))" / "#xpointer(id(\"id\"))". Returns the Id or
// "" when the fragment is not one of these forms.
std::string fragment_id(std::string_view fragment, bool* xpointer) {
  *xpointer = false;
  constexpr std::string_view kOpen = "xpointer(id(";
  if (fragment.starts_with(kOpen) && fragment.ends_with("))") && fragment.size() > kOpen.size() + 4) {
    std::string_view quoted = fragment.substr(kOpen.size(), fragment.size() - kOpen.size() - 2);
    if (quoted.size() >= 2 && (quoted.front() == '\'' || quoted.front() == '"') && quoted.back() == quoted.front()) {
      *xpointer = true;
      return std::string(quoted.substr(1, quoted.size() - 2));
    }
    return {};
  }
  if (fragment.find_first_of("()'\" ") != std::string_view::npos) return {};
  return std::string(fragment);
}

// Dereferences the URI (XMLDSig 4.4.3.3). False (with out.reason) when not resolvable.
bool dereference(const ResolveContext& ctx, const xmlNode* reference, GeneralReference& out, Data& data) {
  std::string uri;
  const bool has_uri = attribute(reference, "URI", &uri);
  if (has_uri) out.uri = uri;
  const auto& detached = *ctx.detached;
  if (!has_uri) {
    // The application knows what an absent URI means (XMLDSig 4.4.3.1); here: the single detached
    // content, when exactly one was given.
    if (detached.size() != 1) {
      return fail(out, reason::kDetachedContentMissing,
                  "the reference has no URI and " +
                      std::string(detached.empty() ? "no detached content was given"
                                                   : "more than one detached content was given"));
    }
    out.target = ReferenceTarget::kDetached;
    out.detached_name = detached.front().name;
    data = octets_data(detached.front().bytes);
    return true;
  }
  if (uri.empty() || uri == "#xpointer(/)") {
    out.target = ReferenceTarget::kWholeDocument;
    const xmlNode* root = xmlDocGetRootElement(ctx.doc);
    out.element = xml::Node(root);
    out.element_path = out.element.path();
    data = node_data(nullptr, !uri.empty());
    return true;
  }
  if (uri.front() == '#') {
    bool xpointer = false;
    const std::string id = fragment_id(std::string_view(uri).substr(1), &xpointer);
    if (id.empty()) {
      return fail(out, reason::kReferenceNotAllowed, "the URI '" + uri + "' is not a same-document Id reference");
    }
    if (std::find(ctx.scan->duplicate_ids.begin(), ctx.scan->duplicate_ids.end(), id) !=
        ctx.scan->duplicate_ids.end()) {
      return fail(out, reason::kReferenceAmbiguous,
                  "the Id '" + id + "' occurs more than once in the document: the reference is ambiguous");
    }
    const auto it = ctx.scan->ids.find(id);
    if (it == ctx.scan->ids.end()) {
      return fail(out, reason::kReferenceUnresolved, "no element has the Id '" + id + "'");
    }
    out.target = ReferenceTarget::kElement;
    out.element = xml::Node(it->second);
    out.element_path = out.element.path();
    data = node_data(it->second, xpointer);
    return true;
  }
  // Anything else names detached content; nothing is ever fetched.
  const std::string decoded = percent_decode(uri);
  const DetachedContent* match = nullptr;
  int matches = 0;
  for (const DetachedContent& d : detached) {
    if (d.name == uri || d.name == decoded || last_segment(d.name) == last_segment(decoded)) {
      if (match == nullptr || d.name == uri) match = &d;
      ++matches;
    }
  }
  if (match == nullptr) {
    return fail(out, reason::kDetachedContentMissing,
                "'" + uri + "' is not in this document and no detached content of that name was given "
                "(nothing is fetched)");
  }
  if (matches > 1 && match->name != uri) {
    return fail(out, reason::kReferenceAmbiguous, "more than one detached content matches '" + uri + "'");
  }
  out.target = ReferenceTarget::kDetached;
  out.detached_name = match->name;
  data = octets_data(match->bytes);
  return true;
}

// Node-set to octets: canonical form with `method` (XMLDSig 4.4.3.2 uses inclusive C14N 1.0).
Result<std::string> to_octets(const ResolveContext& ctx, const Data& data, C14nMethod method,
                              const std::vector<std::string>& prefixes) {
  method.with_comments = method.with_comments && data.with_comments;
  NodeSubset subset = data.subset;
  if (data.filters && !data.filters->empty()) subset.filters = data.filters.get();
  StringSink sink;
  if (auto ok = canonicalize(ctx.doc, subset, method, prefixes, sink); !ok) return std::unexpected(ok.error());
  return std::move(sink.out);
}

// The string value of a node-set (the Base64 transform's input, XMLDSig 6.6.2): its text nodes.
std::string string_value(const ResolveContext& ctx, const Data& data) {
  const xmlNode* apex = data.subset.apex != nullptr ? data.subset.apex : xmlDocGetRootElement(ctx.doc);
  std::string out;
  std::vector<const xmlNode*> stack{apex};
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (n == nullptr || n == data.subset.excluded) continue;
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != nullptr) {
      out += reinterpret_cast<const char*>(n->content);
    }
    if (n->type == XML_ELEMENT_NODE) {
      std::vector<const xmlNode*> kids;
      for (const xmlNode* c = n->children; c != nullptr; c = c->next) kids.push_back(c);
      stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
  }
  return out;
}

}  // namespace

Result<bool> resolve_reference(const ResolveContext& ctx, const xmlNode* reference, GeneralReference& out,
                               std::string& octets) {
  Data data;
  std::vector<const xmlNode*> transforms;
  if (const xmlNode* list = child_element(reference, kDsigNs, "Transforms"); list != nullptr) {
    for (const xmlNode* t : child_elements(list)) {
      std::string algorithm;
      attribute(t, "Algorithm", &algorithm);
      out.transforms.push_back(algorithm);
      transforms.push_back(t);
    }
  }
  if (!dereference(ctx, reference, out, data)) return false;
  if (transforms.size() > ctx.max_transforms) {
    return fail(out, reason::kTransformNotAllowed, std::to_string(transforms.size()) + " transforms (limit " +
                                                       std::to_string(ctx.max_transforms) + ")");
  }

  // A document parsed from octets for a C14N transform over detached or decoded data.
  std::shared_ptr<const xml::Document> reparsed;
  for (std::size_t i = 0; i < transforms.size(); ++i) {
    const std::string& algorithm = out.transforms[i];
    if (algorithm == kEnvelopedTransform) {
      // XMLDSig 6.6.4: removes the whole Signature containing the transform from the node-set.
      if (!data.is_node_set || reparsed) {
        return fail(out, reason::kTransformFailed, "the enveloped-signature transform needs a node-set of this document");
      }
      data.subset.excluded = ctx.signature;
      continue;
    }
    if (auto c14n = c14n_from_uri(algorithm); c14n) {
      if (data.is_node_set) {
        auto bytes = to_octets(ctx, data, *c14n, prefix_list(transforms[i]));
        if (!bytes) return fail(out, reason::kTransformFailed, "canonicalisation failed: " + bytes.error().message());
        data = octets_data(std::move(*bytes));
      } else {
        // Octets to node-set by parsing them (XMLDSig 4.4.3.2), with the engine's secure parser.
        auto doc = xml::Document::parse(data.octets);
        if (!doc) return fail(out, reason::kTransformFailed, "the data is not XML: " + doc.error().message());
        reparsed = *doc;
        StringSink sink;
        if (auto ok = canonicalize(reparsed->raw(), {nullptr, nullptr}, *c14n, prefix_list(transforms[i]), sink); !ok) {
          return fail(out, reason::kTransformFailed, "canonicalisation failed: " + ok.error().message());
        }
        data = octets_data(std::move(sink.out));
      }
      continue;
    }
    if (algorithm == kBase64Transform) {
      const std::string text = data.is_node_set ? string_value(ctx, data) : data.octets;
      auto decoded = base64_decode(text);
      if (!decoded) return fail(out, reason::kTransformFailed, "the Base64 transform's input is not base64");
      data = octets_data(std::move(*decoded));
      continue;
    }
    if (algorithm == kXsltTransform) {
      return fail(out, reason::kTransformNotAllowed, "XSLT transforms are never run");
    }
    if (algorithm == kXpathFilter2) {
      if (!data.is_node_set || reparsed) {
        return fail(out, reason::kTransformFailed, "the XPath Filter 2.0 transform needs a node-set of this document");
      }
      FilterGroup group;
      std::string error;
      if (!read_filter2(ctx.doc, transforms[i], group, error)) return fail(out, reason::kTransformFailed, error);
      if (!data.filters) data.filters = std::make_shared<std::vector<FilterGroup>>();
      data.filters->push_back(std::move(group));
      continue;
    }
    if (algorithm == kXpathTransform) {
      // XPath 1.0 transforms evaluate an expression per node (XMLDSig 6.6.3): refused, as the
      // strict verifier does; Filter 2.0 covers what signers use them for.
      return fail(out, reason::kTransformUnsupported, "XPath (1.0) transforms are not supported");
    }
    return fail(out, reason::kTransformUnsupported, "unknown transform '" + algorithm + "'");
  }
  if (data.is_node_set) {
    auto bytes = to_octets(ctx, data, C14nMethod{C14nMode::kInclusive10, data.with_comments}, {});
    if (!bytes) return fail(out, reason::kTransformFailed, "canonicalisation failed: " + bytes.error().message());
    octets = std::move(*bytes);
  } else {
    octets = std::move(data.octets);
  }
  out.found = true;
  return true;
}

}  // namespace assay::engine::xmldsig::internal
