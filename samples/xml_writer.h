// A tiny streaming XML writer for the sample federation: elements, attributes and escaped text,
// indented two spaces per level. It exists so that the samples never depend on the tsl/ reader
// they are meant to test. Not thread-safe (one writer per document).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace assay::samples {

// Escapes &, <, > (and " for attribute values).
std::string xml_escape(std::string_view text, bool attribute = false);

class XmlWriter {
 public:
  using Attributes = std::vector<std::pair<std::string, std::string>>;

  XmlWriter();

  // Opens <name attrs...>; must be closed with close().
  void open(std::string_view name, const Attributes& attributes = {});
  void close();
  // <name attrs...>text</name> on one line (text escaped).
  void element(std::string_view name, std::string_view text, const Attributes& attributes = {});
  // <name attrs.../>
  void empty(std::string_view name, const Attributes& attributes = {});

  // The document so far (every opened element must have been closed).
  const std::string& str() const { return out_; }

 private:
  void start_tag(std::string_view name, const Attributes& attributes);
  void indent();

  std::string out_;
  std::vector<std::string> stack_;
};

}  // namespace assay::samples
