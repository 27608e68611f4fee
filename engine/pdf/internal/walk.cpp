#include "engine/pdf/internal/walk.h"

#include <deque>
#include <set>
#include <stdexcept>

namespace assay::engine::pdf::internal {
namespace {

struct Item {
  QPDFObjectHandle handle;
  std::uint32_t role;
  std::optional<int> page;
  std::string field_name;
};

class Walker {
 public:
  explicit Walker(QpdfSession& s) : session_(s), max_depth_(s.limits.max_depth) {}

  Walk run() {
    auto trailer = session_.qpdf->getTrailer();
    reach(trailer.getKey("/Info"), role::kInfo, std::nullopt, "");
    auto root = session_.qpdf->getRoot();
    reach(root, role::kCatalog, std::nullopt, "");
    drain();
    walk_pages(root.getKey("/Pages"));
    drain();
    reach(root.getKey("/AcroForm"), role::kAcroForm, std::nullopt, "");
    drain();
    walk_fields(key(root.getKey("/AcroForm"), "/Fields"));
    drain();
    add_stray_signature_widgets();
    drain();
    return std::move(out_);
  }

 private:
  void reach(QPDFObjectHandle h, std::uint32_t role, std::optional<int> page, const std::string& field) {
    if (!h.isIndirect()) {
      if (h.isDictionary() || h.isArray() || h.isStream()) children(h, role, page, field, 0);
      return;
    }
    if (h.isNull()) return;  // a reference to a missing object
    auto& u = out_.uses[h.getObjectID()];
    if (!u.page && page) u.page = page;
    if (u.field_name.empty() && !field.empty()) u.field_name = field;
    if (u.roles & role) return;
    u.roles |= role;
    if (out_.uses.size() > session_.limits.max_objects) throw std::length_error("too many objects reached");
    queue_.push_back({h, role, page, field});
  }

  void drain() {
    while (!queue_.empty()) {
      Item it = std::move(queue_.front());
      queue_.pop_front();
      children(it.handle, it.role, it.page, it.field_name, 0);
    }
  }

  static bool skipped(const std::string& k, std::uint32_t role) {
    if (k == "/Parent" || k == "/P" || k == "/Pg") return true;
    return role == role::kSignatureValue && k == "/Data";
  }

  // The children of one object (direct structure recursed, indirect ones queued).
  void children(QPDFObjectHandle h, std::uint32_t role, std::optional<int> page, const std::string& field, int depth) {
    if (depth > max_depth_) throw std::length_error("objects nested deeper than " + std::to_string(max_depth_));
    if (h.isStream()) h = h.getDict();
    if (h.isArray()) {
      const int n = h.getArrayNItems();
      for (int i = 0; i < n; ++i) direct_or_reach(h.getArrayItem(i), role, page, field, depth);
      return;
    }
    if (!h.isDictionary()) return;
    for (const auto& k : h.getKeys()) {
      if (skipped(k, role)) continue;
      auto v = h.getKey(k);
      std::uint32_t child = role;
      switch (role) {
        case role::kCatalog:
          if (k == "/Pages" || k == "/AcroForm") continue;  // walked on their own
          child = k == "/DSS" ? role::kDss : k == "/Metadata" ? role::kMetadata
                  : k == "/Perms" ? role::kSignatureValue : role::kOther;
          break;
        case role::kPageTree:
          if (k == "/Kids") continue;
          child = role::kResource;  // inherited attributes (Resources, MediaBox...)
          break;
        case role::kPage:
          if (k == "/Annots") {
            annotations(v, page);
            continue;
          }
          child = k == "/Contents" ? role::kContent : role::kResource;
          break;
        case role::kAnnotation:
        case role::kWidget:
          if (k == "/AP") child = role::kAppearance;
          if (k == "/Popup") child = role::kAnnotation;
          break;
        case role::kAnnotationList:
          continue;  // its elements were classified by annotations()
        case role::kAcroForm:
          if (k == "/Fields") continue;  // walk_fields
          if (k == "/DR") child = role::kAppearance;
          break;
        default:
          break;
      }
      direct_or_reach(v, child, page, field, depth);
    }
  }

  void direct_or_reach(QPDFObjectHandle v, std::uint32_t role, std::optional<int> page, const std::string& field,
                       int depth) {
    if (v.isIndirect()) {
      reach(v, role, page, field);
    } else if (v.isDictionary() || v.isArray()) {
      children(v, role, page, field, depth + 1);
    }
  }

  void annotations(QPDFObjectHandle annots, std::optional<int> page) {
    if (annots.isIndirect()) reach(annots, role::kAnnotationList, page, "");  // the array object itself
    if (!annots.isArray()) return;
    const int n = annots.getArrayNItems();
    for (int i = 0; i < n; ++i) {
      auto a = annots.getArrayItem(i);
      const bool widget = name_of(key(a, "/Subtype")) == "Widget";
      if (widget) widgets_.push_back(a);
      reach(a, widget ? role::kWidget : role::kAnnotation, page, "");
    }
  }

