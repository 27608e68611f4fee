// The direct exclusive C14N walk (canonicalize's fast path) against libxml2's xmlC14NExecute on
// hand-written documents built to hit every rule: namespace rendering, xmlns="", attribute
// order, escaping, PIs and comments in and out of the root, CDATA, apex and excluded subtrees.
#include <gtest/gtest.h>

#include <string>

#include "engine/xml/document.h"
#include "engine/xmldsig/internal/c14n.h"
#include "engine/xmldsig/internal/exc_c14n.h"
#include "tests/engine/xmldsig/xmldsig_fixture.h"

namespace assay::engine::xmldsig::internal {
namespace {

constexpr C14nMethod kExclusive{C14nMode::kExclusive10, false};

std::shared_ptr<const xml::Document> parse(std::string_view text) {
  auto doc = xml::Document::parse(text);
  EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message());
  return doc ? *doc : nullptr;
}

// Canonicalises `subset` both ways; expects identical bytes and returns them.
std::string both(const xml::Document& doc, const NodeSubset& subset) {
  StringSink fast;
  StringSink reference;
  const auto f = canonicalize_exclusive_fast(doc.raw(), subset, fast);
  const auto r = canonicalize_with_libxml2(doc.raw(), subset, kExclusive, {}, reference);
  EXPECT_TRUE(f.has_value()) << (f ? "" : f.error().message());
  EXPECT_TRUE(r.has_value());
  EXPECT_EQ(fast.out, reference.out);
  // The public entry point takes the fast path for this method and must agree too.
  StringSink dispatched;
  EXPECT_TRUE(canonicalize(doc.raw(), subset, kExclusive, {}, dispatched).has_value());
  EXPECT_EQ(dispatched.out, reference.out);
  return fast.out;
}

std::string whole(std::string_view text) {
  const auto doc = parse(text);
  return doc ? both(*doc, {}) : std::string();
}

TEST(ExclusiveC14nFast, DefaultNamespaceUndeclaredWithEmptyXmlns) {
  EXPECT_EQ(whole(R"(<a xmlns="urn:a"><b xmlns=""><c/></b><p:d xmlns:p="urn:p"><e xmlns=""/></p:d></a>)"),
            R"(<a xmlns="urn:a"><b xmlns=""><c></c></b><p:d xmlns:p="urn:p"><e xmlns=""></e></p:d></a>)");
  // No default namespace was ever rendered: xmlns="" is not output.
  EXPECT_EQ(whole(R"(<a xmlns=""><b xmlns=""/></a>)"), "<a><b></b></a>");
  EXPECT_EQ(whole(R"(<p:a xmlns:p="urn:p" xmlns="urn:d"><b xmlns=""/></p:a>)"),
            R"(<p:a xmlns:p="urn:p"><b></b></p:a>)");
}

TEST(ExclusiveC14nFast, PrefixedAttributesSortByNamespaceUriThenLocalName) {
  EXPECT_EQ(whole(R"(<r xmlns:x="urn:x" xmlns:y="urn:y"><e y:b="1" x:a="2" c="3" x:c="4" a="5"/></r>)"),
            R"(<r><e xmlns:x="urn:x" xmlns:y="urn:y" a="5" c="3" x:a="2" x:c="4" y:b="1"></e></r>)");
  // The order follows the URI, not the prefix; declarations follow the prefix.
  EXPECT_EQ(whole(R"(<r xmlns:z="urn:a" xmlns:a="urn:z" a:p="2" z:q="1"/>)"),
            R"(<r xmlns:a="urn:z" xmlns:z="urn:a" z:q="1" a:p="2"></r>)");
}

TEST(ExclusiveC14nFast, SamePrefixBoundToDifferentUrisInNestedScopes) {
  EXPECT_EQ(whole(R"(<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/><p:c xmlns:p="urn:1"/></p:b><p:d/></p:a>)"),
            R"(<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c></p:c><p:c xmlns:p="urn:1"></p:c></p:b>)"
            R"(<p:d></p:d></p:a>)");
  EXPECT_EQ(whole(R"(<a xmlns="urn:1"><b xmlns="urn:2"><c/></b><c/></a>)"),
            R"(<a xmlns="urn:1"><b xmlns="urn:2"><c></c></b><c></c></a>)");
}

TEST(ExclusiveC14nFast, DeclaredButUnusedNamespacesAreDropped) {
  EXPECT_EQ(whole(R"(<a xmlns:u="urn:unused" xmlns:v="urn:v"><v:b xmlns:w="urn:w"/><c/></a>)"),
            R"(<a><v:b xmlns:v="urn:v"></v:b><c></c></a>)");
}

TEST(ExclusiveC14nFast, NamespaceUsedOnlyByAnAttribute) {
  EXPECT_EQ(whole(R"(<a xmlns:q="urn:q"><b q:x="1"><c q:y="2"/></b><d q:z="3"/></a>)"),
            R"(<a><b xmlns:q="urn:q" q:x="1"><c q:y="2"></c></b><d xmlns:q="urn:q" q:z="3"></d></a>)");
  // Same URI as the default namespace, different prefix.
  EXPECT_EQ(whole(R"(<a xmlns="urn:x" xmlns:x="urn:x" x:at="1"/>)"), R"(<a xmlns="urn:x" xmlns:x="urn:x" x:at="1"></a>)");
}

TEST(ExclusiveC14nFast, XmlAttributesAreOrdinaryAndNotInherited) {
  EXPECT_EQ(whole(R"(<a xml:space="preserve" b="1" xml:lang="en"><c xml:lang="fr"><d/></c></a>)"),
            R"(<a b="1" xml:lang="en" xml:space="preserve"><c xml:lang="fr"><d></d></c></a>)");
}

TEST(ExclusiveC14nFast, ProcessingInstructionsAndCommentsEverywhere) {
  const std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?pi1 data here?>\n<!-- c1 -->\n<?pi2?>\n"
      "<r><!-- in --><?pi3 x  y ?>t<!--x--><s><!-- deep --></s></r>\n<!-- c2 -->\n<?pi4 after?>\n<!--end-->";
  EXPECT_EQ(whole(doc), "<?pi1 data here?>\n<?pi2?>\n<r><?pi3 x  y ?>t<s></s></r>\n<?pi4 after?>");
}

TEST(ExclusiveC14nFast, CdataBecomesEscapedText) {
  EXPECT_EQ(whole("<r><![CDATA[a < b & c > d \"q\"]]>x<![CDATA[]]></r>"), "<r>a &lt; b &amp; c &gt; d \"q\"x</r>");
}

TEST(ExclusiveC14nFast, EscapingInTextAndAttributes) {
  EXPECT_EQ(whole("<r a=\"x &amp; &lt; &quot; &#9; &#10; &#13; &gt; '\" b=\"lit\ttab\nnl\">"
                  "t &amp; &lt; &gt; &#13; &#9; &#10; \" ' \xC3\xA9\xE2\x82\xAC</r>"),
            "<r a=\"x &amp; &lt; &quot; &#x9; &#xA; &#xD; > '\" b=\"lit tab nl\">"
            "t &amp; &lt; &gt; &#xD; \t \n \" ' \xC3\xA9\xE2\x82\xAC</r>");
  EXPECT_EQ(whole("<r>line1\r\nline2\rline3</r>"), "<r>line1\nline2\nline3</r>");
}

TEST(ExclusiveC14nFast, EmptyElementsAndDeepNesting) {
  EXPECT_EQ(whole("<a><b/><c></c><d> </d></a>"), "<a><b></b><c></c><d> </d></a>");
  std::string deep;
  std::string expected;
  for (int i = 0; i < 100; ++i) deep += "<n" + std::to_string(i % 3) + (i % 7 == 0 ? " xmlns=\"urn:" + std::to_string(i) + "\"" : "") + ">";
  deep += "x";
  for (int i = 99; i >= 0; --i) deep += "</n" + std::to_string(i % 3) + ">";
  const std::string out = whole(deep);
  EXPECT_NE(out.find(">x</n0>"), std::string::npos);
}

TEST(ExclusiveC14nFast, ApexThatIsNotTheRoot) {
  const auto doc = parse(
      R"(<?p before?><r xmlns="urn:def" xmlns:ds="urn:ds" xml:lang="en" ds:x="1"><ds:S><ds:SI Id="si">)"
      R"(<x a="1"/><ds:y/><z xmlns=""/></ds:SI></ds:S></r>)");
  ASSERT_TRUE(doc);
  const xml::Node si = doc->root().child("urn:ds", "S").child("urn:ds", "SI");
  ASSERT_TRUE(si);
  EXPECT_EQ(both(*doc, {si.raw(), nullptr}),
            R"(<ds:SI xmlns:ds="urn:ds" Id="si"><x xmlns="urn:def" a="1"></x><ds:y></ds:y><z></z></ds:SI>)");
  // Apex that is a leaf, and apex under an xmlns="" with an outer default namespace.
  const auto doc2 = parse(R"(<r xmlns="urn:d"><s xmlns=""><t/></s></r>)");
  ASSERT_TRUE(doc2);
  EXPECT_EQ(both(*doc2, {doc2->root().first_child_element().raw(), nullptr}), "<s><t></t></s>");
  EXPECT_EQ(both(*doc2, {doc2->root().first_child_element().first_child_element().raw(), nullptr}), "<t></t>");
}

TEST(ExclusiveC14nFast, ExcludedSubtreeInTheMiddle) {
  const auto doc = parse(
      R"(<r xmlns="urn:r" xmlns:ds="urn:ds"><a>1</a> <ds:Signature><ds:SI><b/></ds:SI></ds:Signature> )"
      R"(<c ds:k="v">2</c></r>)");
  ASSERT_TRUE(doc);
  const xml::Node sig = doc->root().child("urn:ds", "Signature");
  ASSERT_TRUE(sig);
  EXPECT_EQ(both(*doc, {nullptr, sig.raw()}),
            R"(<r xmlns="urn:r"><a>1</a>  <c xmlns:ds="urn:ds" ds:k="v">2</c></r>)");
  // Excluded inside an element apex; excluded equal to the apex (nothing is output).
  EXPECT_EQ(both(*doc, {doc->root().raw(), sig.raw()}),
            R"(<r xmlns="urn:r"><a>1</a>  <c xmlns:ds="urn:ds" ds:k="v">2</c></r>)");
  EXPECT_EQ(both(*doc, {sig.raw(), sig.raw()}), "");
  // Excluded root: only the PIs around it remain (none here).
  EXPECT_EQ(both(*doc, {nullptr, doc->root().raw()}), "");
}

TEST(ExclusiveC14nFast, TextLargerThanTheOutputBlock) {
  std::string text;
  for (int i = 0; i < 30000; ++i) text += "ab&amp;&lt;c&gt;\r&#13;\xC3\xA9";
  const std::string out = whole("<r a=\"" + std::string(70000, 'v') + "\">" + text + "</r>");
  EXPECT_GT(out.size(), 300000u);
}

TEST(ExclusiveC14nFast, NamespaceUriWithAmpersandIsWrittenLikeLibxml2) {
  whole(R"(<p:a xmlns:p="http://example.org/?a=1&amp;b=2"/>)");
}

TEST(ExclusiveC14nFast, RelativeNamespaceUriFailsLikeLibxml2) {
  for (const char* text : {R"(<a xmlns:r="relative/path"><b/></a>)", R"(<a><b xmlns="rel"/></a>)",
                           R"(<a xmlns:ds="urn:ds"><ds:Signature xmlns:q="q"/></a>)"}) {
    const auto doc = parse(text);
    ASSERT_TRUE(doc);
    StringSink fast;
    StringSink reference;
    const NodeSubset subset{nullptr, nullptr};
    EXPECT_FALSE(canonicalize_exclusive_fast(doc->raw(), subset, fast).has_value()) << text;
    EXPECT_FALSE(canonicalize_with_libxml2(doc->raw(), subset, kExclusive, {}, reference).has_value()) << text;
    // Also when the offending declaration is outside the apex, or inside the excluded subtree.
    const NodeSubset inner{doc->root().first_child_element().raw(), nullptr};
    if (inner.apex != nullptr) {
      EXPECT_FALSE(canonicalize_exclusive_fast(doc->raw(), inner, fast).has_value()) << text;
      EXPECT_FALSE(canonicalize_with_libxml2(doc->raw(), inner, kExclusive, {}, reference).has_value()) << text;
      const NodeSubset without{nullptr, inner.apex};
      EXPECT_EQ(canonicalize_exclusive_fast(doc->raw(), without, fast).has_value(),
                canonicalize_with_libxml2(doc->raw(), without, kExclusive, {}, reference).has_value())
          << text;
    }
  }
}

TEST(ExclusiveC14nFast, ApexOnlyCheckSkipsDeclarationsOutsideTheApex) {
  const auto doc = parse(R"(<a xmlns:r="relative"><b xmlns:ok="urn:ok"/><c xmlns:q="q"/></a>)");
  ASSERT_TRUE(doc);
  const NodeSubset b{doc->root().first_child_element().raw(), nullptr};
  StringSink out;
  EXPECT_FALSE(canonicalize_exclusive_fast(doc->raw(), b, out).has_value());
  ASSERT_TRUE(canonicalize_exclusive_fast(doc->raw(), b, out, NamespaceCheck::kApexOnly).has_value());
  EXPECT_EQ(out.out, "<b></b>");
  const NodeSubset c{doc->root().first_child_element().next_sibling_element().raw(), nullptr};
  EXPECT_FALSE(canonicalize_exclusive_fast(doc->raw(), c, out, NamespaceCheck::kApexOnly).has_value());
}

// The verifier canonicalises SignedInfo and SignedProperties with kApexOnly; a relative namespace
// URI anywhere in a signed document must still fail the verification (via the whole-document
// reference), wherever it sits.
TEST(ExclusiveC14nFast, RelativeNamespaceAnywhereStillFailsVerification) {
  const std::string signed_list = testing::sign(testing::kList, testing::rsa_signer());
  ASSERT_FALSE(signed_list.empty());
  ASSERT_EQ(testing::verify(signed_list).status, SignatureStatus::kValid);
  for (const std::string_view target : {"<tsl:SchemeInformation", "<ds:SignedInfo", "<xades:SignedProperties",
                                        "<ds:KeyInfo"}) {
    const std::string damaged =
        testing::replace_once(signed_list, target, std::string(target) + " xmlns:rel=\"relative/uri\"");
    auto doc = xml::Document::parse(damaged);
    ASSERT_TRUE(doc.has_value()) << target;
    EXPECT_FALSE(verify_enveloped_signature(**doc).has_value()) << target;
  }
}

TEST(ExclusiveC14nFast, OtherMethodsStillGoThroughLibxml2) {
  const auto doc = parse(R"(<a xmlns:u="urn:u"><!--c--><b/></a>)");
  ASSERT_TRUE(doc);
  StringSink inclusive;
  ASSERT_TRUE(canonicalize(doc->raw(), {}, {C14nMode::kInclusive10, true}, {}, inclusive).has_value());
  EXPECT_EQ(inclusive.out, R"(<a xmlns:u="urn:u"><!--c--><b></b></a>)");
  StringSink prefixes;
  ASSERT_TRUE(canonicalize(doc->raw(), {}, kExclusive, {"u"}, prefixes).has_value());
  EXPECT_EQ(prefixes.out, R"(<a xmlns:u="urn:u"><b></b></a>)");
}

}  // namespace
}  // namespace assay::engine::xmldsig::internal
