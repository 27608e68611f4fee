#include "engine/x509/internal/decode_cache.h"

#include <climits>
#include <optional>
#include <string>

#include "engine/x509/internal/bounded_table.h"
#include "engine/x509/internal/signature_check.h"
#include "engine/x509/internal/verdict_cache.h"

namespace assay::engine::ossl {
namespace {

// Enough for the CAs, responders and TSAs of the EU trusted lists' busy chains plus recent
// signers; emptied (not evicted one by one) when full: simple, and a refill costs one decode each.
// With the size cap, hostile input can make the caches hold at most 2 x 512 x 16 KB.
constexpr std::size_t kCapacity = 512;
// Larger inputs are decoded each time, not kept (real keys and certificates are a few KB).
constexpr std::size_t kMaxBytes = 16 * 1024;

template <typename Value>
class Cache {
 public:
  std::optional<Value> find(std::string_view der) { return table_.find(der); }
  void put(std::string_view der, Value value) {
    if (der.size() <= kMaxBytes) table_.put(der, std::move(value));
  }
  void clear() { table_.clear(); }

 private:
  internal::BoundedTable<Value> table_{kCapacity};
};

// Shared ownership of a cached EVP_PKEY: the cache holds one reference, each caller gets its own.
using SharedKey = std::shared_ptr<EVP_PKEY>;

Cache<SharedKey>& key_cache() {
  static Cache<SharedKey> cache;
  return cache;
}

Cache<std::shared_ptr<X509>>& certificate_cache() {
  static Cache<std::shared_ptr<X509>> cache;
  return cache;
}

EvpPkeyPtr new_reference(const SharedKey& key) {
  if (EVP_PKEY_up_ref(key.get()) != 1) {
    drain_errors();
    return nullptr;
  }
  return EvpPkeyPtr(key.get());
}

}  // namespace

EvpPkeyPtr decode_public_key(std::string_view spki_der) {
  if (spki_der.empty() || spki_der.size() > INT_MAX) return nullptr;
  if (auto hit = key_cache().find(spki_der)) return new_reference(*hit);
  // RSA keys straight from their RSAPublicKey, anything else through d2i_PUBKEY; both refuse
  // trailing bytes (signature_check.h).
  EvpPkeyPtr decoded = x509_internal::decode_public_key(spki_der);
  if (!decoded) {
    drain_errors();
    return nullptr;
  }
  SharedKey key(decoded.release(), EVP_PKEY_free);
  key_cache().put(spki_der, key);
  return new_reference(key);
}

std::shared_ptr<X509> decode_certificate(std::string_view der) {
  if (der.empty() || der.size() > INT_MAX) return nullptr;
  if (auto hit = certificate_cache().find(der)) return *hit;
  const unsigned char* p = bytes(der);
  X509* decoded = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (decoded == nullptr) {
    drain_errors();
    return nullptr;
  }
  std::shared_ptr<X509> certificate(decoded, X509_free);
  if (p != bytes(der) + der.size()) return nullptr;
  // X509_get0_pubkey decodes lazily on some paths: do it now, before the object is shared.
  if (X509_get0_pubkey(certificate.get()) == nullptr) drain_errors();
  certificate_cache().put(der, certificate);
  return certificate;
}

void clear_decode_caches() {
  key_cache().clear();
  certificate_cache().clear();
  clear_certificate_verdicts();
}

}  // namespace assay::engine::ossl
