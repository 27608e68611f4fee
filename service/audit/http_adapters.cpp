// The three HTTP adapters (http_target.h): what each API is sent for a case and where its answer
// says the indication, sub-indication and qualification. Wire formats: VALIDATION-APIS.md §1
// (DSS), §2 (SiVa); docs/openapi (assay /api/v1).
#include <boost/json.hpp>

#include <optional>

#include "engine/base64.h"
#include "engine/file.h"
#include "service/audit/classification.h"
#include "service/audit/http_target.h"
#include "service/audit/internal/unaskable_case.h"
#include "service/cli/certificate_inputs.h"
#include "tsl/qualification/qualification.h"

namespace assay::service::audit {
namespace http_target_internal {

constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

engine::Result<std::string> read_input(const std::filesystem::path& file) {
  auto bytes = engine::read_file(file, kMaxInputBytes);
  if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(file.string()));
  return std::move(*bytes);
}

engine::Result<std::vector<std::string>> certificates_der(const SuiteCase& c) {
  std::vector<std::string> out;
  for (const auto& f : c.certificates) {
    // Forwarded as they are: the target parses them (and must say so when they do not parse).
    auto certs = cli::read_certificate_der(f.string());
    if (!certs) return std::unexpected(certs.error());
    for (auto& der : *certs) out.push_back(std::move(der));
  }
  if (out.empty()) return engine::fail(engine::Code::kInvalidArgument, "no certificate in the case's files");
  return out;
}

engine::Result<const boost::json::value*> at_path(const boost::json::value& v, std::initializer_list<std::string_view> keys) {
  const boost::json::value* at = &v;
  std::string path;
  for (auto key : keys) {
    path += path.empty() ? std::string(key) : "." + std::string(key);
    const auto* o = at->if_object();
    const auto* next = o != nullptr ? o->if_contains(key) : nullptr;
    if (next == nullptr) return engine::fail(engine::Code::kMalformed, "no \"" + path + "\"");
    at = next;
  }
  return at;
}

engine::Result<std::string> string_member(const boost::json::object& o, std::string_view key, std::string_view where) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return engine::fail(engine::Code::kMalformed, std::string(where) + "." + std::string(key) + " is not a string");
  return std::string(v->as_string());
}

}  // namespace http_target_internal

namespace {

using namespace http_target_internal;
using internal::unaskable_revocation_case;
namespace bj = boost::json;

// CRLs and OCSP responses for /api/v1: PEM text as it is, anything else as base64 of the bytes.
engine::Result<bj::array> revocation_items(const std::vector<std::filesystem::path>& files) {
  bj::array out;
  for (const auto& f : files) {
    auto bytes = read_input(f);
    if (!bytes) return std::unexpected(bytes.error());
    out.emplace_back(bytes->find("-----BEGIN") != std::string::npos ? *bytes : engine::base64_encode(*bytes));
  }
  return out;
}

engine::Result<void> need_object(const bj::value* v, std::string_view where) {
  if (v->is_object()) return {};
  return engine::fail(engine::Code::kMalformed, std::string(where) + " is not an object");
}

// ---- assay-http:URL — assay's own API (/api/v1) ------------------------------------------------

class AssayHttpTarget final : public HttpTarget {
 public:
  AssayHttpTarget(std::string spec, std::string url, TargetOptions options)
      : HttpTarget(std::move(spec), options), url_(std::move(url)), fetches_revocation_(options.target_fetches_revocation) {}

 protected:
  engine::Result<HttpCall> request(const Suite&, const SuiteCase& c) const override {
    if (auto why = unaskable_revocation_case(c, true, fetches_revocation_)) return engine::fail(engine::Code::kUnsupported, *why);
    bj::object body;
    body["at"] = engine::format_utc_time(c.at);
    if (c.question == Question::kSignature) {
      auto doc = read_input(c.document);
      if (!doc) return std::unexpected(doc.error());
      body["document"] = engine::base64_encode(*doc);
      bj::array detached;
      for (const auto& f : c.detached) {
        auto bytes = read_input(f);
        if (!bytes) return std::unexpected(bytes.error());
        detached.push_back(bj::object{{"name", f.filename().string()}, {"content", engine::base64_encode(*bytes)}});
      }
      if (!detached.empty()) body["detached"] = std::move(detached);
    } else {
      auto certs = certificates_der(c);
      if (!certs) return std::unexpected(certs.error());
      bj::array list;
      for (const auto& der : *certs) list.emplace_back(engine::base64_encode(der));
      body["certificates"] = std::move(list);
    }
    if (c.question != Question::kQualification) {
      auto crls = revocation_items(c.crls);
      if (!crls) return std::unexpected(crls.error());
      auto ocsp = revocation_items(c.ocsp);
      if (!ocsp) return std::unexpected(ocsp.error());
      if (!crls->empty()) body["crls"] = std::move(*crls);
      if (!ocsp->empty()) body["ocsp_responses"] = std::move(*ocsp);
    }
    const char* path = c.question == Question::kSignature     ? "/api/v1/signatures/validation"
                       : c.question == Question::kCertificate ? "/api/v1/certificates/validation"
                                                              : "/api/v1/qualification";
    return HttpCall{url_ + path, bj::serialize(body)};
  }

