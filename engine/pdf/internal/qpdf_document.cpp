// read_document (qpdf_reader.h): the signature dictionaries, the DSS and the page count of the
// final document, read with qpdf. C++17 island (engine/CMakeLists.txt).
#include <qpdf/QPDFXRefEntry.hh>

#include <algorithm>
#include <cctype>

#include "engine/pdf/internal/qpdf_reader.h"
#include "engine/pdf/internal/qpdf_session.h"
#include "engine/pdf/internal/walk.h"

namespace assay::engine::pdf::internal {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delimiter(char c) {
  return is_space(c) || c == '/' || c == '<' || c == '>' || c == '[' || c == ']' || c == '(' || c == ')' || c == '%';
}

std::string text_of(QPDFObjectHandle h) { return h.isString() ? h.getUTF8Value() : ""; }

std::optional<FieldLock> read_lock(QPDFObjectHandle d) {
  if (!d.isDictionary()) return std::nullopt;
  FieldLock l;
  l.action = name_of(d.getKey("/Action"));
  auto fields = d.getKey("/Fields");
  if (fields.isArray()) {
    for (int i = 0; i < fields.getArrayNItems(); ++i) l.fields.push_back(text_of(fields.getArrayItem(i)));
  }
  return l;
}

// The revision whose bytes hold `offset`.
std::optional<std::size_t> revision_at(const std::vector<Revision>& revisions, std::size_t offset) {
  for (const auto& r : revisions) {
    if (offset >= r.start && offset < r.end) return r.index;
  }
  return std::nullopt;
}

// Where the /Contents hex string of the object at `offset` lies: the object's own bytes are
// scanned up to "endobj" for exactly one "/Contents" key followed by '<' (not "<<").
void locate_contents(std::string_view bytes, std::size_t offset, SignatureDictionary& s) {
  if (offset >= bytes.size()) return;
  auto end = bytes.find("endobj", offset);
  if (end == std::string_view::npos) end = bytes.size();
  const std::string_view object = bytes.substr(offset, end - offset);
  std::size_t found = std::string_view::npos;
  int count = 0;
  for (std::size_t at = object.find("/Contents"); at != std::string_view::npos; at = object.find("/Contents", at + 1)) {
    const std::size_t after = at + 9;
    if (after < object.size() && !is_delimiter(object[after])) continue;  // "/ContentsX"
    ++count;
    found = after;
  }
  if (count != 1) return;
  std::size_t p = found;
  while (p < object.size() && is_space(object[p])) ++p;
  if (p + 1 >= object.size() || object[p] != '<' || object[p + 1] == '<') return;
  const auto close = object.find('>', p);
  if (close == std::string_view::npos) return;
  s.contents_begin = offset + p;
  s.contents_end = offset + close + 1;
}

void read_reference(QPDFObjectHandle sig, SignatureDictionary& s) {
  auto refs = sig.getKey("/Reference");
  if (!refs.isArray()) return;
  for (int i = 0; i < refs.getArrayNItems() && i < 16; ++i) {
    auto r = refs.getArrayItem(i);
    const std::string method = name_of(key(r, "/TransformMethod"));
    auto params = key(r, "/TransformParams");
    if (method == "DocMDP") {
      auto p = key(params, "/P");
      // ISO 32000-1 table 254: P defaults to 2; other values are not defined (treated as 1, the strictest).
      s.docmdp_p = p.isInteger() ? (p.getIntValue() >= 1 && p.getIntValue() <= 3 ? static_cast<int>(p.getIntValue()) : 1) : 2;
    } else if (method == "FieldMDP") {
      s.field_mdp = read_lock(params);
    }
  }
}

SignatureDictionary read_signature(QpdfSession& session, const FieldEntry& f,
                                   const std::map<QPDFObjGen, QPDFXRefEntry>& table, std::string_view bytes,
                                   const Walk& walk) {
  SignatureDictionary s;
  QPDFObjectHandle field = f.field;
  s.field_name = f.full_name;
  s.field_object = field.isIndirect() ? field.getObjectID() : 0;
  s.lock = read_lock(field.getKey("/Lock"));
  if (s.field_object) {
    if (auto u = walk.uses.find(s.field_object); u != walk.uses.end() && u->second.page) s.page = u->second.page;
  }
  auto kids = field.getKey("/Kids");
  if (!s.page && kids.isArray() && kids.getArrayNItems() > 0 && kids.getArrayItem(0).isIndirect()) {
    if (auto u = walk.uses.find(kids.getArrayItem(0).getObjectID()); u != walk.uses.end()) s.page = u->second.page;
  }
  auto v = field.getKey("/V");
  if (!v.isDictionary()) return s;
  s.value_present = true;
  s.value_object = v.isIndirect() ? v.getObjectID() : 0;
  s.type = name_of(v.getKey("/Type"));
  s.filter = name_of(v.getKey("/Filter"));
  s.sub_filter = name_of(v.getKey("/SubFilter"));
  auto br = v.getKey("/ByteRange");
  s.byte_range_present = !br.isNull();
  if (br.isArray()) {
    s.byte_range_well_formed = true;
    for (int i = 0; i < br.getArrayNItems() && i < 64; ++i) {
      auto item = br.getArrayItem(i);
      if (!item.isInteger() || item.isIndirect()) {
        s.byte_range_well_formed = false;
        continue;
      }
      s.byte_range.push_back(item.getIntValue());
    }
  }
  auto contents = v.getKey("/Contents");
  s.contents_present = contents.isString();
  if (s.contents_present) s.contents = contents.getStringValue();
  s.m = text_of(v.getKey("/M"));
  s.reason = text_of(v.getKey("/Reason"));
  s.name = text_of(v.getKey("/Name"));
  s.location = text_of(v.getKey("/Location"));
  s.contact_info = text_of(v.getKey("/ContactInfo"));
  read_reference(v, s);
  auto perms = key(session.qpdf->getRoot().getKey("/Perms"), "/DocMDP");
  s.certification = perms.isIndirect() && v.isIndirect() && perms.getObjGen() == v.getObjGen();
  if (s.value_object) {
    for (const auto& [og, entry] : table) {
      if (og.getObj() != s.value_object) continue;
      if (entry.getType() == 2) s.in_object_stream = true;
      if (entry.getType() == 1) locate_contents(bytes, static_cast<std::size_t>(entry.getOffset()), s);
    }
  }
  return s;
}

void read_der_array(QpdfSession& session, QPDFObjectHandle array, std::vector<std::string>& out,
                    std::vector<ReadWarning>& warnings) {
  if (!array.isArray()) return;
  for (int i = 0; i < array.getArrayNItems() && out.size() < 4096; ++i) {
    auto s = array.getArrayItem(i);
    if (!s.isStream()) continue;
    std::string error;
    auto data = decode_stream(session, s, &error);
    if (!data) {
      warnings.push_back({"pdf.dss.stream_unreadable", "a DSS stream is unreadable: " + error, "/DSS"});
      continue;
    }
    out.push_back(std::move(*data));
  }
}

void read_dss(QpdfSession& session, const std::map<QPDFObjGen, QPDFXRefEntry>& table,
              const std::vector<Revision>& revisions, DssData& dss, std::vector<ReadWarning>& findings) {
  auto root = session.qpdf->getRoot();
  auto d = root.getKey("/DSS");
  if (!d.isDictionary()) return;
  dss.present = true;
  read_der_array(session, d.getKey("/Certs"), dss.certs, findings);
  read_der_array(session, d.getKey("/CRLs"), dss.crls, findings);
  read_der_array(session, d.getKey("/OCSPs"), dss.ocsps, findings);
  auto vri = d.getKey("/VRI");
  if (vri.isDictionary()) {
    for (const auto& k : vri.getKeys()) {
      auto entry = vri.getKey(k);
      DssData::Vri v;
      v.key = k.substr(1);
      read_der_array(session, key(entry, "/Cert"), v.certs, findings);
      read_der_array(session, key(entry, "/CRL"), v.crls, findings);
      read_der_array(session, key(entry, "/OCSP"), v.ocsps, findings);
      dss.vri.push_back(std::move(v));
    }
  }
  // The DSS's revision: where its dictionary (or the catalog holding it directly) was written.
  const QPDFObjGen holder = d.isIndirect() ? d.getObjGen() : root.getObjGen();
  if (auto e = table.find(holder); e != table.end()) {
    const auto& entry = e->second;
    if (entry.getType() == 1) {
      dss.revision = revision_at(revisions, static_cast<std::size_t>(entry.getOffset()));
    } else if (entry.getType() == 2) {
      for (const auto& [og, se] : table) {
        if (og.getObj() == entry.getObjStreamNumber() && se.getType() == 1) {
          dss.revision = revision_at(revisions, static_cast<std::size_t>(se.getOffset()));
        }
      }
    }
  }
}

}  // namespace

