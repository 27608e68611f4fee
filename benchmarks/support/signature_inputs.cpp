#include "benchmarks/support/signature_inputs.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "engine/base64.h"
#include "engine/cms/timestamp_builder.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "engine/x509/revocation_builder.h"
#include "engine/xmldsig/signer.h"
#include "validation/xades/xades_reader.h"

namespace assay::bench {

namespace {

using namespace std::chrono_literals;
using engine::UtcTime;

constexpr std::string_view kXadesNs = "http://uri.etsi.org/01903/v1.3.2#";
constexpr std::string_view kXades141Ns = "http://uri.etsi.org/01903/v1.4.1#";
constexpr std::string_view kExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
// Placeholders for the two tokens until their imprints are known (distinct, valid base64).
constexpr std::string_view kSignatureTsPlaceholder = "U0lHTkFUVVJFLVRT";
constexpr std::string_view kArchiveTsPlaceholder = "QVJDSElWRS1UUw==";

UtcTime utc(int y, unsigned m, unsigned d, int h = 0) {
  return UtcTime(std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) +
                 std::chrono::hours(h));
}

engine::Error step_failed(std::string_view step, const engine::Error& e) {
  return engine::Error(engine::Code::kInternal,
                       "benchmark inputs: " + std::string(step) + ": " + e.message());
}

// A 10 KB business document: 50 order lines of about 200 bytes each.
std::string ten_kb_document() {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Order xmlns=\"urn:assay:bench:order\" "
      "Number=\"2026-0042\">\n";
  for (int i = 1; out.size() < 10 * 1024 - 200; ++i) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "  <Line No=\"%d\"><Item>Calibration service, laboratory %03d</Item><Quantity "
                  "unit=\"h\">%d</Quantity>"
                  "<Price currency=\"EUR\">%d.%02d</Price><Note>audit ref A-%05d</Note></Line>\n",
                  i, i % 997, 1 + i % 9, 100 + 7 * i, i % 100, 31 * i);
    out += line;
  }
  out += "</Order>\n";
  return out;
}

void replace_once(std::string& s, std::string_view what, std::string_view with) {
  const auto at = s.find(what);
  if (at != std::string::npos) s.replace(at, what.size(), with);
}

struct Pki {
  engine::PrivateKey ca_key, signer_key, tsa_key;
  engine::CertificatePtr ca, signer, tsa;
};

engine::Result<Pki> make_pki() {
  auto ca_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kRsa2048);
  auto signer_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kRsa2048);
  auto tsa_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kRsa2048);
  if (!ca_key || !signer_key || !tsa_key)
    return engine::fail(engine::Code::kInternal, "benchmark inputs: key generation failed");

  engine::CertificateSpec ca;
  ca.subject = {{"C", "LU"}, {"O", "Assay Benchmark"}, {"CN", "Assay Benchmark CA"}};
  ca.serial_hex = "01";
  ca.not_before = utc(2024, 1, 1);
  ca.not_after = utc(2034, 1, 1);
  ca.ca = true;
  ca.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kKeyCertSign, engine::KeyUsageBit::kCrlSign});
  auto ca_cert = engine::build_self_signed(ca, *ca_key);
  if (!ca_cert) return std::unexpected(step_failed("CA certificate", ca_cert.error()));

  engine::CertificateSpec signer;
  signer.subject = {{"C", "LU"}, {"O", "Assay Benchmark"}, {"CN", "Benchmark Signer"}};
  signer.serial_hex = "1001";
  signer.not_before = utc(2025, 1, 1);
  signer.not_after = utc(2028, 1, 1);
  signer.ca = false;
  signer.key_usage =
      engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature, engine::KeyUsageBit::kNonRepudiation});
  auto signer_cert = engine::build_certificate(signer, signer_key->public_key_der(), **ca_cert, *ca_key);
  if (!signer_cert) return std::unexpected(step_failed("signer certificate", signer_cert.error()));

  engine::CertificateSpec tsa;
  tsa.subject = {{"C", "LU"}, {"O", "Assay Benchmark"}, {"CN", "Benchmark TSA unit"}};
  tsa.serial_hex = "2001";
  tsa.not_before = utc(2025, 1, 1);
  tsa.not_after = utc(2031, 1, 1);
  tsa.ca = false;
  tsa.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature});
  // RFC 3161 2.3: exactly one extended key usage, id-kp-timeStamping, critical (the builder
  // writes its EKU non-critical, so it is given raw): SEQUENCE { OID 1.3.6.1.5.5.7.3.8 }.
  tsa.raw_extensions.push_back(engine::RawExtension{
      "2.5.29.37", true, std::string("\x30\x0a\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x08", 12)});
  auto tsa_cert = engine::build_certificate(tsa, tsa_key->public_key_der(), **ca_cert, *ca_key);
  if (!tsa_cert) return std::unexpected(step_failed("TSA certificate", tsa_cert.error()));
  return Pki{std::move(*ca_key), std::move(*signer_key), std::move(*tsa_key),
             *ca_cert,           *signer_cert,           *tsa_cert};
}

