// PdfDocument::snapshot: the objects of one revision, hashed and with their roles, for the
// modification analysis (validation/pades/modification_analysis.*).
#include <qpdf/QPDFXRefEntry.hh>

#include "engine/digest.h"
#include "engine/pdf/internal/qpdf_session.h"
#include "engine/pdf/internal/walk.h"
#include "engine/pdf/pdf_document.h"

namespace assay::engine::pdf {
namespace {

std::string hash_of(std::string_view s) {
  const auto d = sha256(s);
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

constexpr std::uint32_t kKeyed = role::kCatalog | role::kPageTree | role::kPage | role::kAnnotation | role::kWidget |
                                 role::kField | role::kSignatureField | role::kAcroForm | role::kDss | role::kInfo;

}  // namespace

Result<Snapshot> PdfDocument::snapshot(std::size_t index) const {
  if (index >= revisions_.size()) return fail(Code::kInvalidArgument, "no revision " + std::to_string(index));
  const std::string_view prefix = bytes_.substr(0, revisions_[index].end);
  auto session = internal::open_session(prefix, limits_);
  if (!session) return std::unexpected(session.error());
  return internal::guarded("revision " + std::to_string(index + 1) + " is unreadable", [&]() -> Result<Snapshot> {
    auto& s = **session;
    Snapshot out;
    out.revision = index;
    out.end = revisions_[index].end;
    const auto walk = internal::walk_document(s);
    out.page_count = walk.page_count;
    if (auto info = s.qpdf->getTrailer().getKey("/Info"); info.isIndirect()) out.info_object = info.getObjectID();
    for (const auto& [og, entry] : s.qpdf->getXRefTable()) {
      auto h = s.qpdf->getObjectByObjGen(og);
      SnapshotObject o;
      if (entry.getType() == 1) o.offset = static_cast<std::size_t>(entry.getOffset());
      if (auto u = walk.uses.find(og.getObj()); u != walk.uses.end()) {
        o.roles = u->second.roles;
        o.page = u->second.page;
        o.field_name = u->second.field_name;
      }
      std::string normal;
      QPDFObjectHandle dict = h;
      if (h.isStream()) {
        dict = h.getDict();
        const auto type = internal::name_of(dict.getKey("/Type"));
        if (type == "XRef" || type == "ObjStm") o.roles |= role::kStructure;
        auto raw = h.getRawStreamData();
        if (raw->getSize() > limits_.max_stream_bytes) return fail(Code::kResourceExhausted, "a stream is over the size limit");
        normal = dict.unparse() + "stream" +
                 hash_of(std::string_view(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()));
      } else {
        normal = h.unparseResolved();
      }
      o.hash = hash_of(normal);
      if (dict.isDictionary()) {
        o.type = internal::name_of(dict.getKey("/Type"));
        if (const auto sub = internal::name_of(dict.getKey("/Subtype")); !sub.empty()) o.type += (o.type.empty() ? "" : "/") + sub;
        if (auto ff = dict.getKey("/Ff"); ff.isInteger()) o.field_flags = ff.getIntValue();
        if (o.roles & kKeyed) {
          for (const auto& k : dict.getKeys()) o.keys[k.substr(1)] = hash_of(dict.getKey(k).unparse());
        }
      }
      out.objects[og.getObj()] = std::move(o);
    }
    return out;
  });
}

}  // namespace assay::engine::pdf
