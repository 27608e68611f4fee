#include "engine/xml/document.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>

#include <climits>
#include <cstring>

#include "engine/c_handle.h"

namespace assay::engine::xml {
namespace {

using ParserCtxtPtr = CHandle<xmlParserCtxt, xmlFreeParserCtxt>;
using XmlDocPtr = CHandle<xmlDoc, xmlFreeDoc>;

// Per-parse state reached from libxml2 callbacks through ctxt->_private.
struct ParseState {
  const Limits* limits = nullptr;
  int depth = 0;
  std::size_t elements = 0;
  std::size_t nodes = 0;  // elements and every other node callback
  // The first reason we stopped the parser ourselves (takes precedence over libxml2's message).
  std::optional<Error> stopped;
  // The first error libxml2 reported.
  std::optional<std::string> first_error;
};

ParseState& state_of(void* ctx) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  return *static_cast<ParseState*>(ctxt->_private);
}

std::string where(xmlParserCtxtPtr ctxt) {
  const int line = xmlSAX2GetLineNumber(ctxt);
  const int column = xmlSAX2GetColumnNumber(ctxt);
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

void stop(void* ctx, Code code, const std::string& message) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  ParseState& st = state_of(ctx);
  if (!st.stopped) st.stopped = Error(code, message + " at " + where(ctxt));
  xmlStopParser(ctxt);
}

// A DOCTYPE is refused before any of its declarations is read: no entities, no external subset.
void on_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) noexcept {
  stop(ctx, Code::kUnsupported, "DOCTYPE declarations are not allowed");
}

void on_entity_decl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) noexcept {
  stop(ctx, Code::kUnsupported, "entity declarations are not allowed");
}

void on_start_element(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri,
                      int nb_namespaces, const xmlChar** namespaces, int nb_attributes, int nb_defaulted,
                      const xmlChar** attributes) noexcept {
  ParseState& st = state_of(ctx);
  if (st.stopped) return;
  if (++st.depth > st.limits->max_depth) {
    return stop(ctx, Code::kResourceExhausted,
                "element nesting deeper than " + std::to_string(st.limits->max_depth));
  }
  if (++st.nodes > st.limits->max_nodes) {
    return stop(ctx, Code::kResourceExhausted, "more than " + std::to_string(st.limits->max_nodes) + " nodes");
  }
  if (++st.elements > st.limits->max_elements) {
    return stop(ctx, Code::kResourceExhausted,
                "more than " + std::to_string(st.limits->max_elements) + " elements");
  }
  if (static_cast<std::size_t>(nb_attributes) + static_cast<std::size_t>(nb_namespaces) >
      st.limits->max_attributes) {
    return stop(ctx, Code::kResourceExhausted,
                "an element has more than " + std::to_string(st.limits->max_attributes) + " attributes");
  }
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
                        attributes);
}

// Counts a non-element node; false (and the parser stopped) past max_nodes.
bool count_node(void* ctx) {
  ParseState& st = state_of(ctx);
  if (st.stopped) return false;
  if (++st.nodes > st.limits->max_nodes) {
    stop(ctx, Code::kResourceExhausted, "more than " + std::to_string(st.limits->max_nodes) + " nodes");
    return false;
  }
  return true;
}

void on_characters(void* ctx, const xmlChar* ch, int len) noexcept {
  if (count_node(ctx)) xmlSAX2Characters(ctx, ch, len);
}

void on_cdata(void* ctx, const xmlChar* value, int len) noexcept {
  if (count_node(ctx)) xmlSAX2CDataBlock(ctx, value, len);
}

void on_comment(void* ctx, const xmlChar* value) noexcept {
  if (count_node(ctx)) xmlSAX2Comment(ctx, value);
}

void on_processing_instruction(void* ctx, const xmlChar* target, const xmlChar* data) noexcept {
  if (count_node(ctx)) xmlSAX2ProcessingInstruction(ctx, target, data);
}

void on_end_element(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri) noexcept {
  ParseState& st = state_of(ctx);
  --st.depth;
  if (st.stopped) return;
  xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

void on_error(void* ctx, xmlErrorPtr error) noexcept {
  if (error == nullptr || error->level < XML_ERR_ERROR) return;  // warnings carry no verdict
  ParseState& st = state_of(ctx);
  if (st.first_error) return;
  std::string message = error->message != nullptr ? error->message : "unknown XML error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  st.first_error = message + " at line " + std::to_string(error->line) + ", column " + std::to_string(error->int2);
}

int count_same_named_before(const xmlNode* n) {
  int index = 0;
  for (const xmlNode* s = n->prev; s != nullptr; s = s->prev) {
    if (s->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(s->name),
                                                   reinterpret_cast<const char*>(n->name)) == 0) {
      ++index;
    }
  }
  return index;
}

bool has_same_named_after(const xmlNode* n) {
  for (const xmlNode* s = n->next; s != nullptr; s = s->next) {
    if (s->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(s->name),
                                                   reinterpret_cast<const char*>(n->name)) == 0) {
      return true;
    }
  }
  return false;
}

std::string_view view(const xmlChar* s) {
  return s == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(s));
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Document::~Document() { xmlFreeDoc(doc_); }