  engine::Result<void> read_answer(const SuiteCase& c, const bj::value& answer, Observation& o) const override {
    if (auto ok = need_object(&answer, "the answer"); !ok) return ok;
    const auto& top = answer.as_object();
    if (c.question == Question::kSignature) {
      auto list = at_path(answer, {"signatures"});
      if (!list) return std::unexpected(list.error());
      if (!(*list)->is_array()) return engine::fail(engine::Code::kMalformed, "signatures is not an array");
      if ((*list)->as_array().empty()) {
        o.status = Observation::Status::kNoSignature;
        o.detail = "no signature in the document";
        return {};
      }
      const auto& first = (*list)->as_array().front();
      if (auto ok = need_object(&first, "signatures[0]"); !ok) return ok;
      auto ind = string_member(first.as_object(), "indication", "signatures[0]");
      auto sub = string_member(first.as_object(), "subindication", "signatures[0]");
      auto q = string_member(first.as_object(), "qualification", "signatures[0]");
      if (!ind) return std::unexpected(ind.error());
      if (!sub) return std::unexpected(sub.error());
      if (!q) return std::unexpected(q.error());
      o.indication = normalise_indication(*ind);
      o.subindication = *sub;
      o.qualification = normalise_qualification(*q);
    } else if (c.question == Question::kCertificate) {
      auto ind = string_member(top, "indication", "answer");
      auto sub = string_member(top, "subindication", "answer");
      if (!ind) return std::unexpected(ind.error());
      if (!sub) return std::unexpected(sub.error());
      if (ind->empty()) return engine::fail(engine::Code::kMalformed, "no \"indication\"");
      o.indication = normalise_indication(*ind);
      o.subindication = *sub;
    } else {
      auto result = at_path(answer, {"result"});
      if (!result) return std::unexpected(result.error());
      if (auto ok = need_object(*result, "result"); !ok) return ok;
      auto label = string_member((*result)->as_object(), "label", "result");
      if (!label) return std::unexpected(label.error());
      if (label->empty()) return engine::fail(engine::Code::kMalformed, "no \"result.label\"");
      o.qualification = normalise_qualification(*label);
    }
    return {};
  }

 private:
  std::string url_;
  bool fetches_revocation_ = false;
};

// ---- dss:BASE — the DSS REST API --------------------------------------------------------------

// A DSS certificate qualification ("QC for eSig with QSCD", VALIDATION-APIS.md §1.8) as the
// answer it stands for; nullopt when it is not one of DSS's values.
std::optional<tsl::QualificationAnswer> dss_certificate_qualification(std::string_view v) {
  using tsl::QcStatus, tsl::QcUse, tsl::QscdStatus;
  if (v == "N/A") return tsl::QualificationAnswer{QcStatus::kNotApplicable, QcUse::kUnknown, QscdStatus::kNotApplicable};
  tsl::QualificationAnswer a;
  if (v.starts_with("QC for ")) {
    a.qc = QcStatus::kYes;
    v.remove_prefix(7);
    a.qscd = QscdStatus::kNo;
    if (v.ends_with(" with QSCD")) {
      a.qscd = QscdStatus::kYes;
      v.remove_suffix(10);
    }
  } else if (v.starts_with("Cert for ")) {
    a.qc = QcStatus::kNo;
    v.remove_prefix(9);
  } else {
    return std::nullopt;
  }
  if (v == "eSig") a.type = QcUse::kESig;
  else if (v == "eSeal") a.type = QcUse::kESeal;
  else if (v == "WSA") a.type = QcUse::kWsa;
  else if (v == "unknown type") a.type = QcUse::kUnknown;
  else return std::nullopt;
  return a;
}

class DssTarget final : public HttpTarget {
 public:
  DssTarget(std::string spec, std::string base, TargetOptions options)
      : HttpTarget(std::move(spec), options), base_(std::move(base)), fetches_revocation_(options.target_fetches_revocation) {}

