// The JSON view of signature validation: the simple shape of issue 15 5(b) and the detailed part.
#include "service/json/signature_validation_json.h"

#include <gtest/gtest.h>

#include "tests/validation/signature/signature_test_support.h"

namespace assay::validation {
namespace {

using testing::day;

TEST(SignatureJson, NoSignatureIsAnEmptyList) {
  DocumentValidationReport d;
  d.validation_time = day(2024, 6, 1);
  d.policy = "p";
  const auto o = service::json::signature_validation_json(d, true);
  EXPECT_TRUE(o.at("signatures").as_array().empty());
  EXPECT_EQ(o.at("signatures_count").as_uint64(), 0u);
  EXPECT_EQ(o.at("valid_signatures_count").as_uint64(), 0u);
  EXPECT_EQ(o.at("validation_time").as_string(), "2024-06-01T00:00:00Z");
  EXPECT_EQ(o.at("policy").as_string(), "p");
  EXPECT_TRUE(o.at("detailed").as_array().empty());
}

TEST(SignatureJson, SimpleAndDetailedShape) {
  testing::TestPki pki;
  ExplicitTrustAnchors anchors{{pki.root}};
  testing::ScriptedChecker checker;
  testing::ScriptedTimestamps tsts;
  auto s = testing::good_signature(pki);
  s.references[0].intact = false;
  s.timestamps.push_back(testing::timestamp(EmbeddedTimestamp::Kind::kSignature, "tst"));
  tsts.pass("tst", day(2024, 5, 2));
  SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.certificates.revocation = &checker;
  ctx.at = day(2024, 6, 1);
  ctx.validate_timestamp = tsts.validator();
  std::vector<SignatureUnderValidation> list{s};
  const auto d = validate_signatures(list, ctx);
  const auto o = service::json::signature_validation_json(d, false);
  EXPECT_FALSE(o.contains("detailed"));
  EXPECT_EQ(o.at("signatures_count").as_uint64(), 1u);
  EXPECT_EQ(o.at("valid_signatures_count").as_uint64(), 0u);
  const auto& sig = o.at("signatures").as_array().at(0).as_object();
  for (const char* key : {"id", "format", "level", "indication", "subindication", "signing_time", "best_signature_time",
                          "signed_by", "qualification", "scope", "errors", "warnings", "timestamps"}) {
    EXPECT_TRUE(sig.contains(key)) << key;
  }
  EXPECT_EQ(sig.at("indication").as_string(), "TOTAL_FAILED");
  EXPECT_EQ(sig.at("subindication").as_string(), "HASH_FAILURE");
  EXPECT_EQ(sig.at("format").as_string(), "XAdES");
  EXPECT_EQ(sig.at("qualification").as_string(), "Not AdES");
  EXPECT_EQ(sig.at("signing_time").as_string(), "2024-05-01T00:00:00Z");
  ASSERT_FALSE(sig.at("errors").as_array().empty());
  EXPECT_EQ(sig.at("errors").as_array().at(0).as_object().at("id").as_string(), "signature.cv.reference_intact");
  EXPECT_EQ(sig.at("timestamps").as_array().at(0).as_object().at("kind").as_string(), "signature");
  EXPECT_EQ(sig.at("scope").as_array().size(), 1u);

  const auto full = service::json::signature_validation_json(d, true);
  const auto& det = full.at("detailed").as_array().at(0).as_object();
  const auto& blocks = det.at("blocks").as_array();
  ASSERT_GE(blocks.size(), 5u);
  EXPECT_EQ(blocks.at(0).as_object().at("name").as_string(), "FC");
  const auto& cv = blocks.back().as_object();
  EXPECT_EQ(cv.at("name").as_string(), "CV");
  EXPECT_EQ(cv.at("subindication").as_string(), "HASH_FAILURE");
  EXPECT_EQ(cv.at("constraints").as_array().at(0).as_object().at("status").as_string(), "NOT OK");
  EXPECT_TRUE(det.at("certificate").is_object());
  EXPECT_EQ(det.at("qualification").as_object().at("uri").as_string(), "urn:cef:dss:signatureQualification:notAdES");
}

}  // namespace
}  // namespace assay::validation