  // ISO 32000-1 7.7.3: the page tree in document order (depth first, loops refused).
  void walk_pages(QPDFObjectHandle pages) {
    std::vector<std::pair<QPDFObjectHandle, int>> stack{{pages, 0}};
    std::set<int> seen;
    while (!stack.empty()) {
      auto [node, depth] = stack.back();
      stack.pop_back();
      if (!node.isDictionary()) continue;
      if (node.isIndirect() && !seen.insert(node.getObjectID()).second) continue;
      if (depth > max_depth_) throw std::length_error("page tree deeper than " + std::to_string(max_depth_));
      auto kids = node.getKey("/Kids");
      if (name_of(node.getKey("/Type")) == "Pages" || (kids.isArray() && name_of(node.getKey("/Type")) != "Page")) {
        reach(node, role::kPageTree, std::nullopt, "");
        if (!kids.isArray()) continue;
        for (int i = kids.getArrayNItems() - 1; i >= 0; --i) stack.push_back({kids.getArrayItem(i), depth + 1});
        continue;
      }
      reach(node, role::kPage, static_cast<int>(out_.page_count), "");
      page_of_[node.isIndirect() ? node.getObjectID() : 0] = static_cast<int>(out_.page_count);
      ++out_.page_count;
    }
  }

  // ISO 32000-1 12.7.3: the field tree; terminal fields and their widgets.
  void walk_fields(QPDFObjectHandle fields) {
    struct F {
      QPDFObjectHandle h;
      std::string parent;
      std::string ft;
      int depth;
    };
    std::vector<F> stack;
    if (fields.isArray()) {
      for (int i = fields.getArrayNItems() - 1; i >= 0; --i) stack.push_back({fields.getArrayItem(i), "", "", 0});
    }
    std::set<int> seen;
    while (!stack.empty()) {
      F f = stack.back();
      stack.pop_back();
      if (!f.h.isDictionary()) continue;
      if (f.h.isIndirect() && !seen.insert(f.h.getObjectID()).second) continue;
      if (f.depth > max_depth_) throw std::length_error("field tree deeper than " + std::to_string(max_depth_));
      auto t = f.h.getKey("/T");
      const std::string part = t.isString() ? t.getUTF8Value() : "";
      const std::string name = f.parent.empty() ? part : part.empty() ? f.parent : f.parent + "." + part;
      const std::string own_ft = name_of(f.h.getKey("/FT"));
      const std::string ft = own_ft.empty() ? f.ft : own_ft;
      const std::uint32_t r = role::kField | (ft == "Sig" ? role::kSignatureField : 0);
      if (f.h.isIndirect()) field_objects_.insert(f.h.getObjectID());
      bool has_field_kids = false;
      auto kids = f.h.getKey("/Kids");
      if (kids.isArray()) {
        for (int i = kids.getArrayNItems() - 1; i >= 0; --i) {
          auto k = kids.getArrayItem(i);
          if (k.isDictionary() && k.hasKey("/T")) {
            has_field_kids = true;
            stack.push_back({k, name, ft, f.depth + 1});
          } else {
            reach(k, role::kWidget, std::nullopt, name);
          }
        }
      }
      field_entry(f.h, name, ft, r, has_field_kids);
    }
  }

  void field_entry(QPDFObjectHandle h, const std::string& name, const std::string& ft, std::uint32_t r, bool has_field_kids) {
    if (h.isIndirect()) {
      auto& u = out_.uses[h.getObjectID()];
      if (u.field_name.empty()) u.field_name = name;
      if (!(u.roles & r)) u.roles |= r;
    }
    for (const auto& k : h.getKeys()) {
      if (k == "/Kids" || k == "/Parent" || k == "/P") continue;
      std::uint32_t child = role::kField;
      if (k == "/V" && ft == "Sig") child = role::kSignatureValue;
      if (k == "/Lock" || k == "/SV") child = role::kSignatureField;
      if (k == "/AP") child = role::kAppearance;
      direct_or_reach(h.getKey(k), child, std::nullopt, name, 0);
    }
    if (!has_field_kids) out_.fields.push_back({h, name, ft});
  }

  // Signature widgets on pages that the AcroForm does not list (a field outside /Fields is still
  // shown and may still be taken for a signature by a reader).
  void add_stray_signature_widgets() {
    for (auto& w : widgets_) {
      if (w.isIndirect() && field_objects_.count(w.getObjectID()) != 0) continue;
      auto parent = w.getKey("/Parent");
      if (parent.isIndirect() && field_objects_.count(parent.getObjectID()) != 0) continue;
      if (name_of(w.getKey("/FT")) != "Sig") continue;
      if (w.isIndirect()) field_objects_.insert(w.getObjectID());
      auto t = w.getKey("/T");
      field_entry(w, t.isString() ? t.getUTF8Value() : "", "Sig", role::kField | role::kSignatureField, false);
    }
  }

  QpdfSession& session_;
  int max_depth_;
  Walk out_;
  std::deque<Item> queue_;
  std::vector<QPDFObjectHandle> widgets_;
  std::set<int> field_objects_;
  std::map<int, int> page_of_;
};

}  // namespace

Walk walk_document(QpdfSession& session) { return Walker(session).run(); }

}  // namespace assay::engine::pdf::internal