 protected:
  engine::Result<HttpCall> request(const Suite&, const SuiteCase& c) const override {
    // Keys every DSS version knows only (VALIDATION-APIS.md §3.5); the time as ISO-8601.
    bj::object body{{"validationTime", engine::format_utc_time(c.at)}, {"policy", nullptr}};
    // Neither DTO has a place for revocation data: DSS fetches its own.
    if (auto why = unaskable_revocation_case(c, false, fetches_revocation_)) return engine::fail(engine::Code::kUnsupported, *why);
    if (c.question == Question::kSignature) {
      auto doc = read_input(c.document);
      if (!doc) return std::unexpected(doc.error());
      body["signedDocument"] = bj::object{{"bytes", engine::base64_encode(*doc)}, {"digestAlgorithm", nullptr},
                                          {"name", c.document.filename().string()}};
      bj::array originals;
      for (const auto& f : c.detached) {
        auto bytes = read_input(f);
        if (!bytes) return std::unexpected(bytes.error());
        originals.push_back(bj::object{{"bytes", engine::base64_encode(*bytes)}, {"digestAlgorithm", nullptr},
                                       {"name", f.filename().string()}});
      }
      body["originalDocuments"] = originals.empty() ? bj::value(nullptr) : bj::value(std::move(originals));
      return HttpCall{base_ + "/validation/validateSignature", bj::serialize(body)};
    }
    auto certs = certificates_der(c);
    if (!certs) return std::unexpected(certs.error());
    body["certificate"] = bj::object{{"encodedCertificate", engine::base64_encode(certs->front())}};
    bj::array chain;
    for (std::size_t i = 1; i < certs->size(); ++i) chain.push_back(bj::object{{"encodedCertificate", engine::base64_encode((*certs)[i])}});
    body["certificateChain"] = std::move(chain);
    return HttpCall{base_ + "/certificate-validation/validateCertificate", bj::serialize(body)};
  }

  engine::Result<void> read_answer(const SuiteCase& c, const bj::value& answer, Observation& o) const override {
    if (c.question == Question::kSignature) {
      auto count = at_path(answer, {"SimpleReport", "SignaturesCount"});
      if (!count) return std::unexpected(count.error());
      auto entries = at_path(answer, {"SimpleReport", "signatureOrTimestampOrEvidenceRecord"});
      const bj::object* signature = nullptr;
      if (entries && (*entries)->is_array()) {
        for (const auto& e : (*entries)->as_array()) {
          const auto* eo = e.if_object();
          const auto* s = eo != nullptr ? eo->if_contains("Signature") : nullptr;
          if (s != nullptr && s->is_object()) {
            signature = &s->as_object();
            break;
          }
        }
      }
      if (signature == nullptr) {
        // VALIDATION-APIS.md §1.9: recognised but unsigned is 200 with SignaturesCount 0.
        if ((*count)->is_int64() && (*count)->as_int64() == 0) {
          o.status = Observation::Status::kNoSignature;
          o.detail = "SignaturesCount 0";
          return {};
        }
        return engine::fail(engine::Code::kMalformed, "no Signature entry in SimpleReport.signatureOrTimestampOrEvidenceRecord");
      }
      auto ind = string_member(*signature, "Indication", "Signature");
      auto sub = string_member(*signature, "SubIndication", "Signature");
      if (!ind) return std::unexpected(ind.error());
      if (!sub) return std::unexpected(sub.error());
      if (ind->empty()) return engine::fail(engine::Code::kMalformed, "no Signature.Indication");
      o.indication = normalise_indication(*ind);
      o.subindication = *sub;
      if (const auto* level = signature->if_contains("SignatureLevel"); level != nullptr && level->is_object()) {
        auto v = string_member(level->as_object(), "value", "SignatureLevel");
        if (!v) return std::unexpected(v.error());
        o.qualification = normalise_qualification(*v);
      }
      return {};
    }
    auto item = at_path(answer, {"simpleCertificateReport", "Certificate"});
    if (!item) return std::unexpected(item.error());
    if (auto ok = need_object(*item, "simpleCertificateReport.Certificate"); !ok) return ok;
    const auto& cert = (*item)->as_object();
    if (c.question == Question::kCertificate) {
      auto ind = string_member(cert, "Indication", "Certificate");
      auto sub = string_member(cert, "SubIndication", "Certificate");
      if (!ind) return std::unexpected(ind.error());
      if (!sub) return std::unexpected(sub.error());
      if (ind->empty()) return engine::fail(engine::Code::kMalformed, "no Certificate.Indication");
      o.indication = normalise_indication(*ind);
      o.subindication = *sub;
      return {};
    }
    // Qualification: DSS gives the certificate's qualification at issuance and at the validation
    // time; the label the suite expects combines both as QUALIFICATION.md says (tsl::combine).
    auto issuance = string_member(cert, "qualificationAtIssuance", "Certificate");
    auto validation = string_member(cert, "qualificationAtValidation", "Certificate");
    if (!issuance) return std::unexpected(issuance.error());
    if (!validation) return std::unexpected(validation.error());
    if (issuance->empty() || validation->empty()) {
      o.status = Observation::Status::kServiceError;
      o.detail = "the target did not determine the certificate's qualification (qualificationAtIssuance / "
                 "qualificationAtValidation null)";
      return {};
    }
    const auto a = dss_certificate_qualification(*issuance);
    const auto b = dss_certificate_qualification(*validation);
    if (!a || !b) {
      return engine::fail(engine::Code::kMalformed, "unknown certificate qualification '" + (a ? *validation : *issuance) + "'");
    }
    o.qualification = std::string(tsl::eu_label(tsl::combine(*a, *b, nullptr)));
    return {};
  }

