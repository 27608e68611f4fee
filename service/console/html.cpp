#include "service/console/html.h"

#include "service/text/markup_escape.h"

namespace assay::service::console {

std::string escape(std::string_view text) { return text::markup_escape(text); }

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void Html::attrs(std::initializer_list<Attr> list) {
  for (const auto& a : list) {
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    out_ += escape(a.value);
    out_ += '"';
  }
}

Html& Html::open(std::string_view tag, std::initializer_list<Attr> list) {
  out_ += '<';
  out_ += tag;
  attrs(list);
  out_ += '>';
  return *this;
}

Html& Html::close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

Html& Html::el(std::string_view tag, std::string_view value, std::initializer_list<Attr> list) {
  open(tag, list);
  out_ += escape(value);
  return close(tag);
}

Html& Html::empty(std::string_view tag, std::initializer_list<Attr> list) {
  out_ += '<';
  out_ += tag;
  attrs(list);
  out_ += '>';
  return *this;
}

Html& Html::text(std::string_view value) {
  out_ += escape(value);
  return *this;
}

Html& Html::link(std::string_view href, std::string_view value, std::initializer_list<Attr> list) {
  out_ += "<a href=\"";
  out_ += escape(href);
  out_ += '"';
  attrs(list);
  out_ += '>';
  out_ += escape(value);
  out_ += "</a>";
  return *this;
}

Html& Html::fragment(const Html& other) {
  out_ += other.out_;
  return *this;
}

}  // namespace assay::service::console
