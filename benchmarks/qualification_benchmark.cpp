// Qualification of one certificate against the full eu-2026-08 snapshot (both instants, the
// structured evidence included), with and without the issuer-signature cache, and the cost of
// the RSA signature check it saves. The EU lists carry no end-entity certificates we could sign,
// so one synthetic list with an RSA-2048 CA/QC service (criteria + qualifiers) joins the 29 real
// ones; the end entity is issued by that CA.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "benchmarks/support/corpus_files.h"
#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "engine/x509/internal/verdict_cache.h"
#include "tsl/parser.h"
#include "tsl/qualification/explain.h"
#include "tsl/qualification/qualification.h"

namespace assay::bench {
namespace {

engine::UtcTime t(const char* s) { return *engine::parse_utc_time(s); }

struct Fixture {
  tsl::TrustSnapshotPtr snapshot;
  std::vector<engine::CertificatePtr> chain;
};

std::string synthetic_list(const engine::Certificate& ca) {
  const std::string ext = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/";
  return R"(<?xml version="1.0" encoding="UTF-8"?><TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" )"
         R"(xmlns:sie="http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#" )"
         R"(xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Id="tsl" TSLTag="http://uri.etsi.org/19612/TSLTag"><SchemeInformation>)"
         R"(<TSLVersionIdentifier>6</TSLVersionIdentifier><TSLSequenceNumber>1</TSLSequenceNumber>)"
         R"(<TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</TSLType>)"
         R"(<SchemeOperatorName><Name xml:lang="en">Bench</Name></SchemeOperatorName><SchemeTerritory>ZZ</SchemeTerritory>)"
         R"(<ListIssueDateTime>2026-01-01T00:00:00Z</ListIssueDateTime><NextUpdate><dateTime>2026-12-01T00:00:00Z</dateTime></NextUpdate>)"
         R"(</SchemeInformation><TrustServiceProviderList><TrustServiceProvider><TSPInformation><TSPName><Name xml:lang="en">Bench TSP</Name></TSPName>)"
         R"(</TSPInformation><TSPServices><TSPService><ServiceInformation><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>)"
         R"(<ServiceName><Name xml:lang="en">Bench QC CA</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509Certificate>)" +
         engine::base64_encode(ca.der()) +
         R"(</X509Certificate></DigitalId></ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>)"
         R"(<StatusStartingTime>2020-01-01T00:00:00Z</StatusStartingTime><ServiceInformationExtensions>)"
         R"(<Extension Critical="true"><AdditionalServiceInformation><URI xml:lang="en">)" + ext +
         R"(ForeSignatures</URI></AdditionalServiceInformation></Extension><Extension Critical="true"><sie:Qualifications>)"
         R"(<sie:QualificationElement><sie:Qualifiers><sie:Qualifier uri=")" + ext + R"(QCWithQSCD"/></sie:Qualifiers>)"
         R"(<sie:CriteriaList assert="atLeastOne"><sie:KeyUsage><sie:KeyUsageBit name="nonRepudiation">true</sie:KeyUsageBit></sie:KeyUsage>)"
         R"(<sie:PolicySet><sie:PolicyIdentifier><xades:Identifier>0.4.0.194112.1.2</xades:Identifier></sie:PolicyIdentifier></sie:PolicySet>)"
         R"(</sie:CriteriaList></sie:QualificationElement></sie:Qualifications></Extension></ServiceInformationExtensions></ServiceInformation>)"
         R"(<ServiceHistory><ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>)"
         R"(<ServiceName><Name xml:lang="en">Bench QC CA</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509Certificate>)" +
         engine::base64_encode(ca.der()) +
         R"(</X509Certificate></DigitalId></ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited</ServiceStatus>)"
         R"(<StatusStartingTime>2012-01-01T00:00:00Z</StatusStartingTime></ServiceHistoryInstance></ServiceHistory>)"
         R"(</TSPService></TSPServices></TrustServiceProvider></TrustServiceProviderList></TrustServiceStatusList>)";
}

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    auto ca_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kRsa2048);
    auto ee_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kRsa2048);
    engine::CertificateSpec ca_spec;
    ca_spec.subject = {{"C", "ZZ"}, {"O", "Bench TSP"}, {"CN", "Bench QC CA"}};
    ca_spec.not_before = t("2015-01-01T00:00:00Z");
    ca_spec.not_after = t("2035-01-01T00:00:00Z");
    ca_spec.ca = true;
    auto ca = engine::build_self_signed(ca_spec, *ca_key);
    engine::CertificateSpec spec;
    spec.subject = {{"C", "ZZ"}, {"CN", "Bench signer"}};
    spec.not_before = t("2024-01-10T00:00:00Z");
    spec.not_after = t("2027-01-10T00:00:00Z");
    spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kNonRepudiation});
    spec.policies = {"0.4.0.194112.1.2"};
    engine::QcStatementsSpec qc;
    qc.compliance = true;
    qc.sscd = true;
    qc.type_oids = {std::string(engine::qc_oid::kTypeESign)};
    spec.qc_statements = qc;
    auto ee = engine::build_certificate(spec, ee_key->public_key_der(), **ca, *ca_key);
    if (!ca || !ee) std::abort();
    tsl::SnapshotInput input;
    input.trust_time = t("2026-08-21T00:00:00Z");
    for (const auto& file : load_xml_files(shared_dir_or_exit() / "corpus/eu-2026-08")) {
      auto list = tsl::parse_trusted_list(file.bytes);
      if (list && (*list)->kind() == tsl::ListKind::kNational) input.lists.push_back({file.name, *list, "authenticated", {}});
    }
    auto extra = tsl::parse_trusted_list(synthetic_list(**ca));
    if (!extra) std::abort();
    input.lists.push_back({"bench", *extra, "authenticated", {}});
    out.snapshot = tsl::TrustSnapshot::build(std::move(input));
    out.chain = {*ee, *ca};
    return out;
  }();
  return f;
}