engine::Result<std::string> ocsp_good(const Pki& pki, UtcTime produced_at, UtcTime next_update) {
  engine::OcspResponseSpec spec;
  spec.produced_at = produced_at;
  engine::OcspSingleResponse single;
  single.subject = pki.signer.get();
  single.issuer = pki.ca.get();
  single.status = engine::OcspCertStatus::kGood;
  single.this_update = produced_at;
  single.next_update = next_update;
  spec.responses.push_back(single);
  auto der = engine::build_ocsp_response(spec, *pki.ca, pki.ca_key);  // the CA answers for itself
  if (!der) return std::unexpected(step_failed("OCSP response", der.error()));
  return der;
}

// The imprint input of the first embedded time-stamp of `kind`, as the reader computes it.
engine::Result<std::string> covered_bytes(std::string_view xml, validation::EmbeddedTimestamp::Kind kind) {
  auto read = validation::xades::read_xades(xml);
  if (!read) return std::unexpected(step_failed("reading the signature back", read.error()));
  if (read->signatures.size() != 1)
    return engine::fail(engine::Code::kInternal, "benchmark inputs: expected one signature");
  for (const auto& t : read->signatures[0].timestamps) {
    if (t.kind == kind) return t.covered_bytes;
  }
  return engine::fail(engine::Code::kInternal,
                      "benchmark inputs: the reader found no time-stamp of the expected kind");
}

engine::Result<std::string> token(const Pki& pki, std::string covered, UtcTime gen_time, std::string serial) {
  engine::cms::TimestampTokenSpec spec;
  spec.covered_bytes = std::move(covered);
  spec.gen_time = gen_time;
  spec.serial_hex = std::move(serial);
  auto der = engine::cms::build_timestamp_token(spec, *pki.tsa, pki.tsa_key);
  if (!der) return std::unexpected(step_failed("time-stamp token", der.error()));
  return der;
}

