#include "engine/xmldsig/internal/exc_c14n.h"

#include <libxml/tree.h>
#include <libxml/uri.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace assay::engine::xmldsig::internal {
namespace {

constexpr std::size_t kBlock = 64 * 1024;
constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

std::string_view view(const xmlChar* s) {
  return s == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(s));
}

// Characters replaced in text nodes (C14N 1.0 section 2.3: & < > and #xD) and in attribute
// values (& < " #x9 #xA #xD), as tables from character to replacement and as strcspn sets.
enum Escape : unsigned char { kNone = 0, kAmp, kLt, kGt, kQuot, kTab, kLf, kCr };
constexpr std::array<std::string_view, 8> kReplacement{"", "&amp;", "&lt;", "&gt;", "&quot;", "&#x9;", "&#xA;", "&#xD;"};

constexpr std::array<unsigned char, 256> make_table(bool attribute) {
  std::array<unsigned char, 256> t{};
  t['&'] = kAmp;
  t['<'] = kLt;
  t['\r'] = kCr;
  if (attribute) {
    t['"'] = kQuot;
    t['\t'] = kTab;
    t['\n'] = kLf;
  } else {
    t['>'] = kGt;
  }
  return t;
}
constexpr auto kTextTable = make_table(false);
constexpr auto kAttrTable = make_table(true);
constexpr const char* kTextSpecials = "&<>\r";
constexpr const char* kAttrSpecials = "&<\"\t\n\r";

// A namespace binding (prefix "" for the default namespace), pointing into the tree.
struct Binding {
  std::string_view prefix;
  std::string_view href;
};

bool is_xml_namespace(const Binding& b) { return b.prefix == "xml" && b.href == kXmlNamespace; }

// Where processing instructions stand relative to the document element (C14N 1.0 section 2.3:
// a PI before it is followed by #xA, one after it is preceded by #xA).
enum class Position { kBefore, kInside, kAfter };

class Canonicalizer {
 public:
  Canonicalizer(const NodeSubset& subset, ByteSink& sink)
      : excluded_(subset.excluded), sink_(sink), buffer_(std::make_unique<char[]>(kBlock)) {}

