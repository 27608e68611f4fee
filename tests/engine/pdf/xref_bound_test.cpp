// engine/pdf's bound on cross-reference streams (engine/pdf/internal/xref_bound.h): qpdf inflates
// /Type /XRef streams while it parses, so PdfDocument::open inflates them first, bounded. PDFs
// with cross-reference streams are written in the test (zlib); deflate bombs in the final
// section, behind /Prev, behind a hybrid file's /XRefStm and through two chained FlateDecode
// filters are refused (kResourceExhausted) without inflating them; a normal one opens.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/pdf/pdf_document.h"

namespace assay::engine::pdf {
namespace {

std::string deflate_bytes(const std::string& data, std::size_t zeros_after = 0) {
  z_stream z{};
  EXPECT_EQ(deflateInit(&z, Z_BEST_SPEED), Z_OK);  // fast: the test writes tens of MiB of zeros
  std::string out;
  unsigned char chunk[65536];
  const std::string zeros(1 << 20, '\0');
  auto feed = [&](const std::string& in, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    do {
      z.next_out = chunk;
      z.avail_out = sizeof chunk;
      deflate(&z, flush);
      out.append(reinterpret_cast<char*>(chunk), sizeof chunk - z.avail_out);
    } while (z.avail_out == 0);
  };
  feed(data, Z_NO_FLUSH);
  for (std::size_t left = zeros_after; left > 0; left -= std::min(left, zeros.size())) {
    feed(zeros.substr(0, std::min(left, zeros.size())), Z_NO_FLUSH);
  }
  feed("", Z_FINISH);
  deflateEnd(&z);
  return out;
}

// One cross-reference stream entry (ISO 32000-1 table 18), /W [1 4 1].
std::string entry(int type, std::uint32_t field2, int field3) {
  std::string e(1, static_cast<char>(type));
  for (int shift = 24; shift >= 0; shift -= 8) e += static_cast<char>((field2 >> shift) & 0xff);
  e += static_cast<char>(field3);
  return e;
}

struct Options {
  std::size_t bomb_zeros = 0;  // zeros appended to the entries before deflating
  bool twice = false;          // [/FlateDecode /FlateDecode]
  std::string filter = "/FlateDecode";
  std::string dict_prefix;     // written first in the stream's dictionary
};

Options opts(std::size_t zeros, bool twice = false, std::string filter = "/FlateDecode") {
  Options o;
  o.bomb_zeros = zeros;
  o.twice = twice;
  o.filter = std::move(filter);
  return o;
}

// A one-page PDF whose only cross-reference section is a stream (object 4).
std::string xref_stream_pdf(const Options& o) {
  std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  const char* bodies[] = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"};
  for (int i = 0; i < 3; ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  std::string entries = entry(0, 0, 255);
  for (auto off : offsets) entries += entry(1, static_cast<std::uint32_t>(off), 0);
  entries += entry(1, static_cast<std::uint32_t>(xref), 0);
  std::string data = deflate_bytes(entries, o.bomb_zeros);
  std::string filter = o.filter;
  if (o.twice) {
    data = deflate_bytes(data);
    filter = "[/FlateDecode /FlateDecode]";
  }
  pdf += "4 0 obj\n<< " + o.dict_prefix + " /Type /XRef /Size 5 /W [1 4 1] /Root 1 0 R /Filter " + filter + " /Length " +
         std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream\nendobj\n";
  pdf += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

TEST(PdfXrefBound, ACompressedCrossReferenceStreamOpens) {
  const auto pdf = xref_stream_pdf(opts(0));
  auto doc = PdfDocument::open(pdf);
  ASSERT_TRUE(doc.has_value()) << doc.error().message();
  EXPECT_EQ(doc->page_count(), 1u);
  auto snap = doc->snapshot(0);
  ASSERT_TRUE(snap.has_value()) << snap.error().message();
  EXPECT_EQ(snap->objects.size(), 4u);
  EXPECT_TRUE(snap->objects.at(4).roles & role::kStructure);
}

TEST(PdfXrefBound, DeflateBombInTheCrossReferenceStreamIsRefused) {
  // 64 MiB of zeros after the entries: about 64 KiB deflated, a ratio of ~1000.
  const auto pdf = xref_stream_pdf(opts(std::size_t{64} << 20));
  ASSERT_LT(pdf.size(), std::size_t{1} << 20);
  auto doc = PdfDocument::open(pdf);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kResourceExhausted) << doc.error().message();
  EXPECT_NE(doc.error().message().find("cross-reference stream at offset"), std::string::npos) << doc.error().message();
  EXPECT_NE(doc.error().message().find("ratio"), std::string::npos) << doc.error().message();
}

TEST(PdfXrefBound, ChainedFlateBombIsRefusedAtTheInnerStage) {
  // 128 MiB of zeros deflated twice: a few hundred bytes in the file.
  const auto pdf = xref_stream_pdf(opts(std::size_t{128} << 20, true));
  ASSERT_LT(pdf.size(), std::size_t{64} << 10);
  auto doc = PdfDocument::open(pdf);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kResourceExhausted) << doc.error().message();
}

TEST(PdfXrefBound, TheStreamSizeLimitBoundsBelowTheRatio) {
  // 512 KiB of zeros: within the ratio allowance (4096 raw bytes counted × 200), over a
  // max_stream_bytes of 64 KiB.
  const auto pdf = xref_stream_pdf(opts(std::size_t{512} << 10));
  PdfLimits limits;
  limits.max_stream_bytes = 64 << 10;
  auto strict = PdfDocument::open(pdf, limits);
  ASSERT_FALSE(strict.has_value());
  EXPECT_EQ(strict.error().code(), Code::kResourceExhausted) << strict.error().message();
  EXPECT_NE(strict.error().message().find("65536 bytes"), std::string::npos) << strict.error().message();
}

TEST(PdfXrefBound, BombBehindPrevIsRefused) {
  // The bomb is the first revision's section; the second revision's table points at it (/Prev).
  std::string pdf = xref_stream_pdf(opts(std::size_t{64} << 20));
  const auto first_xref = pdf.substr(pdf.rfind("startxref") + 10);
  const std::size_t obj5 = pdf.size();
  pdf += "5 0 obj\n<< /Type /Font >>\nendobj\n";
  const std::size_t table = pdf.size();
  char line[32];
  std::snprintf(line, sizeof line, "%010zu 00000 n \n", obj5);
  pdf += std::string("xref\n5 1\n") + line + "trailer\n<< /Size 6 /Root 1 0 R /Prev " +
         std::to_string(std::stoul(first_xref)) + " >>\nstartxref\n" + std::to_string(table) + "\n%%EOF\n";
  auto doc = PdfDocument::open(pdf);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kResourceExhausted) << doc.error().message();
}

TEST(PdfXrefBound, BombBehindAHybridXRefStmIsRefused) {
  // A hybrid file (ISO 32000-1 7.5.8.4): a classic table whose trailer names the stream.
  std::string pdf = xref_stream_pdf(opts(std::size_t{64} << 20));
  const auto stream_at = std::stoul(pdf.substr(pdf.rfind("startxref") + 10));
  pdf.erase(pdf.rfind("startxref"));
  const std::size_t table = pdf.size();
  pdf += "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /XRefStm " + std::to_string(stream_at) +
         " >>\nstartxref\n" + std::to_string(table) + "\n%%EOF\n";
  auto doc = PdfDocument::open(pdf);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kResourceExhausted) << doc.error().message();
}

