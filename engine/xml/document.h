// Secure XML loading and namespace-aware navigation over libxml2 trees.
//
// Parsing is safe by construction: from memory only, no network, no DTD loading, no entity
// substitution, any DOCTYPE rejected before its declarations are read, limits on size, depth and
// attributes. libxml2 never prints: its messages are collected per call with line and column.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

struct _xmlDoc;
struct _xmlNode;

namespace assay::engine::xml {

struct Limits {
  std::size_t max_bytes = 64u << 20;    // whole document
  int max_depth = 128;                  // element nesting (trusted lists need about 15)
  std::size_t max_attributes = 64;      // per element
  std::size_t max_elements = 4u << 20;  // whole document
  // Elements plus text pieces, comments, processing instructions and CDATA sections, counted as
  // the parser reports them (a long text may count several times): bounds the tree's memory
  // where max_elements alone does not (millions of comments in a few MB).
  std::size_t max_nodes = 16u << 20;
};

class Document;
class ChildRange;

// A non-owning view of an element (or the absence of one: test with `operator bool`).
// Valid as long as its Document lives. Cheap to copy.
class Node {
 public:
  Node() = default;
  explicit Node(const _xmlNode* n) : n_(n) {}

  explicit operator bool() const { return n_ != nullptr; }
  const _xmlNode* raw() const { return n_; }

  std::string_view local_name() const;
  std::string_view namespace_uri() const;  // empty when none
  bool is(std::string_view ns, std::string_view local) const;

  // The first child element with this namespace URI and local name (never matched on prefixes).
  Node child(std::string_view ns, std::string_view local) const;
  // Child elements with this namespace URI and local name, in document order, without allocating.
  ChildRange children(std::string_view ns, std::string_view local) const;
  // Every child element, in document order, without allocating.
  ChildRange child_elements() const;
  Node first_child_element() const;
  Node next_sibling_element() const;
  Node parent() const;

  // Concatenated text of the direct text and CDATA children, exactly as in the canonical form
  // (comments and processing instructions are skipped, not treated as ends).
  std::string text() const;
  // The text without copying when it is a single text node; otherwise copied into `scratch`.
  std::string_view text_view(std::string& scratch) const;
  // text() with leading and trailing XML white space removed.
  std::string trimmed_text() const;

  // An attribute without namespace (ns empty) or in the given namespace.
  std::optional<std::string> attribute(std::string_view name, std::string_view ns = {}) const;

  int line() const;
  // "/TrustServiceStatusList/SchemeInformation/TSLType": local names from the root, with
  // "[n]" (1-based) where an element has same-named siblings before it.
  std::string path() const;

 private:
  const _xmlNode* n_ = nullptr;
};

// Iterates the child elements of a node, optionally only those with one namespace + local name.
class ChildRange {
 public:
  class iterator {
   public:
    using value_type = Node;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(Node n, const ChildRange* range) : n_(n), range_(range) {}
    Node operator*() const { return n_; }
    iterator& operator++() {
      n_ = range_->next_match(n_.next_sibling_element());
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++*this;
      return old;
    }
    bool operator==(const iterator& o) const { return n_.raw() == o.n_.raw(); }

   private:
    Node n_;
    const ChildRange* range_ = nullptr;
  };

  ChildRange(Node parent, std::string_view ns, std::string_view local, bool filtered)
      : parent_(parent), ns_(ns), local_(local), filtered_(filtered) {}
  iterator begin() const { return iterator(next_match(parent_.first_child_element()), this); }
  iterator end() const { return iterator(Node(), this); }
  bool empty() const { return begin() == end(); }
  std::size_t size() const;

 private:
  Node next_match(Node from) const;
  Node parent_;
  std::string_view ns_;
  std::string_view local_;
  bool filtered_;
};

// A parsed document. Immutable after parsing; share as shared_ptr<const Document>.
class Document {
 public:
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // Parses `bytes` under `limits`. Errors: kResourceExhausted (size, depth, attribute or element
  // limits), kUnsupported (a DOCTYPE), kMalformed (not well-formed, bad encoding, empty).
  // The message names line and column of the first problem.
  static Result<std::shared_ptr<const Document>> parse(std::string_view bytes, const Limits& limits = {});

  Node root() const;
  // For engine/ code that works on the libxml2 tree directly (canonicalisation, signatures).
  _xmlDoc* raw() const { return doc_; }

 private:
  explicit Document(_xmlDoc* doc) : doc_(doc) {}
  _xmlDoc* doc_;  // owned; freed with xmlFreeDoc
};

}  // namespace assay::engine::xml
