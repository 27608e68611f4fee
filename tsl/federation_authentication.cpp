#include "tsl/federation_authentication.h"

#include <atomic>
#include <thread>

#include "tsl/namespaces.h"

namespace assay::tsl {

bool is_xml_list_pointer(const OtherTslPointer& pointer) {
  if (pointer.tsl_type == ns::kTypeLotl) return false;
  if (!pointer.mime_type.empty()) return pointer.mime_type == ns::kMimeXml;
  const auto& l = pointer.location;
  return l.size() > 4 && l.compare(l.size() - 4, 4, ".xml") == 0;
}

ListOutcome authenticate_pointed_document(const OtherTslPointer& pointer, engine::Result<std::string> bytes,
                                          const LotlOptions& options) {
  ListOutcome out;
  out.url = pointer.location;
  out.pointer_territory = pointer.territory;
  if (!bytes) {
    out.authentication.status = AuthStatus::kNotAvailable;
    out.authentication.detail = bytes.error().message();
    return out;
  }
  auto loaded = load_list(pointer.location, std::move(*bytes), options.parse);
  if (!loaded) {
    out.authentication.status = AuthStatus::kMalformed;
    out.authentication.detail = loaded.error().message();
    return out;
  }
  out.authentication = authenticate_pointed_list(*loaded, pointer, options.trust_time);
  out.loaded = std::move(*loaded);
  return out;
}

FederationAuthentication authenticate_federation(const std::string& lotl_url, const SignerSet& anchors,
                                                 const DocumentSource& source, const FederationOptions& options) {
  FederationAuthentication out;
  out.lotl_url = lotl_url;
  auto bytes = source(lotl_url);
  if (!bytes) {
    out.lotl.lotl.status = AuthStatus::kNotAvailable;
    out.lotl.lotl.detail = bytes.error().message();
    return out;
  }
  auto loaded = load_list(lotl_url, std::move(*bytes), options.lotl.parse);
  if (!loaded) {
    out.lotl.lotl.status = AuthStatus::kMalformed;
    out.lotl.lotl.detail = loaded.error().message();
    return out;
  }
  out.lotl = authenticate_lotl(*loaded, anchors, source, options.lotl);
  out.lotl_document = std::move(*loaded);
  if (!out.lotl.lotl.authenticated()) return out;

  std::vector<const OtherTslPointer*> pointers;
  for (const auto& p : out.lotl_document->list->scheme.pointers) {
    if (is_xml_list_pointer(p)) pointers.push_back(&p);
  }
  out.lists.resize(pointers.size());
  // Each list is independent: authenticate them on a small pool, results in pointer order.
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < pointers.size(); i = next++) {
      out.lists[i] = authenticate_pointed_document(*pointers[i], source(pointers[i]->location), options.lotl);
    }
  };
  const unsigned threads = std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(pointers.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return out;
}

}  // namespace assay::tsl
