// The direct exclusive C14N walk produces exactly libxml2's bytes on every real XML file in
// ../shared (corpus and conformance lists): the whole document minus ds:Signature, SignedInfo
// and xades:SignedProperties.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "engine/xml/document.h"
#include "engine/xmldsig/internal/c14n.h"
#include "engine/xmldsig/internal/exc_c14n.h"
#include "tests/support/corpus.h"

namespace assay::engine::xmldsig::internal {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDsig = "http://www.w3.org/2000/09/xmldsig#";
constexpr std::string_view kXades = "http://uri.etsi.org/01903/v1.3.2#";
constexpr C14nMethod kExclusive{C14nMode::kExclusive10, false};

std::vector<fs::path> all_xml(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The first element with this name in document order, or an empty Node.
xml::Node find(xml::Node n, std::string_view ns, std::string_view local) {
  if (!n) return {};
  if (n.is(ns, local)) return n;
  for (xml::Node c : n.child_elements()) {
    if (xml::Node hit = find(c, ns, local)) return hit;
  }
  return {};
}

void expect_identical(const xml::Document& doc, const NodeSubset& subset, const std::string& what) {
  StringSink fast;
  StringSink reference;
  const auto f = canonicalize_exclusive_fast(doc.raw(), subset, fast);
  const auto r = canonicalize_with_libxml2(doc.raw(), subset, kExclusive, {}, reference);
  ASSERT_EQ(f.has_value(), r.has_value()) << what;
  if (!f) return;
  ASSERT_EQ(fast.out.size(), reference.out.size()) << what;
  EXPECT_TRUE(fast.out == reference.out) << what << ": first difference at byte "
                                         << std::mismatch(fast.out.begin(), fast.out.end(), reference.out.begin()).first -
                                                fast.out.begin();
}

TEST(ExclusiveC14nFastCorpus, IdenticalToLibxml2OnEveryRealFile) {
  ASSAY_REQUIRE_SHARED();
  const fs::path shared = ::assay::testing::shared_dir();
  std::size_t files = 0;
  std::size_t signatures = 0;
  std::size_t properties = 0;
  for (const fs::path& dir : {shared / "corpus", shared / "conformance"}) {
    for (const fs::path& path : all_xml(dir)) {
      auto doc = xml::Document::parse(::assay::testing::read_bytes(path));
      if (!doc) continue;  // damaged variants that do not parse have nothing to canonicalise
      ++files;
      const xml::Document& d = **doc;
      const xml::Node signature = find(d.root(), kDsig, "Signature");
      expect_identical(d, {nullptr, signature.raw()}, path.string() + " (document minus signature)");
      if (const xml::Node si = signature.child(kDsig, "SignedInfo")) {
        ++signatures;
        expect_identical(d, {si.raw(), nullptr}, path.string() + " (SignedInfo)");
      }
      if (const xml::Node sp = find(signature, kXades, "SignedProperties")) {
        ++properties;
        expect_identical(d, {sp.raw(), nullptr}, path.string() + " (SignedProperties)");
      }
    }
  }
  EXPECT_GE(files, 117u);
  EXPECT_GE(signatures, 117u);
  EXPECT_GE(properties, 117u);
}

}  // namespace
}  // namespace assay::engine::xmldsig::internal
