// Completing XML-DSig signature templates (enveloping, detached, Manifests, counter-signatures,
// several signatures): the caller writes the ds:Signature elements with their References,
// Transforms, DigestMethods and SignatureMethod, leaving every ds:DigestValue and
// ds:SignatureValue empty; this fills them in. It is how tests and the sample federation make
// signatures the enveloped-only signer (signer.h) cannot, and it resolves references exactly as
// the general verifier does (general_verifier.h), so what one signs the other can check.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/xmldsig/general_verifier.h"

namespace assay::engine::xmldsig {

struct TemplateSignOptions {
  std::vector<DetachedContent> detached;
  RsaPadding rsa_padding = RsaPadding::kPkcs1v15;
};

// Signs every ds:Signature of `xml` whose SignatureValue is empty, in document order (so a
// counter-signature nested in its parent signs the parent's finished SignatureValue). Within one
// signature the References of ds:Manifest elements inside it are filled first, then those of
// SignedInfo in order. The SignatureMethod must match the key (RSA or EC). Returns the signed
// document bytes. Errors: kMalformed / kUnsupported (unreadable template or algorithm),
// kInvalidArgument (a reference that cannot be resolved, a key/method mismatch), kInternal.
Result<std::string> sign_template(std::string_view xml, const PrivateKey& key, const TemplateSignOptions& options = {});

}  // namespace assay::engine::xmldsig