ReadStatus read_document(std::string_view bytes, const std::vector<Revision>& revisions, const PdfLimits& limits,
                         DocumentContent& out) noexcept {
  std::unique_ptr<QpdfSession> session;
  if (auto opened = open_session(bytes, limits, session); !opened.ok()) return opened;
  return guarded("the PDF is unreadable", [&]() -> ReadStatus {
    auto& s = *session;
    const auto table = s.qpdf->getXRefTable();
    const auto walk = walk_document(s);
    out.page_count = walk.page_count;
    for (const auto& f : walk.fields) {
      if (f.type != "Sig") continue;
      if (out.signatures.size() >= limits.max_signatures) {
        return failure(ReadCode::kResourceExhausted, "more than " + std::to_string(limits.max_signatures) + " signature fields");
      }
      auto sig = read_signature(s, f, table, bytes, walk);
      if (!sig.value_present) continue;  // an empty signature field is not a signature
      if (sig.byte_range_well_formed && !sig.byte_range.empty()) {
        const auto n = sig.byte_range.size();
        const auto last = sig.byte_range[n - 1] + (n >= 2 ? sig.byte_range[n - 2] : 0);
        for (const auto& r : revisions) {
          if (last >= 0 && static_cast<std::size_t>(last) >= r.eof && static_cast<std::size_t>(last) <= r.end) sig.revision = r.index;
        }
      }
      out.signatures.push_back(std::move(sig));
    }
    read_dss(s, table, revisions, out.dss, out.warnings);
    // Every object is parsed once (not decoded): a PDF qpdf can only read by repairing it
    // (excessive nesting, bad lengths, broken object streams) is refused, not guessed at.
    for (const auto& [og, entry] : table) {
      auto h = s.qpdf->getObjectByObjGen(og);
      (void)h.isNull();
    }
    if (auto w = warnings(s); !w.empty()) {
      return failure(ReadCode::kMalformed, "the PDF is damaged: " + w.front().message +
                                               (w.size() > 1 ? " (and " + std::to_string(w.size() - 1) + " more problems)" : ""));
    }
    return ReadStatus{};
  });
}

}  // namespace assay::engine::pdf::internal
