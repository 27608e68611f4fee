#include "samples/internal/jades_samples.h"

#include <tuple>

#include "engine/base64.h"
#include "engine/x509/revocation_builder.h"
#include "samples/internal/jades_builder.h"
#include "samples/internal/timestamps.h"

namespace assay::samples {
namespace {

using engine::UtcTime;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
namespace bj = boost::json;

constexpr const char* kDir = "signatures/jades/";
constexpr const char* kInvoice = "<invoice id=\"2026-0042\"><total currency=\"EUR\">1234.50</total></invoice>\n";

std::string row(std::initializer_list<std::string> cells) {
  std::string out;
  for (const auto& c : cells) out += (out.empty() ? "" : "\t") + c;
  return out + "\n";
}

}  // namespace

std::vector<JadesExpectation> jades_expectations(const std::string& now) {
  const std::string d = kDir;
  return {
      // B: no revocation data embedded and none fetched (offline) → the chain cannot be proven
      // unrevoked: EN 319 102-1 5.2.6 XCV, as expected-validation.tsv's "revocation-required".
      {"JAdES-BASELINE-B", d + "b-compact.jws", "-", now, "INDETERMINATE", "CERTIFICATE_CHAIN_GENERAL_FAILURE",
       "Indeterminate QESig", "b-no-revocation"},
      {"JAdES-BASELINE-T", d + "t-flattened.json", "-", now, "INDETERMINATE", "CERTIFICATE_CHAIN_GENERAL_FAILURE",
       "Indeterminate QESig", "t-no-revocation"},
      // LT / LTA: the OCSP response in rVals proves the certificate good → TOTAL_PASSED, and the
      // certificate is QC + QSCD for eSignatures under XA's granted xa-qc-esig → QESig.
      {"JAdES-BASELINE-LT", d + "lt-flattened.json", "-", now, "TOTAL_PASSED", "-", "QESig", "lt-embedded-ocsp"},
      {"JAdES-BASELINE-LTA", d + "lta-flattened.json", "-", now, "TOTAL_PASSED", "-", "QESig", "lta-embedded-ocsp"},
      // The payload changed after signing: the JWS signature value no longer verifies. TS 119 172-4:
      // a failed signature by a QC-with-QSCD certificate is "Not AdES but QC with QSCD".
      {"JAdES-BASELINE-B", d + "tampered-compact.jws", "-", now, "TOTAL_FAILED", "SIG_CRYPTO_FAILURE", "Not AdES but QC with QSCD",
       "tampered-payload"},
      // sigD ObjIdByURIHash over invoice.xml, with the content, a changed copy, and none.
      {"JAdES-BASELINE-LT", d + "detached-lt.json", d + "detached/invoice.xml", now, "TOTAL_PASSED", "-", "QESig",
       "detached-intact"},
      {"JAdES-BASELINE-LT", d + "detached-lt.json", d + "detached-tampered/invoice.xml", now, "TOTAL_FAILED", "HASH_FAILURE",
       "Not AdES but QC with QSCD", "detached-tampered"},
      {"JAdES-BASELINE-LT", d + "detached-lt.json", "-", now, "INDETERMINATE", "SIGNED_DATA_NOT_FOUND",
       "Indeterminate QESig", "detached-missing"},
  };
}

engine::Result<void> add_jades_samples(const Pki& pki, engine::UtcTime now, const AddFile& add) {
  const auto signer = pki.end_entities.find("esig-qscd");
  const auto ca = pki.authorities.find("xa-qc-esig-ca");
  const auto responder = pki.authorities.find("xa-ocsp-responder");
  if (signer == pki.end_entities.end() || ca == pki.authorities.end() || responder == pki.authorities.end()) {
    return engine::fail(engine::Code::kInternal, "JAdES samples: the PKI lacks esig-qscd, its CA or the OCSP responder");
  }
  const UtcTime signed_at = now - days(1);
  JadesSpec spec;
  spec.alg = engine::jws::Algorithm::kES256;  // the sample PKI's keys are P-256
  spec.key = &signer->second.key;
  spec.x5c = {signer->second.certificate, ca->second.certificate};
  spec.signing_time = engine::format_utc_time(signed_at);
  spec.payload = "{\"invoice\":\"2026-0042\",\"total\":\"1234.50 EUR\"}";
  spec.extra["cty"] = "json";

  // The OCSP response rVals carries: good, from the CA's delegated responder.
  engine::OcspResponseSpec ocsp;
  ocsp.produced_at = now - hours(1);
  engine::OcspSingleResponse single;
  single.subject = signer->second.certificate.get();
  single.issuer = ca->second.certificate.get();
  single.this_update = now - hours(1);
  single.next_update = now + days(1);
  ocsp.responses = {single};
  auto ocsp_der = engine::build_ocsp_response(ocsp, *responder->second.certificate, responder->second.key);
  if (!ocsp_der) return std::unexpected(ocsp_der.error());
  // LT covers the time-stamps too (TS 119 182-1 6): the TSA unit's status, from its CA itself
  // (RFC 6960 4.2.2.2), and that CA's certificate.
  const auto tsa = pki.end_entities.find(std::string(kSampleTsa));
  const auto tsa_ca = pki.authorities.find(std::string(kSampleTsaIssuer));
  if (tsa == pki.end_entities.end() || tsa_ca == pki.authorities.end()) {
    return engine::fail(engine::Code::kInternal, "JAdES samples: the PKI lacks the sample TSA");
  }
  engine::OcspResponseSpec tsa_ocsp = ocsp;
  tsa_ocsp.responses.front().subject = tsa->second.certificate.get();
  tsa_ocsp.responses.front().issuer = tsa_ca->second.certificate.get();
  auto tsa_ocsp_der = engine::build_ocsp_response(tsa_ocsp, *tsa_ca->second.certificate, tsa_ca->second.key);
  if (!tsa_ocsp_der) return std::unexpected(tsa_ocsp_der.error());

  int serial = 0;
  const auto tst = [&](std::string_view covered, UtcTime at) {
    static constexpr char kHex[] = "0123456789abcdef";
    ++serial;
    return sample_timestamp(pki, covered, at, std::string("6a") + kHex[(serial >> 4) & 0xf] + kHex[serial & 0xf]);
  };
  // etsiU for T / LT / LTA: sigTst, then xVals + rVals, then arcTst over all of it.
  const auto unsigned_components = [&](const JwsSigned& s, bool lt, bool lta) -> engine::Result<std::vector<std::string>> {
    auto sig_tst = tst(signature_timestamp_input(s), signed_at + minutes(5));
    if (!sig_tst) return std::unexpected(sig_tst.error());
    std::vector<std::string> etsi_u{etsiu_element("sigTst", timestamp_container(*sig_tst))};
    if (lt) {
      bj::array certs;
      for (const auto* c : {ca->second.certificate.get(), responder->second.certificate.get(), tsa_ca->second.certificate.get()}) {
        certs.emplace_back(bj::object{{"x509Cert", bj::object{{"val", engine::base64_encode(c->der())}}}});
      }
      etsi_u.push_back(etsiu_element("xVals", certs));
      etsi_u.push_back(etsiu_element(
          "rVals", bj::object{{"ocspVals", bj::array{bj::object{{"val", engine::base64_encode(*ocsp_der)}},
                                                     bj::object{{"val", engine::base64_encode(*tsa_ocsp_der)}}}}}));
    }
    if (lta) {
      auto arc = tst(archive_timestamp_input(s, etsi_u), now - minutes(30));
      if (!arc) return std::unexpected(arc.error());
      etsi_u.push_back(etsiu_element("arcTst", timestamp_container(*arc)));
    }
    return etsi_u;
  };

  const std::string d = kDir;
  auto b = sign_jades(spec);
  if (!b) return std::unexpected(b.error());
  add(d + "b-compact.jws", compact(*b), "JAdES-BASELINE-B, compact serialisation, signed by esig-qscd (ES256)");
  JwsSigned tampered = *b;
  tampered.payload = engine::jws::base64url_encode("{\"invoice\":\"2026-0042\",\"total\":\"4321.50 EUR\"}");
  add(d + "tampered-compact.jws", compact(tampered), "b-compact.jws with its payload changed after signing");

  for (const auto& [file, lt, lta, level] :
       {std::tuple{"t-flattened.json", false, false, "T"}, std::tuple{"lt-flattened.json", true, false, "LT"},
        std::tuple{"lta-flattened.json", true, true, "LTA"}}) {
    auto s = sign_jades(spec);
    if (!s) return std::unexpected(s.error());
    auto etsi_u = unsigned_components(*s, lt, lta);
    if (!etsi_u) return std::unexpected(etsi_u.error());
    add(d + file, flattened(*s, *etsi_u),
        std::string("JAdES-BASELINE-") + level + ", flattened JSON serialisation, etsiU in base64url form");
  }

  JadesSpec detached = spec;
  detached.detached = JadesSpec::Detached::kObjIdByUriHash;
  detached.detached_objects = {{"invoice.xml", kInvoice}};
  detached.extra.erase("cty");
  auto ds = sign_jades(detached);
  if (!ds) return std::unexpected(ds.error());
  auto ds_u = unsigned_components(*ds, true, false);
  if (!ds_u) return std::unexpected(ds_u.error());
  add(d + "detached-lt.json", flattened(*ds, *ds_u),
      "JAdES-BASELINE-LT over the detached invoice.xml (sigD ObjIdByURIHash, SHA-256)");
  add(d + "detached/invoice.xml", kInvoice, "the detached content detached-lt.json signs");
  std::string changed = kInvoice;
  changed.replace(changed.find("1234.50"), 7, "9234.50");
  add(d + "detached-tampered/invoice.xml", changed, "invoice.xml with its total changed after signing");

  std::string expected = row({"level", "document", "detached", "at", "indication", "subindication", "qualification", "rule"});
  for (const auto& e : jades_expectations(engine::format_utc_time(now))) {
    expected += row({e.level, e.document, e.detached, e.at, e.indication, e.subindication, e.qualification, e.rule});
  }
  add("expected-validation-jades.tsv", expected,
      "expected JAdES signature validation (EN 319 102-1 on TS 119 182-1) per document (literal table)");
  return {};
}

}  // namespace assay::samples