// B-B → LTA: the unsigned properties are outside what the signature covers, so they are added
// to the signed document; each token is made once the bytes its imprint covers are final.
engine::Result<std::string> make_lta(const Pki& pki, std::string baseline_b, UtcTime signing_time) {
  const UtcTime ts_time = signing_time + 1min, ocsp_time = signing_time + 2min,
                archive_time = signing_time + 5min;
  auto ocsp = ocsp_good(pki, ocsp_time, ocsp_time + std::chrono::hours(24 * 7));
  if (!ocsp) return std::unexpected(ocsp.error());
  engine::CrlSpec crl_spec;  // covers the TSA unit (revocation is required below the anchor)
  crl_spec.this_update = ocsp_time;
  crl_spec.next_update = ocsp_time + std::chrono::hours(24 * 7);
  crl_spec.crl_number = 1;
  auto crl = engine::build_crl(crl_spec, *pki.ca, pki.ca_key);
  if (!crl) return std::unexpected(step_failed("CRL", crl.error()));

  const std::string c14n = "<ds:CanonicalizationMethod Algorithm=\"" + std::string(kExcC14n) + "\"/>";
  const std::string unsigned_properties =
      "<xades:UnsignedProperties><xades:UnsignedSignatureProperties>"
      "<xades:SignatureTimeStamp Id=\"S-LTA-sig-ts\">" +
      c14n + "<xades:EncapsulatedTimeStamp>" + std::string(kSignatureTsPlaceholder) +
      "</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>"
      "<xades:CertificateValues><xades:EncapsulatedX509Certificate>" +
      engine::base64_encode(pki.ca->der()) +
      "</xades:EncapsulatedX509Certificate><xades:EncapsulatedX509Certificate>" +
      engine::base64_encode(pki.tsa->der()) +
      "</xades:EncapsulatedX509Certificate></xades:CertificateValues>"
      "<xades:RevocationValues><xades:CRLValues><xades:EncapsulatedCRLValue>" +
      engine::base64_encode(*crl) +
      "</xades:EncapsulatedCRLValue></xades:CRLValues><xades:OCSPValues><xades:EncapsulatedOCSPValue>" +
      engine::base64_encode(*ocsp) +
      "</xades:EncapsulatedOCSPValue></xades:OCSPValues></xades:RevocationValues>"
      "<xades141:ArchiveTimeStamp xmlns:xades141=\"" +
      std::string(kXades141Ns) + "\" Id=\"S-LTA-archive-ts\">" + c14n + "<xades:EncapsulatedTimeStamp>" +
      std::string(kArchiveTsPlaceholder) +
      "</xades:EncapsulatedTimeStamp></xades141:ArchiveTimeStamp>"
      "</xades:UnsignedSignatureProperties></xades:UnsignedProperties>";
  std::string xml = std::move(baseline_b);
  const auto end_sp = xml.find("</xades:SignedProperties>");
  if (end_sp == std::string::npos)
    return engine::fail(engine::Code::kInternal, "benchmark inputs: no SignedProperties");
  xml.insert(end_sp + std::string_view("</xades:SignedProperties>").size(), unsigned_properties);

  auto sig_covered = covered_bytes(xml, validation::EmbeddedTimestamp::Kind::kSignature);
  if (!sig_covered) return std::unexpected(sig_covered.error());
  auto sig_token = token(pki, std::move(*sig_covered), ts_time, "5101");
  if (!sig_token) return std::unexpected(sig_token.error());
  replace_once(xml, kSignatureTsPlaceholder, engine::base64_encode(*sig_token));

  auto archive_covered = covered_bytes(xml, validation::EmbeddedTimestamp::Kind::kArchive);
  if (!archive_covered) return std::unexpected(archive_covered.error());
  auto archive_token = token(pki, std::move(*archive_covered), archive_time, "5102");
  if (!archive_token) return std::unexpected(archive_token.error());
  replace_once(xml, kArchiveTsPlaceholder, engine::base64_encode(*archive_token));
  return xml;
}

}  // namespace

engine::Result<SignatureBenchInputs> make_signature_inputs() {
  auto pki = make_pki();
  if (!pki) return std::unexpected(pki.error());
  SignatureBenchInputs in;
  in.anchor = pki->ca;
  in.signing_time = utc(2026, 3, 2, 9);
  in.at = utc(2026, 3, 2, 12);
  auto ocsp = ocsp_good(*pki, in.at - 1h, in.at + std::chrono::hours(24 * 7));
  if (!ocsp) return std::unexpected(ocsp.error());
  in.ocsp_der = std::move(*ocsp);
  in.document = ten_kb_document();

  engine::xmldsig::SignOptions options;
  options.signing_time = in.signing_time;
  options.signature_id = "S-B";
  auto b = engine::xmldsig::sign_enveloped(in.document, pki->signer_key, pki->signer->der(), options);
  if (!b) return std::unexpected(step_failed("XAdES-BASELINE-B", b.error()));
  in.baseline_b = std::move(*b);

  options.signature_id = "S-LTA";
  auto lta_b = engine::xmldsig::sign_enveloped(in.document, pki->signer_key, pki->signer->der(), options);
  if (!lta_b) return std::unexpected(step_failed("XAdES-BASELINE-LTA (B part)", lta_b.error()));
  auto lta = make_lta(*pki, std::move(*lta_b), in.signing_time);
  if (!lta) return std::unexpected(lta.error());
  in.lta = std::move(*lta);
  return in;
}

const SignatureBenchInputs& signature_inputs_or_exit() {
  static const SignatureBenchInputs inputs = [] {
    auto made = make_signature_inputs();
    if (!made) {
      std::fprintf(stderr, "%s\n", made.error().message().c_str());
      std::exit(1);
    }
    return std::move(*made);
  }();
  return inputs;
}

}  // namespace assay::bench
