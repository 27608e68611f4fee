#include "engine/library_scope.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <openssl/crypto.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/xmlsec.h>

namespace assay::engine {
namespace {

// Nothing is ever loaded from outside the document: every external entity or DTD request fails.
xmlParserInputPtr refuse_external_entity(const char*, const char*, xmlParserCtxtPtr) noexcept { return nullptr; }

// libxml2's generic (non-parser) error channel is silenced; parser errors are captured per call.
void silent_xml_error(void*, xmlErrorPtr) noexcept {}

// xmlsec reports failures through return codes, which the engine turns into findings; its
// default callback would print to stderr.
void silent_xmlsec_error(const char*, int, const char*, const char*, const char*, int, const char*) noexcept {}

}  // namespace

LibraryScope::LibraryScope() {
  xmlInitParser();
  xmlSetExternalEntityLoader(refuse_external_entity);
  xmlSetStructuredErrorFunc(nullptr, silent_xml_error);
  xmlSecErrorsSetCallback(silent_xmlsec_error);
  if (xmlSecInit() < 0) {
    ok_ = false;
    error_ = "xmlsec initialisation failed";
    return;
  }
  if (xmlSecCheckVersion() != 1) {
    ok_ = false;
    error_ = "xmlsec library version mismatch";
    return;
  }
  if (xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0) {
    ok_ = false;
    error_ = "xmlsec crypto (OpenSSL) initialisation failed";
    return;
  }
  xmlsec_ready_ = true;
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    ok_ = false;
    error_ = "libcurl initialisation failed";
  }
}

LibraryScope::~LibraryScope() {
  curl_global_cleanup();
  if (xmlsec_ready_) {
    xmlSecCryptoShutdown();
    xmlSecCryptoAppShutdown();
    xmlSecShutdown();
  }
  xmlCleanupParser();
}

std::string LibraryScope::versions() const {
  std::string out = "libxml2 ";
  out += xmlParserVersion;
  out += ", xmlsec " XMLSEC_VERSION " (openssl), ";
  out += OpenSSL_version(OPENSSL_VERSION);
  out += ", libcurl ";
  out += curl_version_info(CURLVERSION_NOW)->version;
  return out;
}

}  // namespace assay::engine
