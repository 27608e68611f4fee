#include "engine/xml/document.h"

#include <gtest/gtest.h>

namespace assay::engine::xml {
namespace {

TEST(XmlDocument, NavigatesByNamespaceNotPrefix) {
  auto doc = Document::parse(R"(<?xml version="1.0"?><a:root xmlns:a="urn:x" xmlns:b="urn:y"><b:k>1</b:k><a:k>2</a:k></a:root>)");
  ASSERT_TRUE(doc.has_value()) << doc.error().message();
  Node root = (*doc)->root();
  EXPECT_TRUE(root.is("urn:x", "root"));
  EXPECT_EQ(root.child("urn:x", "k").text(), "2");
  EXPECT_EQ(root.child("urn:y", "k").text(), "1");
  EXPECT_FALSE(root.child("urn:z", "k"));
}

TEST(XmlDocument, CommentInsideTextIsSkippedNotTruncating) {
  auto doc = Document::parse("<r><n>Good<!-- x -->Corp</n></r>");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ((*doc)->root().child("", "n").text(), "GoodCorp");
}

TEST(XmlDocument, RejectsDoctype) {
  auto doc = Document::parse("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"b\">]><r>&a;</r>");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kUnsupported);
  EXPECT_NE(doc.error().message().find("DOCTYPE"), std::string::npos);
}

TEST(XmlDocument, RejectsEmpty) {
  auto doc = Document::parse("");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kMalformed);
}

}  // namespace
}  // namespace assay::engine::xml
