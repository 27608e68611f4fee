// Signature validation (issue 15, "Performance"): a full EN 319 102-1 validation of a
// XAdES-BASELINE-B enveloped signature over a 10 KB document (validate_document, explicit anchor,
// the signer's OCSP response supplied) next to libxmlsec's xmlSecDSigCtxVerify on the same bytes,
// which checks only the XML-DSig core (references and SignatureValue with the KeyInfo key, no
// certificate validation: XMLSEC_KEYINFO_FLAGS_X509DATA_DONT_VERIFY_CERTS, like `xmlsec1
// --insecure`). Both parse the document bytes in every iteration. And the XAdES-BASELINE-LTA of
// the same document with everything embedded (validated with the anchor only).
//
// The inputs are generated once at start-up (benchmarks/support/signature_inputs.h); every
// benchmark first checks that its validation gives the expected answer (TOTAL_PASSED, or a
// verified signature for xmlsec) and stops with an error otherwise: a fast wrong answer is no
// benchmark.
#include <benchmark/benchmark.h>
#include <libxml/parser.h>
#include <xmlsec/crypto.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "benchmarks/support/signature_inputs.h"
#include "engine/library_scope.h"
#include "engine/x509/internal/decode_cache.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/revocation/standard_revocation_checker.h"

namespace assay::bench {
namespace {

// assay_bench has no main of its own: the C libraries (xmlsec for the peer) are initialised on
// first use and never shut down, since other benchmarks' static documents outlive any scope here.
const engine::LibraryScope& libraries() {
  static const engine::LibraryScope* scope = new engine::LibraryScope();
  return *scope;
}

struct Setup {
  const SignatureBenchInputs& in;
  validation::ExplicitTrustAnchors anchors;
  std::unique_ptr<validation::StandardRevocationChecker> ocsp;
};

const Setup& setup() {
  static const Setup s = [] {
    if (!libraries().ok()) {
      std::fprintf(stderr, "libraries: %s\n", libraries().error().c_str());
      std::exit(1);
    }
    const auto& in = signature_inputs_or_exit();
    auto checker = validation::StandardRevocationChecker::from_der({}, std::vector<std::string>{in.ocsp_der});
    if (!checker) std::abort();
    return Setup{in, validation::ExplicitTrustAnchors({in.anchor}), std::move(*checker)};
  }();
  return s;
}

validation::SignatureValidationContext context(bool with_ocsp) {
  const auto& s = setup();
  validation::SignatureValidationContext c;
  c.certificates.anchors = {&s.anchors};
  if (with_ocsp) c.certificates.revocation = s.ocsp.get();
  c.at = s.in.at;
  return c;
}

// Empty when the document validates TOTAL_PASSED at `level` with every time-stamp PASSED and
// used as proof of existence (so the LTA row really runs the long-term and archival processes),
// else what it gave.
std::string not_passed(const engine::Result<validation::DocumentValidationReport>& r,
                       std::string_view level) {
  if (!r) return "validate_document failed: " + r.error().message();
  if (r->signatures.size() != 1) return "expected one signature";
  const auto& s = r->signatures[0];
  if (s.level != level) return "level " + s.level + ", expected " + std::string(level);
  for (const auto& t : s.timestamps) {
    if (t.report.indication != validation::Indication::kPassed || !t.used_as_poe) {
      return "time-stamp " + t.id + ": " + std::string(validation::indication_name(t.report.indication)) +
             " / " + t.report.subindication;
    }
  }
  if (s.indication == validation::MainIndication::kTotalPassed) return {};
  return std::string(validation::main_indication_name(s.indication)) + " / " + s.subindication;
}

// `cold`: the process-wide caches of decoded keys and certificates (engine/x509/internal/
// decode_cache.h) are emptied before every validation, as for a signer, CA and responder never
// seen before; otherwise the repeated validation finds them decoded, as a service does for the
// CAs and TSAs it meets every day.
void run_validation(benchmark::State& state, const std::string& document, std::string_view level,
                    bool with_ocsp, bool cold = false) {
  const auto ctx = context(with_ocsp);
  if (auto why = not_passed(validation::validate_document(document, {}, ctx), level); !why.empty()) {
    state.SkipWithError(why.c_str());
    return;
  }
  for (auto _ : state) {
    if (cold) engine::ossl::clear_decode_caches();
    auto report = validation::validate_document(document, {}, ctx);
    benchmark::DoNotOptimize(report);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * document.size()));
}

void BM_ValidateXadesBaselineB(benchmark::State& state) {
  run_validation(state, setup().in.baseline_b, "XAdES-BASELINE-B", true);
}
BENCHMARK(BM_ValidateXadesBaselineB)->Unit(benchmark::kMicrosecond);

void BM_ValidateXadesBaselineBCold(benchmark::State& state) {
  run_validation(state, setup().in.baseline_b, "XAdES-BASELINE-B", true, true);
}
BENCHMARK(BM_ValidateXadesBaselineBCold)->Unit(benchmark::kMicrosecond);

void BM_ValidateXadesLta(benchmark::State& state) {
  run_validation(state, setup().in.lta, "XAdES-BASELINE-LTA", false);
}
BENCHMARK(BM_ValidateXadesLta)->Unit(benchmark::kMicrosecond);

// One xmlsec verification of `bytes`: parse, register Id attributes (libxml2 knows no IDs
// without a DTD; xmlsec1 --id-attr does the same), verify with the KeyInfo certificate's key.
// True when the signature verified.
bool xmlsec_verify(xmlSecKeysMngr* manager, const std::string& bytes) {
  xmlDoc* doc =
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, XML_PARSE_NONET);
  if (doc == nullptr) return false;
  static const xmlChar* kIds[] = {BAD_CAST "Id", nullptr};
  xmlSecAddIDs(doc, xmlDocGetRootElement(doc), kIds);
  bool ok = false;
  xmlNode* node = xmlSecFindNode(xmlDocGetRootElement(doc), xmlSecNodeSignature, xmlSecDSigNs);
  xmlSecDSigCtx* ctx = node ? xmlSecDSigCtxCreate(manager) : nullptr;
  if (ctx != nullptr) {
    ctx->keyInfoReadCtx.flags |= XMLSEC_KEYINFO_FLAGS_X509DATA_DONT_VERIFY_CERTS;
    ok = xmlSecDSigCtxVerify(ctx, node) == 0 && ctx->status == xmlSecDSigStatusSucceeded;
    xmlSecDSigCtxDestroy(ctx);
  }
  xmlFreeDoc(doc);
  return ok;
}

void BM_XmlsecVerifyBaselineB(benchmark::State& state) {
  const auto& s = setup();
  std::unique_ptr<xmlSecKeysMngr, decltype(&xmlSecKeysMngrDestroy)> manager(xmlSecKeysMngrCreate(),
                                                                            &xmlSecKeysMngrDestroy);
  if (!manager || xmlSecCryptoAppDefaultKeysMngrInit(manager.get()) < 0) {
    state.SkipWithError("xmlsec keys manager");
    return;
  }
  if (!xmlsec_verify(manager.get(), s.in.baseline_b)) {
    state.SkipWithError("xmlsec does not verify the XAdES-BASELINE-B document");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(xmlsec_verify(manager.get(), s.in.baseline_b));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.in.baseline_b.size()));
}
BENCHMARK(BM_XmlsecVerifyBaselineB)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace assay::bench
