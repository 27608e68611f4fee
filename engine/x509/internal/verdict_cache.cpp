#include "engine/x509/internal/verdict_cache.h"

#include <string>

#include "engine/x509/internal/bounded_table.h"

namespace assay::engine::ossl {
namespace {

// A busy service's CAs, responders and TSAs times the keys they are checked with, with room for
// recent end entities; 64-byte keys, so at most about 1.5 MB when full.
constexpr std::size_t kCapacity = 8192;

using Verdicts = internal::BoundedTable<bool>;

Verdicts& verdicts() {
  static Verdicts table(kCapacity);
  return table;
}

std::string key_of(const Sha256& certificate, std::string_view spki_der) {
  const Sha256 key_digest = sha256(spki_der);
  std::string key(reinterpret_cast<const char*>(certificate.data()), certificate.size());
  key.append(reinterpret_cast<const char*>(key_digest.data()), key_digest.size());
  return key;
}

}  // namespace

std::optional<bool> find_certificate_verdict(const Sha256& certificate, std::string_view spki_der) {
  return verdicts().find(key_of(certificate, spki_der));
}

void remember_certificate_verdict(const Sha256& certificate, std::string_view spki_der, bool verdict) {
  verdicts().put(key_of(certificate, spki_der), verdict);
}

void clear_certificate_verdicts() { verdicts().clear(); }

}  // namespace assay::engine::ossl
