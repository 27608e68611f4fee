// Engine-private: owning aliases for OpenSSL objects and error-queue capture.
// Include only from engine/ .cpp files.
#pragma once

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>
#include <string_view>

#include "engine/c_handle.h"
#include "engine/error.h"

namespace assay::engine::crypto::internal {

using EvpPkeyPtr = CHandle<EVP_PKEY, EVP_PKEY_free>;
using EvpPkeyCtxPtr = CHandle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EvpMdCtxPtr = CHandle<EVP_MD_CTX, EVP_MD_CTX_free>;
using X509Ptr = CHandle<X509, X509_free>;
using BioPtr = CHandle<BIO, BIO_free_all>;
using BignumPtr = CHandle<BIGNUM, BN_free>;
using EcdsaSigPtr = CHandle<ECDSA_SIG, ECDSA_SIG_free>;

// Drains the calling thread's OpenSSL error queue into one line ("error:...; error:...").
// Always leaves the queue empty, so a later operation never sees a stale error.
inline std::string drain_openssl_errors() {
  std::string out;
  char buf[256];
  for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error()) {
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

// A failure carrying what was attempted and OpenSSL's own explanation.
inline std::unexpected<Error> openssl_fail(Code code, std::string_view what) {
  std::string detail = drain_openssl_errors();
  std::string message(what);
  if (!detail.empty()) message += " (" + detail + ")";
  return fail(code, std::move(message));
}

}  // namespace assay::engine::crypto::internal
