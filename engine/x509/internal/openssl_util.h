// OpenSSL glue private to engine/ (x509, crypto, xmldsig): owning handles and error capture.
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

namespace assay::engine::ossl {

using X509Ptr = CHandle<X509, X509_free>;
using EvpPkeyPtr = CHandle<EVP_PKEY, EVP_PKEY_free>;
using EvpMdCtxPtr = CHandle<EVP_MD_CTX, EVP_MD_CTX_free>;
using EvpPkeyCtxPtr = CHandle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using BioPtr = CHandle<BIO, BIO_free_all>;
using BignumPtr = CHandle<BIGNUM, BN_free>;
using EcdsaSigPtr = CHandle<ECDSA_SIG, ECDSA_SIG_free>;

// Drains this thread's OpenSSL error queue into one line ("" when empty). Call after every
// failing OpenSSL call so errors never leak into the next operation.
inline std::string drain_errors() {
  std::string out;
  char buf[256];
  for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error()) {
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

// An Error carrying `what` and the drained OpenSSL queue.
inline std::unexpected<Error> fail_openssl(Code code, std::string_view what) {
  std::string msg(what);
  const std::string detail = drain_errors();
  if (!detail.empty()) msg += " (" + detail + ")";
  return fail(code, std::move(msg));
}

inline const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace assay::engine::ossl
