#include "samples/internal/pades_builder.h"

#include <cstdio>

#include "engine/digest.h"

namespace assay::samples::pdf {
namespace {

constexpr std::string_view kByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

std::string padded(std::size_t value, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%0*zu", width, value);
  return buffer;
}

}  // namespace

std::string ref(int object) { return std::to_string(object) + " 0 R"; }

std::string text(std::string_view value) {
  std::string out = "(";
  for (const char c : value) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

std::string date(engine::UtcTime at) {
  // "2026-01-14T00:00:00Z" -> "D:20260114000000+00'00'".
  const std::string iso = engine::format_utc_time(at);
  std::string digits;
  for (const char c : iso) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return "D:" + digits + "+00'00'";
}

std::string stream(std::string_view dict_entries, std::string_view data) {
  std::string out = "<< ";
  out += dict_entries;
  if (!dict_entries.empty()) out += ' ';
  out += "/Length " + std::to_string(data.size()) + " >>\nstream\n";
  out += data;
  out += "\nendstream";
  return out;
}

std::string signature_dictionary(const SignatureDictionary& spec) {
  using C = SignatureDictionary::Contents;
  using B = SignatureDictionary::ByteRange;
  std::string d = spec.document_timestamp ? "<< /Type /DocTimeStamp" : "<< /Type /Sig";
  d += " /Filter /Adobe.PPKLite /SubFilter /" + spec.sub_filter;
  if (spec.m) d += " /M " + text(date(*spec.m));
  if (!spec.name.empty()) d += " /Name " + text(spec.name);
  if (!spec.reason.empty()) d += " /Reason " + text(spec.reason);
  if (!spec.location.empty()) d += " /Location " + text(spec.location);
  if (!spec.reference.empty()) d += " " + spec.reference;
  // /Contents before /ByteRange, as many signers write it: the ByteRange then lies in the second
  // covered range (which is what the signature wrapping attack relocates).
  switch (spec.contents) {
    case C::kPlaceholder: d += "\n/Contents <" + std::string(spec.capacity * 2, '0') + ">"; break;
    case C::kMissing: break;
    case C::kNull: d += "\n/Contents null"; break;
    case C::kEmpty: d += "\n/Contents <>"; break;
    case C::kGiven: d += "\n/Contents <" + spec.given_contents_hex + ">"; break;
  }
  switch (spec.byte_range) {
    case B::kPlaceholder: d += "\n/ByteRange " + std::string(kByteRangePlaceholder); break;
    case B::kMissing: break;
    case B::kNull: d += "\n/ByteRange null"; break;
    case B::kZeros: d += "\n/ByteRange [0 0 0 0]"; break;
    case B::kGiven: d += "\n/ByteRange " + spec.given_byte_range; break;
  }
  return d + "\n>>";
}

std::string docmdp_reference(int p) {
  return "/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P " +
         std::to_string(p) + " /V /1.2 >> >>]";
}

std::string fieldmdp_reference(const std::vector<std::string>& fields) {
  std::string names;
  for (const auto& f : fields) names += (names.empty() ? "" : " ") + text(f);
  return "/Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams "
         "/Action /Include /Fields [" +
         names + "] /V /1.2 >> >>]";
}

PdfFile::PdfFile() : bytes_("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n") {}

int PdfFile::reserve() { return next_++; }

int PdfFile::add(std::string body) {
  const int n = reserve();
  put(n, std::move(body));
  return n;
}

void PdfFile::put(int object, std::string body) { pending_[object] = std::move(body); }

std::size_t PdfFile::offset_of(int object) const {
  const auto it = offsets_.find(object);
  return it == offsets_.end() ? 0 : it->second;
}

std::string PdfFile::root_and_info() const {
  std::string entries = "/Root " + ref(root_);
  if (info_ != 0) entries += " /Info " + ref(info_);
  return entries;
}

std::string PdfFile::body_of(int object) const {
  const std::size_t at = offset_of(object);
  if (at == 0) return "";
  const std::size_t start = bytes_.find("obj\n", at);
  const std::size_t end = bytes_.find("\nendobj", start);
  if (start == std::string::npos || end == std::string::npos) return "";
  return bytes_.substr(start + 4, end - start - 4);
}

std::string xref_section(const std::map<int, std::size_t>& offsets, int size,
                         std::string_view trailer_entries, std::size_t prev, bool with_free_head) {
  std::string out = "xref\n";
  // Subsections of consecutive object numbers (7.5.4); entries are exactly 20 bytes; object 0,
  // the head of the free list, only in the first section.
  std::vector<std::pair<int, std::vector<std::string>>> subsections;
  if (with_free_head) subsections.push_back({0, {"0000000000 65535 f \n"}});
  for (const auto& [object, offset] : offsets) {
    const std::string line = padded(offset, 10) + " 00000 n \n";
    if (!subsections.empty() && subsections.back().first + static_cast<int>(subsections.back().second.size()) == object) {
      subsections.back().second.push_back(line);
    } else {
      subsections.push_back({object, {line}});
    }
  }
  for (const auto& [first, lines] : subsections) {
    out += std::to_string(first) + " " + std::to_string(lines.size()) + "\n";
    for (const auto& l : lines) out += l;
  }
  out += "trailer\n<< /Size " + std::to_string(size);
  if (!trailer_entries.empty()) out += " " + std::string(trailer_entries);
  if (prev != 0) out += " /Prev " + std::to_string(prev);
  return out + " >>\n";
}

void PdfFile::end_revision(std::string_view trailer_extra) {
  std::map<int, std::size_t> written;
  for (auto& [n, body] : pending_) {
    written[n] = bytes_.size();
    offsets_[n] = bytes_.size();
    bytes_ += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
  }
  pending_.clear();
  for (const auto& [n, offset] : pending_offsets_) {
    written[n] = offset;
    offsets_[n] = offset;
  }
  pending_offsets_.clear();
  const std::size_t xref = bytes_.size();
  std::string entries = root_and_info();
  // /ID: the first part stays, the second changes with every revision (14.4).
  const std::string id0 = engine::sha256_hex("assay sample " + std::to_string(root_)).substr(0, 32);
  const std::string id1 = engine::sha256_hex(bytes_).substr(0, 32);
  entries += " /ID [<" + id0 + "> <" + id1 + ">]";
  if (!trailer_extra.empty()) entries += " " + std::string(trailer_extra);
  bytes_ += xref_section(written, next_, entries, revisions_ == 0 ? 0 : last_xref_, revisions_ == 0);
  bytes_ += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
  last_xref_ = xref;
  ++revisions_;
}

engine::Result<void> PdfFile::sign(int object, const CmsMaker& make_cms) {
  const std::size_t start = offset_of(object);
  if (start == 0) return engine::fail(engine::Code::kInternal, "PDF sample: no such signature object");
  const std::size_t lt = bytes_.find("/Contents <", start);
  const std::size_t br = bytes_.find("/ByteRange " + std::string(kByteRangePlaceholder), start);
  if (lt == std::string::npos || br == std::string::npos) {
    return engine::fail(engine::Code::kInternal, "PDF sample: signature placeholders missing");
  }
  const std::size_t a = lt + std::string_view("/Contents ").size();  // the '<'
  const std::size_t gt = bytes_.find('>', a);
  const std::size_t b = gt + 1;
  const std::size_t end = bytes_.size();
  // Same width as the placeholder, so no offset moves: pad with spaces before ']'.
  std::string value = "[0 " + std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(end - b);
  value += std::string(kByteRangePlaceholder.size() - 1 - value.size(), ' ') + "]";
  bytes_.replace(br + std::string_view("/ByteRange ").size(), value.size(), value);
  byte_range_ = {0, a, b, end - b};
  auto cms = make_cms(covered_bytes(bytes_, byte_range_));
  if (!cms) return std::unexpected(cms.error());
  const std::string hex = engine::to_hex(std::span(reinterpret_cast<const std::uint8_t*>(cms->data()), cms->size()));
  if (hex.size() > b - a - 2) return engine::fail(engine::Code::kInternal, "PDF sample: the CMS exceeds /Contents");
  bytes_.replace(a + 1, hex.size(), hex);
  return {};
}

std::string covered_bytes(std::string_view file, const std::vector<std::size_t>& byte_range) {
  std::string out;
  for (std::size_t i = 0; i + 1 < byte_range.size(); i += 2) {
    if (byte_range[i] <= file.size()) out += file.substr(byte_range[i], byte_range[i + 1]);
  }
  return out;
}

}  // namespace assay::samples::pdf