 private:
  std::string base_;
  bool fetches_revocation_ = false;
};

// ---- siva:URL — SiVa v3 /validate ------------------------------------------------------------

class SivaTarget final : public HttpTarget {
 public:
  SivaTarget(std::string spec, std::string url, TargetOptions options)
      : HttpTarget(std::move(spec), std::move(options)), url_(std::move(url)) {}

 protected:
  engine::Result<HttpCall> request(const Suite&, const SuiteCase& c) const override {
    if (c.question != Question::kSignature) {
      return engine::fail(engine::Code::kUnsupported, "SiVa validates signatures only (no " + std::string(question_name(c.question)) +
                                                          " question)");
    }
    if (!c.detached.empty()) {
      return engine::fail(engine::Code::kUnsupported, "SiVa /validate takes no detached content (/validateHashcode is XAdES-only)");
    }
    auto doc = read_input(c.document);
    if (!doc) return std::unexpected(doc.error());
    // No documentType (any value is a 400 on v3); the default policy; the simple report.
    bj::object body{{"document", engine::base64_encode(*doc)}, {"filename", c.document.filename().string()}, {"reportType", "Simple"}};
    return HttpCall{url_ + "/validate", bj::serialize(body)};
  }

  engine::Result<void> read_answer(const SuiteCase&, const bj::value& answer, Observation& o) const override {
    auto vc = at_path(answer, {"validationReport", "validationConclusion"});
    if (!vc) return std::unexpected(vc.error());
    if (auto ok = need_object(*vc, "validationConclusion"); !ok) return ok;
    const auto* list = (*vc)->as_object().if_contains("signatures");  // omitted when empty (NON_EMPTY)
    if (list == nullptr || (list->is_array() && list->as_array().empty())) {
      o.status = Observation::Status::kNoSignature;
      o.detail = "signaturesCount 0";
      return {};
    }
    if (!list->is_array() || !list->as_array().front().is_object()) {
      return engine::fail(engine::Code::kMalformed, "validationConclusion.signatures is not an array of objects");
    }
    const auto& s = list->as_array().front().as_object();
    auto ind = string_member(s, "indication", "signatures[0]");
    auto sub = string_member(s, "subIndication", "signatures[0]");
    auto level = string_member(s, "signatureLevel", "signatures[0]");
    if (!ind) return std::unexpected(ind.error());
    if (!sub) return std::unexpected(sub.error());
    if (!level) return std::unexpected(level.error());
    if (ind->empty()) return engine::fail(engine::Code::kMalformed, "no signatures[0].indication");
    o.indication = normalise_indication(*ind);
    o.subindication = *sub;
    o.qualification = normalise_qualification(*level);
    return {};
  }

 private:
  std::string url_;
};

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::unique_ptr<Target> make_dss_target(std::string spec, std::string base, TargetOptions options) {
  return std::make_unique<DssTarget>(std::move(spec), without_trailing_slash(std::move(base)), std::move(options));
}
std::unique_ptr<Target> make_siva_target(std::string spec, std::string url, TargetOptions options) {
  return std::make_unique<SivaTarget>(std::move(spec), without_trailing_slash(std::move(url)), std::move(options));
}
std::unique_ptr<Target> make_assay_http_target(std::string spec, std::string url, TargetOptions options) {
  return std::make_unique<AssayHttpTarget>(std::move(spec), without_trailing_slash(std::move(url)), std::move(options));
}

}  // namespace assay::service::audit
