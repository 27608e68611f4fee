// Hostile XML stays in the suite forever: each input gets a specific, clear error; nothing is
// fetched, expanded or crashed on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/xml/document.h"

namespace assay::engine::xml {
namespace {

using ::testing::HasSubstr;

void expect_rejected(std::string_view xml, Code code, const std::string& message_part, const Limits& limits = {}) {
  auto doc = Document::parse(xml, limits);
  ASSERT_FALSE(doc.has_value()) << "accepted: " << xml.substr(0, 80);
  EXPECT_EQ(doc.error().code(), code) << doc.error().message();
  EXPECT_THAT(doc.error().message(), HasSubstr(message_part));
}

TEST(XmlHostile, EmptyAndNotXml) {
  expect_rejected("", Code::kMalformed, "empty document");
  expect_rejected("   \n", Code::kMalformed, "not well-formed");
  expect_rejected("hello, world", Code::kMalformed, "not well-formed");
  expect_rejected("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Code::kMalformed, "not well-formed");
}

TEST(XmlHostile, TruncatedDocumentNamesLineAndColumn) {
  expect_rejected("<?xml version=\"1.0\"?>\n<root>\n  <child>text</child>\n  <child>te", Code::kMalformed, "line ");
}

TEST(XmlHostile, BillionLaughsIsRefusedAtTheDoctype) {
  std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i < 10; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "\">";
  }
  xml += "]><lolz>&lol9;</lolz>";
  expect_rejected(xml, Code::kUnsupported, "DOCTYPE");
}

TEST(XmlHostile, ExternalEntitiesAreNeverResolved) {
  expect_rejected("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
                  Code::kUnsupported, "DOCTYPE");
  expect_rejected("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]><r>&x;</r>",
                  Code::kUnsupported, "DOCTYPE");
  expect_rejected("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]><r/>",
                  Code::kUnsupported, "DOCTYPE");
}

TEST(XmlHostile, ExternalDtdIsRefused) {
  expect_rejected("<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:9/r.dtd\"><r/>", Code::kUnsupported,
                  "DOCTYPE");
  expect_rejected("<?xml version=\"1.0\"?><!DOCTYPE r PUBLIC \"-//X//Y\" \"file:///etc/passwd\"><r/>", Code::kUnsupported,
                  "DOCTYPE");
}

TEST(XmlHostile, UndeclaredEntityReferenceIsAnError) {
  expect_rejected("<r>&undeclared;</r>", Code::kMalformed, "not well-formed");
}

TEST(XmlHostile, DeepNestingStopsAtTheLimit) {
  std::string xml;
  for (int i = 0; i < 10000; ++i) xml += "<a>";
  for (int i = 0; i < 10000; ++i) xml += "</a>";
  expect_rejected(xml, Code::kResourceExhausted, "nesting deeper than 128");
  Limits shallow;
  shallow.max_depth = 3;
  expect_rejected("<a><b><c><d/></c></b></a>", Code::kResourceExhausted, "nesting deeper than 3", shallow);
}

TEST(XmlHostile, OversizedDocumentIsRefusedBeforeParsing) {
  std::string big(100u << 20, ' ');
  big.replace(0, 3, "<r>");
  expect_rejected(big, Code::kResourceExhausted, "over the limit");
}

TEST(XmlHostile, TooManyAttributesAndElements) {
  std::string attrs = "<r";
  for (int i = 0; i < 100; ++i) attrs += " a" + std::to_string(i) + "=\"v\"";
  attrs += "/>";
  expect_rejected(attrs, Code::kResourceExhausted, "attributes");
  Limits few;
  few.max_elements = 10;
  std::string many = "<r>";
  for (int i = 0; i < 20; ++i) many += "<e/>";
  many += "</r>";
  expect_rejected(many, Code::kResourceExhausted, "more than 10 elements", few);
}

TEST(XmlHostile, InvalidUtf8IsRejected) {
  expect_rejected("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>\xC3\x28 bad</r>", Code::kMalformed, "not well-formed");
  expect_rejected("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>\xFF\xFE</r>", Code::kMalformed, "not well-formed");
}

TEST(XmlHostile, XIncludeIsNotProcessed) {
  auto doc = Document::parse(
      "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></r>");
  ASSERT_TRUE(doc.has_value());
  // The include element stays an ordinary element; nothing was read from disk.
  EXPECT_TRUE((*doc)->root().child("http://www.w3.org/2001/XInclude", "include"));
  EXPECT_EQ((*doc)->root().text(), "");
}

TEST(XmlHostile, ProcessingInstructionsAndCommentsAreHarmless) {
  auto doc = Document::parse("<?xml version=\"1.0\"?><?xml-stylesheet href=\"http://127.0.0.1:9/x.xsl\"?><!-- c --><r>ok</r>");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ((*doc)->root().text(), "ok");
}

}  // namespace
}  // namespace assay::engine::xml