  Result<void> document(const xmlDoc* doc) {
    Position position = Position::kBefore;
    for (const xmlNode* c = doc->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) {
        if (c == excluded_) {
          if (!namespaces_valid(c, nullptr)) return relative_namespace();
          continue;
        }
        if (auto ok = subtree(c, Position::kInside); !ok) return ok;
        position = Position::kAfter;
      } else if (c->type == XML_PI_NODE) {
        processing_instruction(c, position);
      }
      // Comments, the DTD and anything else outside the document element are not output.
    }
    flush();
    return {};
  }

  Result<void> element_apex(const xmlDoc* doc, const xmlNode* apex, NamespaceCheck check) {
    // libxml2 checks the namespace declarations of every element of the document, also outside
    // the subset; do the same (unless the caller checks them elsewhere) so both paths fail on
    // the same documents.
    if (check == NamespaceCheck::kWholeDocument &&
        !namespaces_valid(xmlDocGetRootElement(const_cast<xmlDoc*>(doc)), apex)) {
      return relative_namespace();
    }
    if (apex == excluded_) {
      if (!namespaces_valid(apex, nullptr)) return relative_namespace();
    } else if (auto ok = subtree(apex, Position::kInside); !ok) {
      return ok;
    }
    flush();
    return {};
  }

 private:
  static Result<void> relative_namespace() {
    return fail(Code::kInternal, "XML canonicalisation failed: relative namespace URI (C14N 1.0 section 2)");
  }

  // --- output buffer -------------------------------------------------------------------------
  void flush() {
    if (used_ > 0) sink_.write(std::string_view(buffer_.get(), used_));
    used_ = 0;
  }
  void put(std::string_view s) {
    if (s.size() > kBlock - used_) {
      flush();
      if (s.size() >= kBlock) {
        sink_.write(s);
        return;
      }
    }
    std::memcpy(buffer_.get() + used_, s.data(), s.size());
    used_ += s.size();
  }
  void put(char c) {
    if (used_ == kBlock) flush();
    buffer_[used_++] = c;
  }
  // Copies runs without special characters in one go (strcspn is vectorised in glibc; text in
  // trusted lists is mostly long base64 runs).
  void put_escaped(const xmlChar* s, const std::array<unsigned char, 256>& table, const char* specials) {
    if (s == nullptr) return;
    const char* p = reinterpret_cast<const char*>(s);
    for (;;) {
      const std::size_t run = std::strcspn(p, specials);
      put(std::string_view(p, run));
      p += run;
      if (*p == 0) return;
      put(kReplacement[table[static_cast<unsigned char>(*p)]]);
      ++p;
    }
  }

  void put_qname(const xmlNs* ns, const xmlChar* local) {
    if (ns != nullptr && ns->prefix != nullptr && ns->prefix[0] != 0) {
      put(view(ns->prefix));
      put(':');
    }
    put(view(local));
  }

  // --- relative namespace URIs -----------------------------------------------------------------
  // True when every namespace declaration on the elements of `top`'s subtree, minus `skip`'s
  // subtree, has an empty or absolute URI (the test libxml2 applies, with its own URI parser).
  bool namespaces_valid(const xmlNode* top, const xmlNode* skip) {
    const xmlNode* n = top;
    while (n != nullptr) {
      bool descend = false;
      if (n->type == XML_ELEMENT_NODE && n != skip) {
        for (const xmlNs* ns = n->nsDef; ns != nullptr; ns = ns->next) {
          if (!href_valid(view(ns->href))) return false;
        }
        descend = n->children != nullptr;
      }
      if (descend) {
        n = n->children;
        continue;
      }
      while (n != top && n->next == nullptr) n = n->parent;
      if (n == top) break;
      n = n->next;
    }
    return true;
  }
  bool href_valid(std::string_view href) {
    if (href.empty()) return true;
    if (std::find(valid_hrefs_.begin(), valid_hrefs_.end(), href) != valid_hrefs_.end()) return true;
    xmlURIPtr uri = xmlParseURI(href.data());  // href is NUL-terminated (it views an xmlChar*)
    const bool absolute = uri != nullptr && uri->scheme != nullptr && uri->scheme[0] != 0;
    if (uri != nullptr) xmlFreeURI(uri);
    if (absolute) valid_hrefs_.push_back(href);
    return absolute;
  }

  // --- nodes ---------------------------------------------------------------------------------
  void processing_instruction(const xmlNode* pi, Position position) {
    if (position == Position::kAfter) put('\n');
    put("<?");
    put(view(pi->name));
    if (pi->content != nullptr && pi->content[0] != 0) {
      put(' ');
      // libxml2 writes #xD in PI data as a character reference (it cannot occur after parsing).
      for (const xmlChar* p = pi->content; *p != 0; ++p) {
        if (*p == '\r') {
          put(kReplacement[kCr]);
        } else {
          put(static_cast<char>(*p));
        }
      }
    }
    put("?>");
    if (position == Position::kBefore) put('\n');
  }

  // Outputs the element `top` and everything inside it, minus the excluded subtree. Iterative,
  // so the depth of the document does not matter.
  Result<void> subtree(const xmlNode* top, Position inside) {
    const xmlNode* n = top;
    for (;;) {
      bool descend = false;
      switch (n->type) {
        case XML_ELEMENT_NODE:
          if (n == excluded_) {
            if (!namespaces_valid(n, nullptr)) return relative_namespace();
            break;
          }
          if (!namespaces_valid_here(n)) return relative_namespace();
          if (auto ok = start_tag(n); !ok) return ok;
          if (n->children != nullptr) {
            descend = true;
          } else {
            end_tag(n);
          }
          break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          put_escaped(n->content, kTextTable, kTextSpecials);
          break;
        case XML_PI_NODE:
          processing_instruction(n, inside);
          break;
        case XML_ENTITY_REF_NODE:
          return fail(Code::kInternal, "XML canonicalisation failed: entity reference node");
        default:
          break;  // comments (removed), XInclude markers
      }
      if (descend) {
        n = n->children;
        continue;
      }
      while (n != top && n->next == nullptr) {
        n = n->parent;
        end_tag(n);
      }
      if (n == top) break;
      n = n->next;
    }
    return {};
  }

  bool namespaces_valid_here(const xmlNode* e) {
    for (const xmlNs* ns = e->nsDef; ns != nullptr; ns = ns->next) {
      if (!href_valid(view(ns->href))) return false;
    }
    return true;
  }

  // "Already rendered" as exclusive C14N defines it (section 3, "in effect"): the nearest
  // output ancestor binding of this prefix has this URI; an unbound default prefix counts as
  // xmlns="" in effect.
  bool rendered(const Binding& b) const {
    for (auto it = rendered_.rbegin(); it != rendered_.rend(); ++it) {
      if (it->prefix == b.prefix) return it->href == b.href;
    }
    return b.prefix.empty() && b.href.empty();
  }

  // The default namespace declaration in scope of an element without a namespace (what
  // libxml2's xmlSearchNs(NULL) finds; in a parsed document only an xmlns="" can be in scope).
  static const xmlNs* default_in_scope(const xmlNode* e) {
    for (const xmlNode* n = e; n != nullptr && n->type == XML_ELEMENT_NODE; n = n->parent) {
      for (const xmlNs* ns = n->nsDef; ns != nullptr; ns = ns->next) {
        if (ns->prefix == nullptr && ns->href != nullptr) return ns;
      }
      if (n != e && n->ns != nullptr && n->ns->prefix == nullptr && n->ns->href != nullptr) return n->ns;
    }
    return nullptr;
  }

  // Exclusive C14N section 3: an element's namespace nodes are output iff visibly utilised (the
  // element's prefix or one of its attributes' prefixes) and not already in effect.
  Result<void> start_tag(const xmlNode* e) {
    frames_.push_back(rendered_.size());
    put('<');
    put_qname(e->ns, e->name);

    pending_.clear();
    bool utilises_empty = false;  // an unprefixed element in no namespace
    bool has_empty = false;       // the default prefix is utilised with some namespace
    const xmlNs* ens = e->ns != nullptr ? e->ns : default_in_scope(e);
    if (ens != nullptr) {
      const Binding b{view(ens->prefix), view(ens->href)};
      if (!is_xml_namespace(b)) {
        if (!rendered(b)) pending_.push_back(b);
        rendered_.push_back(b);
        if (b.prefix.empty()) has_empty = true;
      }
    } else {
      utilises_empty = true;
    }

    attributes_.clear();
    for (const xmlAttr* a = e->properties; a != nullptr; a = a->next) {
      attributes_.push_back(a);
      if (a->ns == nullptr) continue;  // unprefixed attributes have no namespace
      const Binding b{view(a->ns->prefix), view(a->ns->href)};
      if (is_xml_namespace(b)) continue;  // xml:* never needs a declaration
      const bool already = rendered(b);
      rendered_.push_back(b);
      if (!already) pending_.push_back(b);
      if (b.prefix.empty()) has_empty = true;
    }

    if (utilises_empty && !has_empty && !rendered(Binding{})) put(" xmlns=\"\"");
    std::sort(pending_.begin(), pending_.end(),
              [](const Binding& x, const Binding& y) { return x.prefix < y.prefix; });
    for (const Binding& b : pending_) {
      if (b.prefix.empty()) {
        put(" xmlns=");
      } else {
        put(" xmlns:");
        put(b.prefix);
        put('=');
      }
      put_namespace_uri(b.href);
    }

    // C14N 1.0 section 2.2: attributes by namespace URI (none first), then local name.
    if (attributes_.size() > 1) {
      std::sort(attributes_.begin(), attributes_.end(), [](const xmlAttr* x, const xmlAttr* y) {
        if ((x->ns == nullptr) != (y->ns == nullptr)) return x->ns == nullptr;
        if (x->ns != nullptr && x->ns != y->ns) {
          const int c = view(x->ns->href).compare(view(y->ns->href));
          if (c != 0) return c < 0;
        }
        return view(x->name) < view(y->name);
      });
    }
    for (const xmlAttr* a : attributes_) {
      put(' ');
      put_qname(a->ns, a->name);
      put("=\"");
      for (const xmlNode* v = a->children; v != nullptr; v = v->next) {
        if (v->type == XML_TEXT_NODE || v->type == XML_CDATA_SECTION_NODE) {
          put_escaped(v->content, kAttrTable, kAttrSpecials);
        } else if (v->type == XML_ENTITY_REF_NODE) {
          return fail(Code::kInternal, "XML canonicalisation failed: entity reference in an attribute");
        }
      }
      put('"');
    }
    put('>');
    return {};
  }

  // Namespace URIs are written the way libxml2's c14n writes them (xmlBufWriteQuotedString):
  // raw between double quotes, or single quotes when the URI holds '"' but no '\''. URIs that
  // parse as absolute cannot hold '<' or quotes, so this only matters for '&' (kept raw).
  void put_namespace_uri(std::string_view href) {
    const bool dquote = href.find('"') != std::string_view::npos;
    const bool squote = href.find('\'') != std::string_view::npos;
    if (dquote && !squote) {
      put('\'');
      put(href);
      put('\'');
      return;
    }
    put('"');
    for (const char c : href) {
      if (c == '"') {
        put(kReplacement[kQuot]);
      } else {
        put(c);
      }
    }
    put('"');
  }

  void end_tag(const xmlNode* e) {
    put("</");
    put_qname(e->ns, e->name);
    put('>');
    rendered_.resize(frames_.back());
    frames_.pop_back();
  }

  const xmlNode* excluded_;
  ByteSink& sink_;
  std::unique_ptr<char[]> buffer_;
  std::size_t used_ = 0;
  std::vector<Binding> rendered_;       // bindings in effect from output ancestors, outermost first
  std::vector<std::size_t> frames_;     // rendered_.size() at each open element
  std::vector<Binding> pending_;        // declarations of the current element
  std::vector<const xmlAttr*> attributes_;
  std::vector<std::string_view> valid_hrefs_;  // namespace URIs already found absolute
};

}  // namespace

Result<void> canonicalize_exclusive_fast(const _xmlDoc* doc, const NodeSubset& subset, ByteSink& sink,
                                         NamespaceCheck check) {
  Canonicalizer c(subset, sink);
  if (subset.apex == nullptr) return c.document(doc);
  return c.element_apex(doc, subset.apex, check);
}

}  // namespace assay::engine::xmldsig::internal
