#include "samples/internal/pades_document.h"

#include <algorithm>

#include "engine/digest.h"

namespace assay::samples::pdf {

std::string Rect::text() const {
  return "[" + std::to_string(x1) + " " + std::to_string(y1) + " " + std::to_string(x2) + " " + std::to_string(y2) + "]";
}

Document::Document(const std::vector<std::string>& page_contents, std::string title) {
  catalog_ = file_.reserve();
  pages_object_ = file_.reserve();
  font_ = file_.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  acroform_ = file_.reserve();
  info_ = file_.add("<< /Title " + text(title) + " /Producer (assay sample federation, not a real document) >>");
  for (const auto& content : page_contents) {
    Page p;
    p.object = file_.reserve();
    p.content = file_.add(stream("", content));
    pages_.push_back(std::move(p));
  }
  file_.set_root(catalog_);
  file_.set_info(info_);
  std::string kids;
  for (const auto& p : pages_) kids += (kids.empty() ? "" : " ") + ref(p.object);
  file_.put(pages_object_,
            "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages_.size()) + " >>");
  for (std::size_t i = 0; i < pages_.size(); ++i) put_page(i);
  put_acroform();
  put_catalog();
}

void Document::put_catalog() {
  const std::string metadata = metadata_ ? " /Metadata " + ref(metadata_) : "";
  file_.put(catalog_, "<< /Type /Catalog /Pages " + ref(pages_object_) + " /AcroForm " + ref(acroform_) + metadata + perms_ +
                          dss_ + " >>");
}

void Document::set_metadata(const std::string& xmp) {
  const std::string body = stream("/Type /Metadata /Subtype /XML", xmp);
  if (metadata_ != 0) {
    file_.put(metadata_, body);
    return;
  }
  metadata_ = file_.add(body);
  put_catalog();
}

void Document::put_page(std::size_t page) {
  const Page& p = pages_.at(page);
  std::string body = "<< /Type /Page /Parent " + ref(pages_object_) +
                     " /MediaBox [0 0 595 842] /Resources << /Font << /F1 " + ref(font_) + " >>";
  if (!p.xobjects.empty()) {
    body += " /XObject <<";
    for (const auto& [name, object] : p.xobjects) body += " /" + name + " " + ref(object);
    body += " >>";
  }
  body += " >> /Contents " + ref(p.content);
  if (!p.annotations.empty()) {
    body += " /Annots [";
    for (std::size_t i = 0; i < p.annotations.size(); ++i) body += (i ? " " : "") + ref(p.annotations[i]);
    body += "]";
  }
  file_.put(p.object, body + " >>");
}

void Document::put_acroform() {
  std::string fields;
  for (const int f : form_fields_) fields += (fields.empty() ? "" : " ") + ref(f);
  // SigFlags 3: SignaturesExist | AppendOnly (12.7.2, table 219).
  file_.put(acroform_, "<< /Fields [" + fields + "] /SigFlags 3 /DR << /Font << /Helv " + ref(font_) +
                           " >> >> /DA (/Helv 0 Tf 0 g) >>");
}

int Document::put_appearance(const Field& field) {
  const int w = field.rect.x2 - field.rect.x1, h = field.rect.y2 - field.rect.y1;
  const std::string content = "/Tx BMC q BT /Helv 11 Tf 0 g 2 " + std::to_string(std::max(2, (h - 11) / 2 + 2)) +
                              " Td " + text(field.value) + " Tj ET Q EMC";
  return file_.add(stream("/Type /XObject /Subtype /Form /BBox [0 0 " + std::to_string(w) + " " + std::to_string(h) +
                              "] /Resources << /Font << /Helv " + ref(font_) + " >> >>",
                          content));
}

void Document::put_field(const Field& field) {
  std::string body = "<< /Type /Annot /Subtype /Widget /FT /Tx /T " + text(field.name) + " /V " + text(field.value) +
                     " /DA (/Helv 11 Tf 0 g) /Rect " + field.rect.text() + " /F 4 /P " +
                     ref(pages_.at(field.page).object);
  if (field.flags != 0) body += " /Ff " + std::to_string(field.flags);
  file_.put(field.object, body + " /AP << /N " + ref(field.appearance) + " >> >>");
}

int Document::add_text_field(std::size_t page, const std::string& name, const std::string& value, const Rect& rect,
                             int flags) {
  Field f{file_.reserve(), page, name, value, rect, flags, 0};
  f.appearance = put_appearance(f);
  put_field(f);
  fields_.push_back(f);
  form_fields_.push_back(f.object);
  pages_.at(page).annotations.push_back(f.object);
  put_page(page);
  put_acroform();
  return f.object;
}

void Document::set_field_value(int field, const std::string& value) {
  for (auto& f : fields_) {
    if (f.object != field) continue;
    f.value = value;
    f.appearance = put_appearance(f);
    put_field(f);
  }
}

int Document::add_annotation(std::size_t page, const std::string& body) {
  std::string b = body;
  const auto close = b.rfind(">>");
  b.insert(close, "/P " + ref(pages_.at(page).object) + " ");
  const int n = file_.add(std::move(b));
  pages_.at(page).annotations.push_back(n);
  put_page(page);
  return n;
}

int Document::add_xobject(std::size_t page, const std::string& name, const std::string& body) {
  const int n = file_.add(body);
  pages_.at(page).xobjects.push_back({name, n});
  put_page(page);
  return n;
}

void Document::add_dss(const std::vector<std::string>& certificates, const std::vector<std::string>& crls,
                       const std::vector<std::string>& ocsps, const std::string& vri_key) {
  const auto streams = [&](const std::vector<std::string>& ders) {
    std::string refs;
    for (const auto& der : ders) refs += (refs.empty() ? "" : " ") + ref(file_.add(stream("", der)));
    return "[" + refs + "]";
  };
  const std::string certs = streams(certificates), crl = streams(crls), ocsp = streams(ocsps);
  std::string dss = "<< /Type /DSS /Certs " + certs + " /CRLs " + crl + " /OCSPs " + ocsp;
  if (!vri_key.empty()) {
    dss += " /VRI << /" + vri_key + " << /Type /VRI /Cert " + certs + " /CRL " + crl + " /OCSP " + ocsp + " >> >>";
  }
  const int n = file_.add(dss + " >>");
  // EN 319 142-1 5.4.2: the ESIC developer extension announces the DSS.
  dss_ = " /DSS " + ref(n) + " /Extensions << /ESIC << /BaseVersion /1.7 /ExtensionLevel 5 >> >>";
  put_catalog();
}

engine::Result<int> Document::sign(const SignOptions& options, const CmsMaker& make_cms) {
  const int v = file_.add(signature_dictionary(options.dictionary));
  const int field = file_.reserve();
  std::string body = "<< /Type /Annot /Subtype /Widget /FT /Sig /T " + text(options.field_name) + " /V " + ref(v) +
                     " /Rect [0 0 0 0] /F 132 /P " + ref(pages_.front().object);
  if (!options.lock.empty()) body += " /Lock " + options.lock;
  file_.put(field, body + " >>");
  form_fields_.push_back(field);
  pages_.front().annotations.push_back(field);
  put_page(0);
  put_acroform();
  if (options.docmdp_p != 0) {
    perms_ = " /Perms << /DocMDP " + ref(v) + " >>";
    put_catalog();
  }
  file_.end_revision();
  using C = SignatureDictionary::Contents;
  using B = SignatureDictionary::ByteRange;
  if (options.dictionary.contents == C::kPlaceholder && options.dictionary.byte_range == B::kPlaceholder) {
    if (auto r = file_.sign(v, make_cms); !r) return std::unexpected(r.error());
    const auto& br = file_.last_byte_range();
    const std::string hex = file_.bytes().substr(br[1] + 1, br[2] - br[1] - 2);
    last_contents_ = engine::from_hex(hex).value_or("");
  }
  return v;
}

}  // namespace assay::samples::pdf
