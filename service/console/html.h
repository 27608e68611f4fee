// A small HTML builder for the console (issue 20): every value reaches the page through one
// function, `escape`, so a provider called "<script>" is shown, never run. Markup comes only from
// the builder's own methods (tag names and attribute names are literals in the calling code);
// `fragment` inserts markup another Html built.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace assay::service::console {

// & < > " ' as entities: safe in element content and in quoted attribute values. THE escaping
// function of the console (it is text::markup_escape, shared with the SVG charts).
std::string escape(std::string_view text);

// Percent-encodes a query or path component (RFC 3986 2.1: everything but unreserved characters).
std::string url_encode(std::string_view text);

struct Attr {
  std::string_view name;   // a literal
  std::string value;       // escaped when written
};

class Html {
 public:
  // <tag a="v" ...>. `tag` and attribute names are literals of the caller; values are escaped.
  Html& open(std::string_view tag, std::initializer_list<Attr> attrs = {});
  Html& close(std::string_view tag);
  // <tag attrs>escaped text</tag>
  Html& el(std::string_view tag, std::string_view text, std::initializer_list<Attr> attrs = {});
  // A void element: <input ...>, <br>, <meta ...>.
  Html& empty(std::string_view tag, std::initializer_list<Attr> attrs = {});
  Html& text(std::string_view value);
  Html& link(std::string_view href, std::string_view text, std::initializer_list<Attr> attrs = {});
  // Markup built by another Html (already escaped).
  Html& fragment(const Html& other);
  // A literal piece of markup written in the code (never a value).
  template <std::size_t N>
  Html& literal(const char (&markup)[N]) {
    out_.append(markup, N - 1);
    return *this;
  }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }
  bool empty_text() const { return out_.empty(); }

 private:
  void attrs(std::initializer_list<Attr> attrs);
  std::string out_;
};

}  // namespace assay::service::console
