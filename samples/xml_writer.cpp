#include "samples/xml_writer.h"

namespace assay::samples {

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
        } else {
          out += c;
        }
        break;
      default: out += c;
    }
  }
  return out;
}

XmlWriter::XmlWriter() { out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }

void XmlWriter::indent() { out_.append(stack_.size() * 2, ' '); }

void XmlWriter::start_tag(std::string_view name, const Attributes& attributes) {
  indent();
  out_ += '<';
  out_ += name;
  for (const auto& [key, value] : attributes) {
    out_ += ' ';
    out_ += key;
    out_ += "=\"";
    out_ += xml_escape(value, true);
    out_ += '"';
  }
}

void XmlWriter::open(std::string_view name, const Attributes& attributes) {
  start_tag(name, attributes);
  out_ += ">\n";
  stack_.emplace_back(name);
}

void XmlWriter::close() {
  if (stack_.empty()) return;
  const std::string name = std::move(stack_.back());
  stack_.pop_back();
  indent();
  out_ += "</" + name + ">\n";
}

void XmlWriter::element(std::string_view name, std::string_view text, const Attributes& attributes) {
  start_tag(name, attributes);
  out_ += '>';
  out_ += xml_escape(text);
  out_ += "</";
  out_ += name;
  out_ += ">\n";
}

void XmlWriter::empty(std::string_view name, const Attributes& attributes) {
  start_tag(name, attributes);
  out_ += "/>\n";
}

}  // namespace assay::samples
