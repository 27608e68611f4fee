#include "validation/pades/modification_analysis.h"

#include <algorithm>
#include <map>

namespace assay::validation::pades {
namespace {

namespace role = engine::pdf::role;
using engine::pdf::SnapshotObject;

constexpr std::uint32_t kVisible = role::kPage | role::kContent | role::kResource | role::kAnnotation | role::kWidget |
                                   role::kAppearance | role::kPageTree;

// Keys whose change in a dictionary of the given kind is what the permitted operation does.
bool keys_within(const SnapshotObject* a, const SnapshotObject* b, std::initializer_list<std::string_view> allowed,
                 std::vector<std::string>& changed) {
  std::set<std::string> all;
  if (a) for (const auto& [k, v] : a->keys) all.insert(k);
  if (b) for (const auto& [k, v] : b->keys) all.insert(k);
  bool within = true;
  for (const auto& k : all) {
    const auto* va = a && a->keys.contains(k) ? &a->keys.at(k) : nullptr;
    const auto* vb = b && b->keys.contains(k) ? &b->keys.at(k) : nullptr;
    if (va && vb && *va == *vb) continue;
    changed.push_back("/" + k);
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) within = false;
  }
  return within;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "no key" : out;
}

struct Context {
  const engine::pdf::Snapshot& a;
  const engine::pdf::Snapshot& b;
  const ModificationRules& rules;
  std::set<std::string> fields_with_new_value;  // field names whose /V changed
};

bool field_locked(const Context& c, const std::string& name) {
  return std::any_of(c.rules.locks.begin(), c.rules.locks.end(), [&](const auto& l) { return locked(l, name); });
}

// Document metadata: the trailer's /Info dictionary (ISO 32000-2 14.3.3) and the catalog's XMP
// stream (14.3.2). DocMDP (ISO 32000-2 12.8.2.2.2, table 257) permits at P=2 form fill-in, page
// templates and signing, at P=3 also annotations, at P=1 nothing but DSS and document
// time-stamps: a metadata change is none of these. An incremental save that does a permitted
// thing does, however, rewrite the update bookkeeping (/ModDate, /Producer: 14.3.3 table 349), so
// at P=2/3 those two keys may change; any other /Info key (Title, Author, Subject, Keywords,
// Creator, CreationDate, Trapped, custom keys) changes what the document says about itself and is
// not permitted. XMP properties are not compared one by one (the stream is compared whole): an
// XMP rewrite is permitted at P=2/3 as the bookkeeping of the update and reported, not at P=1.
// After approval signatures only, no certification level restricts metadata: reported, permitted.
bool metadata_permitted(const ModificationRules& rules) { return !rules.certified || rules.p >= 2; }

PdfModification metadata(const Context& c, int n, const SnapshotObject* a, const SnapshotObject* b, PdfModification m,
                         const std::string& what, const std::string& obj) {
  m.kind = "metadata";
  const std::uint32_t roles = (a ? a->roles : 0) | (b ? b->roles : 0);
  const std::string level = c.rules.certified ? "DocMDP P=" + std::to_string(c.rules.p) : "";
  if (roles & role::kMetadata) {
    m.permitted = metadata_permitted(c.rules);
    m.description = "the XMP metadata stream was " + what + " (" + obj + ")" +
                    (m.permitted ? "" : ", not permitted by " + level);
    return m;
  }
  // The /Info dictionary, compared key by key with the one the earlier revision's trailer named
  // (an update may write it under a new object number).
  const SnapshotObject* before = a;
  if (b && n == c.b.info_object && c.a.info_object != n) {
    const auto it = c.a.objects.find(c.a.info_object);
    before = it == c.a.objects.end() ? nullptr : &it->second;
  }
  const bool info_dict = n == c.b.info_object || n == c.a.info_object;
  std::vector<std::string> keys;
  const bool bookkeeping = info_dict && keys_within(before, b, {"ModDate", "Producer"}, keys);
  const std::string done = !before ? "added" : !b ? "removed" : "changed";
  m.permitted = !c.rules.certified || (c.rules.p >= 2 && bookkeeping);
  if (info_dict) {
    m.description = "the document information dictionary (/Info) was " + done + " (" + join(keys) + ", " + obj + ")";
  } else {
    m.description = "an object of the document information dictionary (/Info) was " + what + " (" + obj + ")";
  }
  if (!m.permitted) {
    m.description += c.rules.p >= 2 ? ", not permitted by " + level + " (only /ModDate and /Producer may change with an update)"
                                    : ", not permitted by " + level;
  }
  return m;
}

PdfModification classify(const Context& c, int n, const SnapshotObject* a, const SnapshotObject* b) {
  PdfModification m;
  m.object = n;
  const std::uint32_t roles = (a ? a->roles : 0) | (b ? b->roles : 0);
  const bool has_page = (b && b->page) || (a && a->page);
  const int page_index = b && b->page ? b->page.value_or(0) : a ? a->page.value_or(0) : 0;
  if (has_page) m.page = page_index + 1;
  m.field = b && !b->field_name.empty() ? b->field_name : a ? a->field_name : "";
  const std::string what = !a ? "added" : !b ? "removed" : "changed";
  const std::string obj = "object " + std::to_string(n) + (has_page ? " (page " + std::to_string(page_index + 1) + ")" : "");
  const int p = c.rules.p;
  std::vector<std::string> keys;

  // An object that existed unused when signed and is shown now: the hidden content of a shadow
  // attack made visible (Mainka et al., hide / hide-and-replace).
  if (a && !(a->roles & kVisible) && b && (b->roles & kVisible) && !(b->roles & (role::kSignatureField | role::kSignatureValue))) {
    m.kind = "unused-object";
    m.attack = (b->roles & (role::kPage | role::kContent | role::kPageTree)) ? "shadow-hide-and-replace" : "shadow-hide";
    m.description = obj + " was present but unused in the signed revision and is displayed in the final document";
    return m;
  }
  // Shadow hide-and-replace (Mainka et al.): a later cross-reference section re-points an object
  // number at a definition that was already in the signed bytes but not the one in use.
  const bool repointed = a && b && b->offset && *b->offset < c.a.end && a->offset != b->offset;
  if (roles & role::kContent) {
    m.kind = "page-content";
    m.attack = repointed ? "shadow-hide-and-replace" : "incremental-saving";
    m.description = "a content stream of a page was " + what + " (" + obj + ")";
    return m;
  }
  if (roles & (role::kPage | role::kPageTree)) {
    m.kind = "page";
    if (a && b && (roles & role::kPage) && keys_within(a, b, {"Annots"}, keys)) {
      m.permitted = true;
      m.description = "the annotation list of page " + std::to_string(page_index + 1) + " was changed";
      return m;
    }
    if (keys.empty() && a && b) keys_within(a, b, {}, keys);
    m.attack = a && b && std::find(keys.begin(), keys.end(), "/Resources") != keys.end() ? "shadow-replace" : "incremental-saving";
    m.description = "a page or page-tree node was " + what + " (" + obj + (a && b ? ": " + join(keys) : "") + ")";
    return m;
  }
  if (roles & role::kResource) {
    m.kind = "resource";
    m.attack = repointed ? "shadow-hide-and-replace" : "shadow-replace";
    m.description = "a resource used by a page (font, image, form XObject...) was " + what + " (" + obj + ")";
    return m;
  }
  if (roles & role::kDss) {
    m.kind = "dss";
    m.permitted = true;
    m.description = "validation data of the DSS dictionary was " + what + " (" + obj + ")";
    return m;
  }
  if (roles & (role::kSignatureValue | role::kSignatureField)) {
    m.kind = "signature";
    const bool timestamp = b && (c.rules.document_timestamp_values.contains(n) || b->type.find("DocTimeStamp") != std::string::npos);
    if (a && (roles & role::kSignatureValue) && a->hash != b->hash) {
      m.description = "a signature dictionary present in the signed revision was " + what + " (" + obj + ")";
      return m;
    }
    if (a && b && (roles & role::kSignatureField)) {
      if (!keys_within(a, b, {"V", "AP", "AS", "M", "Lock", "SV"}, keys)) {
        m.attack = "shadow-hide";
        m.description = "signature field '" + m.field + "' was changed beyond signing (" + join(keys) + ")";
        return m;
      }
    }
    m.permitted = p >= 2 || timestamp;
    m.description = std::string(timestamp ? "a document time-stamp was " : "a signature was ") + (a ? "applied to " : "added in ") +
                    (m.field.empty() ? obj : "field '" + m.field + "'") + (m.permitted ? "" : ", not permitted by DocMDP P=1");
    return m;
  }
  if (roles & role::kAcroForm) {
    m.kind = "form-fill";
    const bool ok = p >= 2 ? keys_within(a, b, {"Fields", "SigFlags", "NeedAppearances", "DR", "DA"}, keys)
                           : keys_within(a, b, {"Fields", "SigFlags"}, keys);
    m.permitted = ok;
    m.description = "the interactive form dictionary was " + what + " (" + join(keys) + ")";
    return m;
  }
  if (roles & (role::kField | role::kWidget | role::kAppearance) && !(roles & role::kAnnotation)) {
    m.kind = "form-fill";
    if (p < 2) {
      m.description = "form field '" + m.field + "' was " + what + ", not permitted by DocMDP P=1 (" + obj + ")";
      return m;
    }
    if (!m.field.empty() && field_locked(c, m.field)) {
      m.description = "form field '" + m.field + "' is locked by a FieldMDP transform and was " + what + " (" + obj + ")";
      return m;
    }
    // ISO 32000-1 12.7.3.1 table 221: a read-only field (Ff bit 1) cannot be filled in.
    const auto flags = a && a->field_flags ? a->field_flags : b ? b->field_flags : std::nullopt;
    if (flags && (*flags & 1) && a && b) {
      m.attack = "shadow-replace";
      m.description = "read-only form field '" + m.field + "' was changed (" + obj + ")";
      return m;
    }
    if (!a && (roles & role::kField)) {
      m.description = "a form field was added ('" + m.field + "', " + obj + "): only filling in is permitted";
      return m;
    }
    if (a && b && (roles & (role::kField | role::kWidget)) && !keys_within(a, b, {"V", "AP", "AS", "M", "MK"}, keys)) {
      m.attack = "shadow-hide";
      m.description = "form field '" + m.field + "' changed beyond its value and appearance (" + join(keys) + ", " + obj + ")";
      return m;
    }
    if (!m.field.empty() && !c.fields_with_new_value.contains(m.field) &&
        (roles & role::kAppearance || std::find(keys.begin(), keys.end(), "/AP") != keys.end())) {
      m.attack = "shadow-replace";
      m.description = "the appearance of form field '" + m.field + "' was replaced without a new value (" + obj + ")";
      return m;
    }
    m.permitted = true;
    m.description = "form field '" + m.field + "' was filled in (" + obj + ")";
    return m;
  }
  if (roles & (role::kAnnotation | role::kAnnotationList | role::kWidget | role::kAppearance)) {
    m.kind = "annotation";
    m.permitted = p >= 3 || (roles == role::kAnnotationList && p >= 2);
    m.description = "an annotation was " + what + " (" + obj + (b && !b->type.empty() ? ", " + b->type : "") + ")" +
                    (m.permitted ? "" : ", not permitted by DocMDP P=" + std::to_string(p));
    return m;
  }
  if (roles & role::kCatalog) {
    m.kind = "catalog";
    // /Metadata re-pointed is an XMP change, judged as such (metadata()).
    m.permitted = metadata_permitted(c.rules) ? keys_within(a, b, {"DSS", "AcroForm", "Extensions", "Version", "Metadata"}, keys)
                                              : keys_within(a, b, {"DSS", "AcroForm", "Extensions", "Version"}, keys);
    if (!m.permitted && std::find(keys.begin(), keys.end(), "/Pages") != keys.end()) m.attack = "shadow-hide-and-replace";
    m.description = "the document catalog was changed (" + join(keys) + ")";
    return m;
  }
  if (roles & (role::kInfo | role::kMetadata)) return metadata(c, n, a, b, std::move(m), what, obj);
  if (roles & role::kOther) {
    m.kind = "document-structure";
    m.description = "an object of the document structure (names, actions, outlines...) was " + what + " (" + obj + ")";
    return m;
  }
  m.kind = "unused-object";
  m.permitted = true;
  m.description = "an object no page, form or signature uses was " + what + " (" + obj + ")";
  return m;
}

}  // namespace

