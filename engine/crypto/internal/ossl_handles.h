// Engine-private: the OpenSSL handles and error capture of engine/x509/internal/openssl_util.h,
// under the names the xmldsig and crypto code use. Include only from engine/ .cpp files.
#pragma once

#include "engine/x509/internal/openssl_util.h"

namespace assay::engine::crypto::internal {

using ossl::BignumPtr;
using ossl::BioPtr;
using ossl::EcdsaSigPtr;
using ossl::EvpMdCtxPtr;
using ossl::EvpPkeyCtxPtr;
using ossl::EvpPkeyPtr;
using ossl::X509Ptr;

inline std::string drain_openssl_errors() { return ossl::drain_errors(); }
inline std::unexpected<Error> openssl_fail(Code code, std::string_view what) { return ossl::fail_openssl(code, what); }

}  // namespace assay::engine::crypto::internal
