// Test helpers for the general verifier and the XAdES reader: XML-DSig templates (SignedInfo with
// the given references, KeyInfo with a certificate, extra ds:Objects) completed by
// engine::xmldsig::sign_template.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/base64.h"
#include "engine/xmldsig/algorithms.h"
#include "engine/xmldsig/template_signer.h"

namespace assay::engine::xmldsig::testing {

inline constexpr std::string_view kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
inline constexpr std::string_view kSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";

struct Ref {
  std::string uri;  // "-" for no URI attribute
  std::vector<std::string> transforms;
  std::string type;
  std::string id;
};

inline Ref ref(std::string uri, std::vector<std::string> transforms) {
  std::vector<std::string> t;
  for (auto& s : transforms) t.push_back(std::string(s));
  return Ref{std::move(uri), std::move(t), {}, {}};
}
inline Ref ref(std::string uri, std::initializer_list<std::string_view> transforms) {
  std::vector<std::string> t(transforms.begin(), transforms.end());
  return Ref{std::move(uri), std::move(t), {}, {}};
}

inline std::string reference_xml(const Ref& r) {
  std::string out = "<ds:Reference";
  if (!r.id.empty()) out += " Id=\"" + r.id + "\"";
  if (r.uri != "-") out += " URI=\"" + r.uri + "\"";
  if (!r.type.empty()) out += " Type=\"" + r.type + "\"";
  out += ">";
  if (!r.transforms.empty()) {
    out += "<ds:Transforms>";
    for (const auto& t : r.transforms) out += "<ds:Transform Algorithm=\"" + t + "\"/>";
    out += "</ds:Transforms>";
  }
  out += "<ds:DigestMethod Algorithm=\"" + std::string(kSha256) + "\"/><ds:DigestValue></ds:DigestValue></ds:Reference>";
  return out;
}

// A ds:Signature element (with the ds namespace declared on it) ready for sign_template.
inline std::string signature_template(const std::string& id, const std::vector<Ref>& refs, const std::string& cert_der,
                                      const std::string& objects = "", const std::string& value_id = "") {
  std::string out = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"" + id +
                    "\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"" + std::string(kExcC14n) +
                    "\"/><ds:SignatureMethod Algorithm=\"" + std::string(kRsaSha256) + "\"/>";
  for (const auto& r : refs) out += reference_xml(r);
  out += "</ds:SignedInfo><ds:SignatureValue" + (value_id.empty() ? std::string() : " Id=\"" + value_id + "\"") +
         "></ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + base64_encode(cert_der) +
         "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>" + objects + "</ds:Signature>";
  return out;
}

inline std::string sign_ok(const std::string& tmpl, const PrivateKey& key, std::vector<DetachedContent> detached = {}) {
  TemplateSignOptions options;
  options.detached = std::move(detached);
  auto signed_doc = sign_template(tmpl, key, options);
  EXPECT_TRUE(signed_doc.has_value()) << (signed_doc ? "" : signed_doc.error().message());
  return signed_doc ? *signed_doc : std::string();
}

}  // namespace assay::engine::xmldsig::testing