void BM_QualifyCertificate(benchmark::State& state) {
  const auto& f = fixture();
  tsl::SignatureCache cache;
  tsl::QualificationOptions options;
  options.cache = &cache;
  const auto at = t("2026-06-01T00:00:00Z");
  for (auto _ : state) {
    auto r = tsl::qualify(*f.snapshot, f.chain, at, options);
    if (r.label != "QESig") state.SkipWithError("unexpected label");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QualifyCertificate)->Unit(benchmark::kMicrosecond);

void BM_QualifyCertificateNoCache(benchmark::State& state) {
  const auto& f = fixture();
  const auto at = t("2026-06-01T00:00:00Z");
  for (auto _ : state) {
    auto r = tsl::qualify(*f.snapshot, f.chain, at);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QualifyCertificateNoCache)->Unit(benchmark::kMicrosecond);

void BM_QualifyAndExplain(benchmark::State& state) {
  const auto& f = fixture();
  tsl::SignatureCache cache;
  tsl::QualificationOptions options;
  options.cache = &cache;
  const auto at = t("2026-06-01T00:00:00Z");
  for (auto _ : state) {
    auto r = tsl::qualify(*f.snapshot, f.chain, at, options);
    auto sentences = tsl::explain(r);
    benchmark::DoNotOptimize(sentences);
  }
}
BENCHMARK(BM_QualifyAndExplain)->Unit(benchmark::kMicrosecond);

// One RSA-2048 signature check, as a certificate never checked before costs it: a fresh parse
// (its own memo empty) and no process-wide verdict (verdict_cache.h), both outside the timing.
void BM_VerifySignedByRsa2048(benchmark::State& state) {
  const auto& f = fixture();
  for (auto _ : state) {
    state.PauseTiming();
    auto fresh = engine::Certificate::parse_der(f.chain[0]->der());
    engine::ossl::clear_certificate_verdicts();
    state.ResumeTiming();
    auto ok = (*fresh)->verify_signed_by(*f.chain[1]);
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_VerifySignedByRsa2048)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace assay::bench
