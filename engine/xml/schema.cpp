#include "engine/xml/schema.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>

#include <limits>
#include <mutex>

#include "engine/c_handle.h"

namespace assay::engine::xml {

namespace {

std::mutex g_mutex;
std::filesystem::path g_allowed_dir;  // guarded by g_mutex while a schema loads

// Loads a file only when it lies in the schema's directory (the XSD and its xs:imports).
xmlParserInputPtr schema_dir_loader(const char* url, const char*, xmlParserCtxtPtr ctxt) noexcept {
  if (url == nullptr || g_allowed_dir.empty()) return nullptr;
  std::string_view u(url);
  if (u.starts_with("file://")) u.remove_prefix(7);
  if (u.find("://") != std::string_view::npos) return nullptr;  // never the network
  std::error_code ec;
  const auto path = std::filesystem::weakly_canonical(std::filesystem::path(std::string(u)), ec);
  if (ec || path.parent_path() != g_allowed_dir) return nullptr;
  return xmlNewInputFromFile(ctxt, path.c_str());
}

void collect(void* user, xmlErrorPtr error) noexcept {
  if (user == nullptr || error == nullptr) return;
  auto* out = static_cast<std::vector<std::string>*>(user);
  std::string message = error->message ? error->message : "unknown error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  out->push_back("line " + std::to_string(error->line) + ": " + message);
}

using SchemaParser = CHandle<xmlSchemaParserCtxt, xmlSchemaFreeParserCtxt>;
using Schema = CHandle<xmlSchema, xmlSchemaFree>;
using ValidCtxt = CHandle<xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt>;
using Doc = CHandle<xmlDoc, xmlFreeDoc>;

}  // namespace

Result<std::vector<std::string>> validate_with_schema(std::string_view document, const std::filesystem::path& xsd) {
  std::error_code ec;
  const auto xsd_path = std::filesystem::canonical(xsd, ec);
  if (ec) return fail(Code::kNotFound, "schema " + xsd.string() + " not found");
  std::lock_guard lock(g_mutex);
  std::vector<std::string> schema_errors;
  Schema schema;
  {
    g_allowed_dir = xsd_path.parent_path();
    const auto previous = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(schema_dir_loader);
    SchemaParser parser(xmlSchemaNewParserCtxt(xsd_path.c_str()));
    if (parser) {
      xmlSchemaSetParserStructuredErrors(parser.get(), collect, &schema_errors);
      schema.reset(xmlSchemaParse(parser.get()));
    }
    xmlSetExternalEntityLoader(previous);
    g_allowed_dir.clear();
  }
  if (!schema) {
    return fail(Code::kMalformed, "schema " + xsd.string() + " does not load" +
                                      (schema_errors.empty() ? std::string() : ": " + schema_errors.front()));
  }
  if (document.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return fail(Code::kResourceExhausted, "document too large");
  }
  Doc doc(xmlReadMemory(document.data(), static_cast<int>(document.size()), "document.xml", nullptr,
                        XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR));
  if (!doc) return fail(Code::kMalformed, "the document is not well-formed XML");
  std::vector<std::string> errors;
  ValidCtxt valid(xmlSchemaNewValidCtxt(schema.get()));
  if (!valid) return fail(Code::kInternal, "libxml2 could not create a schema validation context");
  xmlSchemaSetValidStructuredErrors(valid.get(), collect, &errors);
  const int rc = xmlSchemaValidateDoc(valid.get(), doc.get());
  if (rc != 0 && errors.empty()) errors.push_back("the document is not valid (libxml2 code " + std::to_string(rc) + ")");
  return errors;
}

}  // namespace assay::engine::xml
