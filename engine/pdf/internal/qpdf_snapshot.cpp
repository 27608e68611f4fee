// read_snapshot (qpdf_reader.h): the objects of one revision, hashed and with their roles, for
// the modification analysis (validation/pades/modification_analysis.*). C++17 island: the hash is
// OpenSSL's SHA-256 directly (engine/digest.h is C++20).
#include <openssl/evp.h>
#include <qpdf/QPDFXRefEntry.hh>

#include <stdexcept>

#include "engine/pdf/internal/qpdf_reader.h"
#include "engine/pdf/internal/qpdf_session.h"
#include "engine/pdf/internal/walk.h"

namespace assay::engine::pdf::internal {
namespace {

// The raw 32-byte SHA-256 of `s` (the same value engine::sha256 gives).
std::string hash_of(std::string_view s) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(s.data(), s.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return std::string(reinterpret_cast<const char*>(digest), size);
}

constexpr std::uint32_t kKeyed = role::kCatalog | role::kPageTree | role::kPage | role::kAnnotation | role::kWidget |
                                 role::kField | role::kSignatureField | role::kAcroForm | role::kDss | role::kInfo;

}  // namespace

ReadStatus read_snapshot(std::string_view prefix, const PdfLimits& limits, Snapshot& out) noexcept {
  std::unique_ptr<QpdfSession> session;
  if (auto opened = open_session(prefix, limits, session); !opened.ok()) return opened;
  return guarded("the revision is unreadable", [&]() -> ReadStatus {
    auto& s = *session;
    const auto walk = walk_document(s);
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
        const auto type = name_of(dict.getKey("/Type"));
        if (type == "XRef" || type == "ObjStm") o.roles |= role::kStructure;
        auto raw = h.getRawStreamData();
        if (raw->getSize() > limits.max_stream_bytes) return failure(ReadCode::kResourceExhausted, "a stream is over the size limit");
        normal = dict.unparse() + "stream" +
                 hash_of(std::string_view(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()));
      } else {
        normal = h.unparseResolved();
      }
      o.hash = hash_of(normal);
      if (dict.isDictionary()) {
        o.type = name_of(dict.getKey("/Type"));
        if (const auto sub = name_of(dict.getKey("/Subtype")); !sub.empty()) o.type += (o.type.empty() ? "" : "/") + sub;
        if (auto ff = dict.getKey("/Ff"); ff.isInteger()) o.field_flags = ff.getIntValue();
        if (o.roles & kKeyed) {
          for (const auto& k : dict.getKeys()) o.keys[k.substr(1)] = hash_of(dict.getKey(k).unparse());
        }
      }
      out.objects[og.getObj()] = std::move(o);
    }
    return ReadStatus{};
  });
}

}  // namespace assay::engine::pdf::internal