bool locked(const engine::pdf::FieldLock& lock, const std::string& field) {
  const bool listed = std::any_of(lock.fields.begin(), lock.fields.end(), [&](const std::string& f) {
    return f == field || field.starts_with(f + ".");
  });
  if (lock.action == "All") return true;
  if (lock.action == "Include") return listed;
  if (lock.action == "Exclude") return !listed;
  return false;
}

std::vector<PdfModification> analyse_modifications(const engine::pdf::Snapshot& signed_revision,
                                                   const engine::pdf::Snapshot& final_revision,
                                                   const ModificationRules& rules) {
  Context c{signed_revision, final_revision, rules, {}};
  for (const auto& [n, b] : final_revision.objects) {
    if (!(b.roles & role::kField) || b.field_name.empty()) continue;
    const auto a = signed_revision.objects.find(n);
    const auto vb = b.keys.find("V");
    if (a == signed_revision.objects.end()) continue;
    const auto va = a->second.keys.find("V");
    const bool had = va != a->second.keys.end(), has = vb != b.keys.end();
    if (had != has || (had && va->second != vb->second)) c.fields_with_new_value.insert(b.field_name);
  }
  std::vector<PdfModification> out;
  std::set<int> numbers;
  for (const auto& [n, o] : signed_revision.objects) numbers.insert(n);
  for (const auto& [n, o] : final_revision.objects) numbers.insert(n);
  for (int n : numbers) {
    const auto ia = signed_revision.objects.find(n);
    const auto ib = final_revision.objects.find(n);
    const SnapshotObject* a = ia == signed_revision.objects.end() ? nullptr : &ia->second;
    const SnapshotObject* b = ib == final_revision.objects.end() ? nullptr : &ib->second;
    if (((a ? a->roles : 0) | (b ? b->roles : 0)) & role::kStructure) continue;
    if (a && b && a->hash == b->hash && !(!(a->roles & kVisible) && (b->roles & kVisible))) continue;
    out.push_back(classify(c, n, a, b));
    out.back().revision = final_revision.revision + 1;
  }
  return out;
}

}  // namespace assay::validation::pades