TEST(PdfXrefBound, ADictionaryQpdfOnlyWarnsAboutIsStillRead) {
  // qpdf reads "<< 5 ] /Type /XRef ..." with warnings (a made-up key for 5, the stray bracket as
  // null) and still inflates the stream; so must the check.
  auto o = opts(std::size_t{64} << 20);
  o.dict_prefix = "5 ] (a \\) b) <00> % comment\n";
  auto doc = PdfDocument::open(xref_stream_pdf(o));
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kResourceExhausted) << doc.error().message();
}

TEST(PdfXrefBound, UnboundedFilterOnACrossReferenceStreamIsUnsupported) {
  const auto pdf = xref_stream_pdf(opts(0, false, "/LZWDecode"));
  auto doc = PdfDocument::open(pdf);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kUnsupported) << doc.error().message();
  EXPECT_NE(doc.error().message().find("/LZWDecode"), std::string::npos);
}

TEST(PdfXrefBound, EscapedFilterNamesAreDecodedLikeQpdfDoes) {
  // "/Fl#61teDecode" is /FlateDecode (ISO 32000-1 7.3.5): the bomb is still found.
  const auto pdf = xref_stream_pdf(opts(std::size_t{64} << 20, false, "/Fl#61teDecode"));
  auto doc = PdfDocument::open(pdf);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), Code::kResourceExhausted) << doc.error().message();
}

}  // namespace
}  // namespace assay::engine::pdf
