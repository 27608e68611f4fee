#include "engine/xmldsig/internal/tree.h"

#include <libxml/tree.h>

#include "engine/xml/document.h"

namespace assay::engine::xmldsig::internal {
namespace {

std::string_view view(const xmlChar* s) {
  return s == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(s));
}

constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

// `s == v` for a NUL-terminated name without measuring it first: the scans below compare every
// element and attribute name of the document, and most differ in the first byte.
bool name_equals(const xmlChar* s, std::string_view v) {
  if (s == nullptr) return v.empty();
  for (const char c : v) {
    if (static_cast<char>(*s) != c || *s == 0) return false;
    ++s;
  }
  return *s == 0;
}

bool is_id_attribute(const xmlAttr* a) {
  const xmlChar* name = a->name;
  if (name == nullptr || (name[0] != 'I' && name[0] != 'i')) return false;
  if (a->ns == nullptr) return name_equals(name, "Id") || name_equals(name, "ID") || name_equals(name, "id");
  return name_equals(name, "id") && view(a->ns->href) == kXmlNs;
}

std::string attribute_value(const xmlAttr* a) {
  std::string value;
  for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
    if (c->content != nullptr) value.append(reinterpret_cast<const char*>(c->content));
  }
  return value;
}

}  // namespace

bool is_element(const xmlNode* node, std::string_view ns, std::string_view local) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || !name_equals(node->name, local)) return false;
  return (node->ns != nullptr ? view(node->ns->href) : std::string_view{}) == ns;
}

const xmlNode* child_element(const xmlNode* parent, std::string_view ns, std::string_view local) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (is_element(c, ns, local)) return c;
  }
  return nullptr;
}

std::vector<const xmlNode*> child_elements(const xmlNode* parent) {
  std::vector<const xmlNode*> out;
  if (parent == nullptr) return out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  }
  return out;
}

bool attribute(const xmlNode* node, std::string_view name, std::string* value) {
  if (node == nullptr) return false;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->ns == nullptr && view(a->name) == name) {
      if (value != nullptr) *value = attribute_value(a);
      return true;
    }
  }
  return false;
}

std::string text_of(const xmlNode* node) { return xml::Node(node).text(); }

bool is_inside(const xmlNode* node, const xmlNode* ancestor) {
  for (const xmlNode* p = node; p != nullptr; p = p->parent) {
    if (p == ancestor) return true;
  }
  return false;
}

DocumentScan scan_document(const xmlDoc* doc, std::string_view match_ns, std::string_view match_local) {
  DocumentScan scan;
  const xmlNode* root = xmlDocGetRootElement(doc);
  // Iterative pre-order walk over elements: no recursion, whatever the depth.
  const xmlNode* n = root;
  while (n != nullptr) {
    if (is_element(n, match_ns, match_local)) scan.matches.push_back(n);
    for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      if (!is_id_attribute(a)) continue;
      std::string value = attribute_value(a);
      auto [it, inserted] = scan.ids.emplace(value, n);
      if (!inserted) scan.duplicate_ids.push_back(std::move(value));
    }
    const xmlNode* next = nullptr;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) { next = c; break; }
    }
    while (next == nullptr && n != nullptr && n != root) {
      for (const xmlNode* s = n->next; s != nullptr; s = s->next) {
        if (s->type == XML_ELEMENT_NODE) { next = s; break; }
      }
      if (next == nullptr) n = n->parent;
    }
    n = next;
  }
  return scan;
}

}  // namespace assay::engine::xmldsig::internal
