// A signed-PDF model over pdf::PdfFile for the PAdES samples: pages with text content
// (Helvetica, a standard 14 font), an AcroForm with text fields and signature fields,
// annotations, approval and certification signatures (ISO 32000-1 12.8), a DSS dictionary
// (EN 319 142-1 5.4.2, ISO 32000-2 12.8.4.3) and document time-stamps. Each mutator changes the
// pending revision only; end_revision() or sign() writes it as an incremental update, so every
// sample is a sequence of revisions as a signing application would save them.
// Internal to assay_samples.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "samples/internal/pades_builder.h"

namespace assay::samples::pdf {

struct Rect {
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  std::string text() const;
};

struct SignOptions {
  std::string field_name = "Signature1";
  SignatureDictionary dictionary;
  int docmdp_p = 0;       // 1..3: a certification signature (/Perms /DocMDP, 12.8.2.2)
  std::string lock;       // the field's /Lock dictionary text (FieldMDP, 12.7.4.5), "" for none
};

class Document {
 public:
  // The first revision's objects (not yet written): one page per content string.
  Document(const std::vector<std::string>& page_contents, std::string title);

  PdfFile& file() { return file_; }
  int page_object(std::size_t page) const { return pages_.at(page).object; }
  int content_object(std::size_t page) const { return pages_.at(page).content; }
  int font_object() const { return font_; }
  int info_object() const { return info_; }

  // Document metadata: the trailer's /Info dictionary body (replaced), and the catalog's XMP
  // metadata stream (ISO 32000-2 14.3.2; added on first use, rewritten in place after).
  void set_info(std::string body) { file_.put(info_, std::move(body)); }
  void set_metadata(const std::string& xmp);

  // A text field (merged field and widget) on `page`, /Ff `flags` (1 = ReadOnly), with an
  // appearance stream showing `value`.
  int add_text_field(std::size_t page, const std::string& name, const std::string& value, const Rect& rect,
                     int flags = 0);
  // Form filling: a new /V and a new appearance stream for the field (12.7.3.3).
  void set_field_value(int field, const std::string& value);
  // An annotation dictionary body (without /P) added to `page`'s /Annots.
  int add_annotation(std::size_t page, const std::string& body);
  // A named Form XObject in `page`'s resources (drawn by the content with "/Name Do").
  int add_xobject(std::size_t page, const std::string& name, const std::string& body);
  // Replaces any object body (the attacks' updates).
  void replace(int object, std::string body) { file_.put(object, std::move(body)); }

  // DSS dictionary (certificates, CRLs, OCSP responses as streams) with one VRI entry keyed by
  // `vri_key` ("" for none) listing them all; the catalog gains /DSS and the ESIC extension.
  void add_dss(const std::vector<std::string>& certificates, const std::vector<std::string>& crls,
               const std::vector<std::string>& ocsps, const std::string& vri_key);

  void end_revision() { file_.end_revision(); }
  // Adds a signature field with its /V dictionary on page 1, writes the revision and fills the
  // placeholders (when both are placeholders) with `make_cms`. Returns the /V object number.
  engine::Result<int> sign(const SignOptions& options, const CmsMaker& make_cms);

  // The /Contents bytes of the last signature sign() filled (CMS plus zero padding).
  const std::string& last_contents() const { return last_contents_; }

 private:
  struct Page {
    int object = 0, content = 0;
    std::vector<int> annotations;
    std::vector<std::pair<std::string, int>> xobjects;
  };
  struct Field {
    int object = 0;
    std::size_t page = 0;
    std::string name, value;
    Rect rect;
    int flags = 0;
    int appearance = 0;
  };
  void put_catalog();
  void put_page(std::size_t page);
  void put_acroform();
  void put_field(const Field& field);
  int put_appearance(const Field& field);

  PdfFile file_;
  int catalog_ = 0, pages_object_ = 0, font_ = 0, acroform_ = 0, info_ = 0, metadata_ = 0;
  std::vector<Page> pages_;
  std::vector<Field> fields_;       // text fields
  std::vector<int> form_fields_;    // every field in /Fields order
  std::string perms_, dss_;
  std::string last_contents_;
};

}  // namespace assay::samples::pdf
