#include "tests/service/audit/faulty_dss_double.h"

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/http/handler.h"

namespace assay::testing {
namespace {

namespace bj = boost::json;
namespace http = service::http;

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool revoked(const bj::value* sub) { return sub != nullptr && sub->is_string() && sub->as_string().starts_with("REVOKED"); }

// Applies the verdict faults to one object carrying "Indication" / "SubIndication".
void falsify(bj::object& o, const DssFaults& f, bool signature) {
  auto* sub = o.if_contains("SubIndication");
  if (f.accept_revoked && revoked(sub)) {
    o["Indication"] = signature ? "TOTAL_PASSED" : "PASSED";
    o["SubIndication"] = nullptr;
  } else if (f.wrong_sub && sub != nullptr && sub->is_string() && sub->as_string() == "OUT_OF_BOUNDS_NO_POE") {
    o["SubIndication"] = "OUT_OF_BOUNDS_NOT_REVOKED";
  }
}

}  // namespace

FaultyDssDouble::FaultyDssDouble(DssFaults faults, const std::filesystem::path& federation) : faults_(std::move(faults)) {
  federation_.refresh(federation / "urls.tsv", federation / "oj" / "old-anchor.pem");
  http::Context& context = federation_.context();
  context.qualify = http::engine_qualify();
  context.validate_signatures = http::engine_validate_signatures();
  // The revocation data a deployed DSS would fetch from the certificates' distribution points.
  std::vector<std::string> crls;
  for (const auto& e : std::filesystem::directory_iterator(federation / "revocation")) {
    if (e.path().extension() == ".crl") crls.push_back(read_bytes(e.path()));
  }
  context.validate_certificate_report = [inner = http::engine_validate_certificate_report(), crls](
                                             const http::TrustSnapshotBundle& bundle, const http::CertificateValidationInput& in) {
    http::CertificateValidationInput with = in;
    with.crls.insert(with.crls.end(), crls.begin(), crls.end());
    return inner(bundle, with);
  };
  for (const char* path : {"/services/rest/validation/validateSignature", "/services/rest/certificate-validation/validateCertificate"}) {
    server_.route(path, [this](const RecordedRequest& r) { return answer(r); });
  }
}

HttpScript FaultyDssDouble::answer(const RecordedRequest& request) {
  // The server answers on one thread: no lock needed for `stalled_`.
  if (!faults_.stall_once_on.empty() && !stalled_ && request.body.find(faults_.stall_once_on) != std::string::npos) {
    stalled_ = true;
    HttpScript s = HttpScript::ok("{}", "application/json");
    s.delay = faults_.stall;
    return s;
  }
  http::Request forwarded{http::beast_http::verb::post, request.target, 11};
  forwarded.set(http::beast_http::field::content_type, "application/json");
  forwarded.body() = request.body;
  forwarded.prepare_payload();
  const http::Response real = http::handle(forwarded, federation_.context());
  if (real.result_int() != 200) {
    HttpScript s = HttpScript::ok(real.body(), "application/json");
    s.status = real.result_int();
    return s;
  }
  bj::value answer = bj::parse(real.body());
  auto& top = answer.as_object();
  if (auto* simple = top.if_contains("SimpleReport")) {
    if (auto* list = simple->as_object().if_contains("signatureOrTimestampOrEvidenceRecord"); list != nullptr && list->is_array()) {
      for (auto& e : list->as_array()) {
        if (auto* sig = e.as_object().if_contains("Signature")) falsify(sig->as_object(), faults_, true);
      }
    }
  }
  if (auto* simple = top.if_contains("simpleCertificateReport")) {
    if (auto* cert = simple->as_object().if_contains("Certificate"); cert != nullptr && cert->is_object()) {
      auto& c = cert->as_object();
      falsify(c, faults_, false);
      if (faults_.ignore_withdrawal) c["qualificationAtValidation"] = c["qualificationAtIssuance"];
    }
  }
  return HttpScript::ok(bj::serialize(answer), "application/json");
}

}  // namespace assay::testing
