#include "samples/internal/cades_asic_samples.h"

#include "engine/cms/cades_builder.h"
#include "engine/x509/revocation_builder.h"
#include "engine/zip/zip_archive.h"
#include "samples/internal/asic_builder.h"
#include "samples/internal/timestamps.h"

namespace assay::samples {
namespace {

using std::chrono::hours;
constexpr const char* kSigner = "esig-qscd";
constexpr const char* kSignerCa = "xa-qc-esig-ca";

}  // namespace

// Written by hand from EN 319 102-1 and TS 119 172-4 (docs/signature-validation.md), never
// computed by the validator: the signer is QESig-qualified (scenario esig-qscd), so every intact
// signature is TOTAL_PASSED / QESig, a changed content TOTAL_FAILED / HASH_FAILURE ("Not AdES but
// QC with QSCD"), a bomb is refused.
std::vector<CadesAsicExpectation> cades_asic_expectations(engine::UtcTime now) {
  const std::string at = engine::format_utc_time(now);
  const auto pass = [&](std::string doc, std::string detached, std::string rule) {
    return CadesAsicExpectation{std::move(doc), std::move(detached), at, "crl", "TOTAL_PASSED", "-", "QESig", std::move(rule)};
  };
  // Document time-stamps by the sample TSA (listed QTST, granted at genTime): QTSA when valid.
  const auto timestamp = [&](std::string doc, std::string indication, std::string sub, std::string rule) {
    return CadesAsicExpectation{std::move(doc), "-", at, "crl", std::move(indication), std::move(sub), "QTSA", std::move(rule),
                                "document-timestamp"};
  };
  return {
      pass("cades-b-attached.p7m", "-", "cades-baseline-b"),
      pass("cades-b-detached.p7s", "cades-b-detached.txt", "cades-baseline-b-detached"),
      pass("cades-t-attached.p7m", "-", "cades-baseline-t"),
      pass("cades-lt-detached.p7s", "cades-lt-detached.txt", "cades-baseline-lt"),
      pass("cades-lta-attached.p7m", "-", "cades-baseline-lta"),
      {"cades-b-detached.p7s", "-", at, "crl", "INDETERMINATE", "SIGNED_DATA_NOT_FOUND", "Indeterminate QESig",
       "cades-detached-content-missing"},
      {"cades-tampered-detached.p7s", "cades-tampered-detached.txt", at, "crl", "TOTAL_FAILED", "HASH_FAILURE",
       "Not AdES but QC with QSCD", "cades-hash-failure-detached"},
      pass("asic-s-cades.asics", "-", "asic-s-cades"),
      pass("asic-s-xades.asics", "-", "asic-s-xades"),
      pass("asic-e-cades.asice", "-", "asic-e-cades-manifest"),
      pass("asic-e-xades.asice", "-", "asic-e-xades"),
      {"asic-e-tampered-member.asice", "-", at, "crl", "TOTAL_FAILED", "HASH_FAILURE", "Not AdES but QC with QSCD",
       "asic-e-member-changed"},
      pass("asic-e-extra-unsigned-file.asice", "-", "asic-e-unsigned-file-is-a-warning"),
      {"asic-e-zip-bomb.asice", "-", at, "crl", "ERROR", "-", "-", "zip-bomb-refused"},
      timestamp("asic-s-timestamp-only.asics", "PASSED", "-", "asic-s-timestamp-token-over-the-data-object"),
      timestamp("asic-s-timestamp-data-changed.asics", "FAILED", "HASH_FAILURE", "asic-s-timestamp-data-changed"),
      pass("asic-e-archive-manifest.asice", "-", "asic-e-cades-with-archive-manifest"),
      timestamp("asic-e-archive-manifest.asice", "PASSED", "-", "asic-archive-manifest-timestamp"),
      {"asic-e-archive-manifest-member-changed.asice", "-", at, "crl", "TOTAL_FAILED", "HASH_FAILURE",
       "Not AdES but QC with QSCD", "asic-e-member-changed-after-archiving"},
      timestamp("asic-e-archive-manifest-member-changed.asice", "FAILED", "HASH_FAILURE",
                "asic-archive-manifest-member-changed"),
  };
}

engine::Result<void> add_cades_asic_samples(const Pki& pki, engine::UtcTime now, const AddFile& add) {
  const auto signer_it = pki.end_entities.find(kSigner);
  const auto ca_it = pki.authorities.find(kSignerCa);
  if (signer_it == pki.end_entities.end() || ca_it == pki.authorities.end()) {
    return engine::fail(engine::Code::kInternal, "CAdES/ASiC samples: the PKI lacks esig-qscd or its CA");
  }
  const auto& signer = signer_it->second;
  const auto& ca = ca_it->second;
  const engine::UtcTime signed_at = now - hours(24);
  int serial = 0x1600;
  const engine::cms::Tsa tsa = [&](std::string_view covered) {
    return sample_timestamp(pki, covered, now - hours(12), [&] {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string hex;
      for (int v = serial++; v; v >>= 4) hex.insert(hex.begin(), kHex[v & 0xf]);
      return hex;
    }());
  };
  const auto put = [&](const std::string& name, std::string bytes, const std::string& what) {
    add(std::string(kCadesAsicFolder) + name, std::move(bytes), what);
  };
  const auto cades = [&](std::string content, bool detached) {
    engine::cms::CadesSpec spec;
    spec.content = std::move(content);
    spec.detached = detached;
    spec.signing_time = signed_at;
    spec.chain = {ca.certificate};
    spec.commitment_type_oids = {"1.2.840.113549.1.9.16.6.1"};  // proof of origin
    return engine::cms::build_cades(spec, *signer.certificate, signer.key);
  };
#define ASSAY_TRY(var, expr)                      \
  auto var = (expr);                              \
  if (!var) return std::unexpected(var.error())

  const std::string text = "A contract signed with CAdES (sample, not a real document).\n";
  ASSAY_TRY(b_attached, cades(text, false));
  put("cades-b-attached.p7m", *b_attached, "CAdES-BASELINE-B, attached (expected: TOTAL_PASSED, QESig)");
  ASSAY_TRY(b_detached, cades(text, true));
  put("cades-b-detached.p7s", *b_detached, "CAdES-BASELINE-B, detached (expected: TOTAL_PASSED with cades-b-detached.txt)");
  put("cades-b-detached.txt", text, "the content of cades-b-detached.p7s");
  // The TSA's CA publishes no CRL elsewhere in the federation: one here, for relying parties.
  engine::CrlSpec tsa_crl;
  tsa_crl.this_update = now - hours(24);
  tsa_crl.next_update = now + hours(24 * 7);
  tsa_crl.crl_number = 1;
  ASSAY_TRY(tsa_crl_der, engine::build_crl(tsa_crl, *pki.authorities.at(std::string(kSampleTsaIssuer)).certificate,
                                           pki.authorities.at(std::string(kSampleTsaIssuer)).key));
  put(std::string(kSampleTsaIssuer) + ".crl", *tsa_crl_der, "CRL of the sample TSA's CA (no revocations)");
  ASSAY_TRY(t_attached, engine::cms::add_signature_timestamp(*b_attached, tsa));
  put("cades-t-attached.p7m", *t_attached, "CAdES-BASELINE-T, attached (expected: TOTAL_PASSED)");

  // LT: the validation data in the SignedData — the chain, the TSA's, an OCSP response for the
  // signer from the CA itself.
  const auto& tsa_unit = pki.end_entities.at(std::string(kSampleTsa));
  const auto& tsa_ca = pki.authorities.at(std::string(kSampleTsaIssuer));
  engine::OcspResponseSpec ocsp;
  ocsp.produced_at = now - hours(12);
  ocsp.responses.push_back({signer.certificate.get(), ca.certificate.get(), engine::OcspCertStatus::kGood, {}, std::nullopt,
                            now - hours(12), now + hours(24 * 7)});
  ASSAY_TRY(ocsp_der, engine::build_ocsp_response(ocsp, *ca.certificate, ca.key));
  const std::string lt_text = "A detached document signed with CAdES-BASELINE-LT (sample).\n";
  ASSAY_TRY(lt_b, cades(lt_text, true));
  ASSAY_TRY(lt_t, engine::cms::add_signature_timestamp(*lt_b, tsa));
  ASSAY_TRY(lt, engine::cms::add_validation_data(*lt_t, {tsa_unit.certificate, tsa_ca.certificate}, {*tsa_crl_der},
                                                 {*ocsp_der}));
  put("cades-lt-detached.p7s", *lt, "CAdES-BASELINE-LT, detached (expected: TOTAL_PASSED with cades-lt-detached.txt)");
  put("cades-lt-detached.txt", lt_text, "the content of cades-lt-detached.p7s");
  ASSAY_TRY(lta_lt, engine::cms::add_validation_data(*t_attached, {tsa_unit.certificate, tsa_ca.certificate},
                                                     {*tsa_crl_der}, {*ocsp_der}));
  ASSAY_TRY(lta, engine::cms::add_archive_timestamp_v3(*lta_lt, tsa));
  put("cades-lta-attached.p7m", *lta, "CAdES-BASELINE-LTA, attached (expected: TOTAL_PASSED)");
  ASSAY_TRY(tampered, cades(text, true));
  put("cades-tampered-detached.p7s", *tampered, "CAdES-B detached over cades-b-detached.txt's text");
  put("cades-tampered-detached.txt", "A contract signed with CAdES (sample, not a real document!)\n",
      "changed content for cades-tampered-detached.p7s (expected: TOTAL_FAILED / HASH_FAILURE)");

  // ASiC.
  const ContainerFiles files = {{"invoice.xml", "<invoice><total>100.00</total></invoice>\n"},
                                {"annex/terms.txt", "Terms and conditions (sample).\n"}};
  const auto container = [&](bool asic_e, bool with_cades, ContainerFiles signed_files, ContainerFiles extra = {}) {
    ContainerSpec spec;
    spec.asic_e = asic_e;
    spec.cades = with_cades;
    spec.files = std::move(signed_files);
    spec.unsigned_files = std::move(extra);
    spec.chain_der = {ca.certificate->der()};
    spec.signing_time = signed_at;
    return build_container(spec, *signer.certificate, signer.key);
  };
  ASSAY_TRY(s_cades, container(false, true, {files.front()}));
  put("asic-s-cades.asics", *s_cades, "ASiC-S with CAdES (expected: TOTAL_PASSED)");
  ASSAY_TRY(s_xades, container(false, false, {files.front()}));
  put("asic-s-xades.asics", *s_xades, "ASiC-S with XAdES (expected: TOTAL_PASSED)");
  ASSAY_TRY(e_cades, container(true, true, files));
  put("asic-e-cades.asice", *e_cades, "ASiC-E with CAdES over an ASiCManifest (expected: TOTAL_PASSED)");
  ASSAY_TRY(e_xades, container(true, false, files));
  put("asic-e-xades.asice", *e_xades, "ASiC-E with XAdES (expected: TOTAL_PASSED)");
  ASSAY_TRY(extra, container(true, true, files, {{"added-later.txt", "Not signed by anyone.\n"}}));
  put("asic-e-extra-unsigned-file.asice", *extra,
      "ASiC-E with a file no signature covers (expected: TOTAL_PASSED, warning asic.unsigned_file)");
  // A member changed after signing: rebuild the container with other bytes for it.
  ASSAY_TRY(read_back, engine::zip::read_zip(*e_cades));
  std::vector<engine::zip::ZipWriteEntry> entries;
  for (const auto& e : read_back->entries) {
    entries.push_back({e.name, e.name == "invoice.xml" ? "<invoice><total>999.00</total></invoice>\n" : e.bytes, e.stored});
  }
  ASSAY_TRY(changed, engine::zip::write_zip(entries));
  put("asic-e-tampered-member.asice", *changed, "ASiC-E whose invoice.xml changed after signing (expected: HASH_FAILURE)");
  // Document time-stamps (EN 319 162-1 4.3.3.1): an ASiC-S whose only content besides the data
  // object is META-INF/timestamp.tst over it; the same with the data object changed afterwards.
  const std::string deed = "A deed whose existence a time-stamp proves (sample).\n";
  ASSAY_TRY(deed_tst, tsa(deed));
  const auto asic_s_tst = [&](const std::string& data) {
    return engine::zip::write_zip({{"mimetype", "application/vnd.etsi.asic-s+zip", true},
                                   {"deed.txt", data, false},
                                   {"META-INF/timestamp.tst", *deed_tst, false}});
  };
  ASSAY_TRY(s_tst, asic_s_tst(deed));
  put("asic-s-timestamp-only.asics", *s_tst, "ASiC-S with a time-stamp token only (expected: the time-stamp PASSED, QTSA)");
  ASSAY_TRY(s_tst_changed, asic_s_tst("A deed whose existence a time-stamp proves (sample!)\n"));
  put("asic-s-timestamp-data-changed.asics", *s_tst_changed,
      "ASiC-S whose data object changed after time-stamping (expected: the time-stamp FAILED / HASH_FAILURE)");
  // EN 319 162-1 A.6: an ASiC-E with CAdES and an ASiCArchiveManifest over every member,
  // time-stamped; and the same with a member changed after archiving.
  ASSAY_TRY(e_members, engine::zip::read_zip(*e_cades));
  ContainerFiles archived;
  for (const auto& e : e_members->entries) {
    if (e.name != "mimetype") archived.emplace_back(e.name, e.bytes);
  }
  const std::string archive_manifest = asic_archive_manifest(archived, "META-INF/timestamp001.tst");
  ASSAY_TRY(archive_tst, tsa(archive_manifest));
  const auto archived_container = [&](bool change_member) {
    std::vector<engine::zip::ZipWriteEntry> all;
    for (const auto& e : e_members->entries) {
      const bool changed = change_member && e.name == "annex/terms.txt";
      all.push_back({e.name, changed ? "Terms and conditions (sample), amended.\n" : e.bytes, e.stored});
    }
    all.push_back({"META-INF/ASiCArchiveManifest.xml", archive_manifest, false});
    all.push_back({"META-INF/timestamp001.tst", *archive_tst, false});
    return engine::zip::write_zip(all);
  };
  ASSAY_TRY(e_archived, archived_container(false));
  put("asic-e-archive-manifest.asice", *e_archived,
      "ASiC-E with CAdES and a time-stamped ASiCArchiveManifest (expected: TOTAL_PASSED; the time-stamp PASSED)");
  ASSAY_TRY(e_archived_changed, archived_container(true));
  put("asic-e-archive-manifest-member-changed.asice", *e_archived_changed,
      "the same with annex/terms.txt changed after archiving (expected: HASH_FAILURE for the signature and the time-stamp)");
  // 8 MiB of zeros deflate to a few KiB: a compression ratio far over the reader's limit.
  ASSAY_TRY(bomb, engine::zip::write_zip({{"mimetype", "application/vnd.etsi.asic-e+zip", true},
                                          {"zeros.bin", std::string(8u << 20, '\0'), false}}));
  put("asic-e-zip-bomb.asice", *bomb, "a zip bomb (expected: refused, resource limit)");
#undef ASSAY_TRY

  std::string tsv = "document\tdetached\tat\trevocation_data\tindication\tsubindication\tqualification\trule\tobject\n";
  for (const auto& e : cades_asic_expectations(now)) {
    tsv += e.document + '\t' + e.detached + '\t' + e.at + '\t' + e.revocation_data + '\t' + e.indication + '\t' +
           e.subindication + '\t' + e.qualification + '\t' + e.rule + '\t' + e.object + '\n';
  }
  add("expected-validation-cades-asic.tsv", std::move(tsv),
      "expected EN 319 102-1 outcomes of the CAdES / ASiC documents under signatures-cades-asic/ (hand-written)");
  return {};
}

}  // namespace assay::samples
