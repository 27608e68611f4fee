// Small PDFs written by hand for the PAdES tests: a one-page document with a signature field and
// a text field, incremental updates appended as text, and signing in place (a fixed-width
// /ByteRange and /Contents placeholder filled after the bytes are final). Test-only.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace assay::validation::testing_pdf {

struct Obj {
  int num;
  std::string body;  // between "n 0 obj" and "endobj"
};

inline std::string stream(const std::string& dict_extra, const std::string& data) {
  return "<< /Length " + std::to_string(data.size()) + dict_extra + " >>\nstream\n" + data + "\nendstream";
}

inline std::size_t last_startxref(const std::string& pdf) {
  const auto at = pdf.rfind("startxref");
  return at == std::string::npos ? 0 : std::stoul(pdf.substr(at + 10));
}

// Appends a revision (classic xref table) holding `objects`; `prior` empty writes the header.
inline std::string add_revision(std::string prior, const std::vector<Obj>& objects, int size, int root = 1) {
  const bool first = prior.empty();
  const std::size_t prev = first ? 0 : last_startxref(prior);
  std::string out = first ? std::string("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n") : std::move(prior);
  std::vector<std::pair<int, std::size_t>> offsets;
  for (const auto& o : objects) {
    offsets.emplace_back(o.num, out.size());
    out += std::to_string(o.num) + " 0 obj\n" + o.body + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n";
  if (first) out += "0 1\n0000000000 65535 f \n";
  for (const auto& [num, offset] : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    out += std::to_string(num) + " 1\n" + line;
  }
  out += "trailer\n<< /Size " + std::to_string(size) + " /Root " + std::to_string(root) + " 0 R";
  if (!first) out += " /Prev " + std::to_string(prev);
  out += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

inline constexpr std::size_t kContentsHex = 16384;
inline std::string byte_range_placeholder() { return "/ByteRange [0 0 0 0]" + std::string(40, ' '); }
inline std::string contents_placeholder() { return "/Contents <" + std::string(kContentsHex, '0') + ">"; }

// Fills the last placeholder of `pdf`: the ByteRange around /Contents, then the CMS `sign`
// returns for the covered bytes.
inline std::string sign_last(std::string pdf, const std::function<std::string(const std::string&)>& sign) {
  const auto contents = pdf.rfind(contents_placeholder());
  const auto br = pdf.rfind(byte_range_placeholder());
  const std::size_t gap_begin = contents + 10, gap_end = gap_begin + kContentsHex + 2;
  const std::string range = "/ByteRange [0 " + std::to_string(gap_begin) + " " + std::to_string(gap_end) + " " +
                            std::to_string(pdf.size() - gap_end) + "]";
  pdf.replace(br, range.size(), range);
  const std::string covered = pdf.substr(0, gap_begin) + pdf.substr(gap_end);
  const std::string cms = sign(covered);
  static const char* digits = "0123456789ABCDEF";
  for (std::size_t i = 0; i < cms.size() && 2 * i + 1 < kContentsHex; ++i) {
    pdf[gap_begin + 1 + 2 * i] = digits[static_cast<unsigned char>(cms[i]) >> 4];
    pdf[gap_begin + 2 + 2 * i] = digits[static_cast<unsigned char>(cms[i]) & 15];
  }
  return pdf;
}

inline std::string signature_value(const std::string& sub_filter, const std::string& extra = "") {
  return "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /" + sub_filter + " " + byte_range_placeholder() + " " +
         contents_placeholder() + " /M (D:20250501120000Z)" + extra + " >>";
}

inline std::string doc_timestamp_value() {
  return "<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 " + byte_range_placeholder() + " " +
         contents_placeholder() + " >>";
}

// Revision 1: catalog 1, pages 2, page 3 (content 4, font 5), AcroForm 6, signature field +
// widget 7 (value 8, written by the caller), text field + widget 9 with appearance 10, and an
// unused content stream 12 (the hidden content of a shadow attack). Objects `extra` are added.
inline std::vector<Obj> base_objects(const std::string& signature_value_body, const std::string& catalog_extra = "") {
  return {
      {1, "<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R" + catalog_extra + " >>"},
      {2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
      {3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
          "/Annots [7 0 R 9 0 R] >>"},
      {4, stream("", "BT /F1 24 Tf 72 700 Td (Pay 100 EUR) Tj ET")},
      {5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
      {6, "<< /Fields [7 0 R 9 0 R] /SigFlags 3 >>"},
      {7, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 8 0 R >>"},
      {8, signature_value_body},
      {9, "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (Alice) /Rect [72 600 300 620] /F 4 /P 3 0 R "
          "/AP << /N 10 0 R >> >>"},
      {10, stream(" /Type /XObject /Subtype /Form /BBox [0 0 228 20]", "BT /F1 12 Tf 2 5 Td (Alice) Tj ET")},
      {12, stream("", "BT /F1 24 Tf 72 700 Td (Pay 100000 EUR) Tj ET")},
  };
}

}  // namespace assay::validation::testing_pdf