Result<std::shared_ptr<const Document>> Document::parse(std::string_view bytes, const Limits& limits) {
  if (bytes.empty()) return fail(Code::kMalformed, "empty document");
  if (bytes.size() > limits.max_bytes || bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return fail(Code::kResourceExhausted, "document of " + std::to_string(bytes.size()) +
                                              " bytes is over the limit of " + std::to_string(limits.max_bytes));
  }
  ParserCtxtPtr ctxt(xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size())));
  if (!ctxt) return fail(Code::kInternal, "cannot create an XML parser context");

  ParseState state;
  state.limits = &limits;
  ctxt->_private = &state;
  // No network, no DTD loading or attribute defaults, no entity substitution, no XInclude.
  // (Without XML_PARSE_HUGE libxml2 also keeps its own text-node and name limits.)
  xmlCtxtUseOptions(ctxt.get(), XML_PARSE_NONET | XML_PARSE_NOXINCNODE);
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->externalSubset = on_doctype;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->startElementNs = on_start_element;
  ctxt->sax->endElementNs = on_end_element;
  ctxt->sax->characters = on_characters;
  if (ctxt->sax->ignorableWhitespace == xmlSAX2Characters) ctxt->sax->ignorableWhitespace = on_characters;
  ctxt->sax->cdataBlock = on_cdata;
  ctxt->sax->comment = on_comment;
  ctxt->sax->processingInstruction = on_processing_instruction;
  ctxt->sax->serror = on_error;
  ctxt->sax->error = nullptr;
  ctxt->sax->warning = nullptr;
  ctxt->vctxt.error = nullptr;
  ctxt->vctxt.warning = nullptr;

  xmlParseDocument(ctxt.get());
  XmlDocPtr doc(ctxt->myDoc);  // we own whatever was built, even on failure
  ctxt->myDoc = nullptr;

  if (state.stopped) return std::unexpected(*state.stopped);
  if (!ctxt->wellFormed || state.first_error) {
    return fail(Code::kMalformed, "not well-formed XML: " + state.first_error.value_or("unknown error"));
  }
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
    return fail(Code::kMalformed, "no root element");
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return fail(Code::kUnsupported, "DOCTYPE declarations are not allowed");
  }
  // Ownership of the tree moves into the Document.
  return std::shared_ptr<const Document>(new Document(doc.release()));
}

Node Document::root() const { return Node(xmlDocGetRootElement(doc_)); }

std::string_view Node::local_name() const { return n_ ? view(n_->name) : std::string_view{}; }

std::string_view Node::namespace_uri() const {
  return (n_ && n_->ns) ? view(n_->ns->href) : std::string_view{};
}

bool Node::is(std::string_view ns, std::string_view local) const {
  return n_ && n_->type == XML_ELEMENT_NODE && local_name() == local && namespace_uri() == ns;
}

Node Node::child(std::string_view ns, std::string_view local) const {
  for (Node c = first_child_element(); c; c = c.next_sibling_element()) {
    if (c.is(ns, local)) return c;
  }
  return Node();
}

ChildRange Node::children(std::string_view ns, std::string_view local) const {
  return ChildRange(*this, ns, local, true);
}

ChildRange Node::child_elements() const { return ChildRange(*this, {}, {}, false); }

Node ChildRange::next_match(Node from) const {
  if (!filtered_) return from;
  while (from && !from.is(ns_, local_)) from = from.next_sibling_element();
  return from;
}

std::size_t ChildRange::size() const {
  std::size_t n = 0;
  for (auto it = begin(); it != end(); ++it) ++n;
  return n;
}

Node Node::first_child_element() const {
  if (!n_) return Node();
  for (const xmlNode* c = n_->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return Node(c);
  }
  return Node();
}

Node Node::next_sibling_element() const {
  if (!n_) return Node();
  for (const xmlNode* c = n_->next; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return Node(c);
  }
  return Node();
}

Node Node::parent() const {
  if (!n_ || n_->parent == nullptr || n_->parent->type != XML_ELEMENT_NODE) return Node();
  return Node(n_->parent);
}

std::string Node::text() const {
  std::string out;
  if (!n_) return out;
  for (const xmlNode* c = n_->children; c != nullptr; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != nullptr) {
      out.append(reinterpret_cast<const char*>(c->content));
    }
  }
  return out;
}

std::string_view Node::text_view(std::string& scratch) const {
  if (!n_) return {};
  const xmlNode* c = n_->children;
  if (c != nullptr && c->next == nullptr && c->type == XML_TEXT_NODE && c->content != nullptr) return view(c->content);
  scratch = text();
  return scratch;
}

std::string Node::trimmed_text() const {
  // Common case, one text child: trimmed in place instead of copied twice.
  std::string scratch;
  const std::string_view s = text_view(scratch);
  std::size_t b = 0, e = s.size();
  while (b < e && is_xml_space(s[b])) ++b;
  while (e > b && is_xml_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::optional<std::string> Node::attribute(std::string_view name, std::string_view ns) const {
  if (!n_) return std::nullopt;
  for (const xmlAttr* a = n_->properties; a != nullptr; a = a->next) {
    if (view(a->name) != name) continue;
    const std::string_view ans = a->ns ? view(a->ns->href) : std::string_view{};
    if (ans != ns) continue;
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) value.append(reinterpret_cast<const char*>(c->content));
    }
    return value;
  }
  return std::nullopt;
}

int Node::line() const { return n_ ? static_cast<int>(xmlGetLineNo(n_)) : 0; }

std::string Node::path() const {
  std::vector<std::string> parts;
  for (const xmlNode* n = n_; n != nullptr && n->type == XML_ELEMENT_NODE; n = n->parent) {
    std::string part(view(n->name));
    const int before = count_same_named_before(n);
    if (before > 0 || has_same_named_after(n)) {
      // Appended piecewise: GCC 12 raises a false -Wrestrict on "[" + to_string(..) at -O3.
      part.push_back('[');
      part.append(std::to_string(before + 1));
      part.push_back(']');
    }
    parts.push_back(std::move(part));
  }
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    out.push_back('/');
    out.append(*it);
  }
  return out;
}

}  // namespace assay::engine::xml
