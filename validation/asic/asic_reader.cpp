#include "validation/asic/asic_reader.h"

#include <algorithm>
#include <set>

#include "engine/base64.h"
#include "engine/cms/signed_data.h"
#include "engine/digest.h"
#include "engine/x509/ocsp_response.h"
#include "engine/xml/document.h"
#include "validation/asic/asic_findings.h"
#include "validation/cades/cades_reader.h"
#include "validation/xades/xades_reader.h"

namespace assay::validation::asic {
namespace {

using engine::Severity;
using engine::zip::ZipArchive;
using engine::zip::ZipEntry;

constexpr std::string_view kMimeS = "application/vnd.etsi.asic-s+zip";
constexpr std::string_view kMimeE = "application/vnd.etsi.asic-e+zip";
constexpr std::string_view kAsicNs = "http://uri.etsi.org/02918/v1.2.1#";
constexpr std::string_view kDsigNs = "http://www.w3.org/2000/09/xmldsig#";

engine::Finding make(std::string_view id, Severity severity, std::string message, std::string where) {
  return engine::Finding{std::string(id), severity, std::move(message), std::move(where)};
}

bool in_meta_inf(std::string_view name) { return name.starts_with("META-INF/"); }
std::string_view base_name(std::string_view name) { return name.substr(name.rfind('/') + 1); }

// "http://www.w3.org/2001/04/xmlenc#sha256" → the digest of `bytes`; nullopt when unknown.
std::optional<std::string> digest_by_uri(std::string_view uri, std::string_view bytes) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"#sha1", "SHA-1"}, {"#sha224", "SHA-224"}, {"#sha256", "SHA-256"}, {"#sha384", "SHA-384"}, {"#sha512", "SHA-512"}};
  for (const auto& [suffix, name] : kNames) {
    if (uri.ends_with(suffix)) return engine::digest_by_oid(engine::cms::digest_oid_for_name(name), bytes);
  }
  return std::nullopt;
}

std::string digest_name(std::string_view uri) {
  const auto hash = uri.find('#');
  if (hash == std::string_view::npos) return std::string(uri);
  std::string n(uri.substr(hash + 1));
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::toupper(c); });
  return n.starts_with("SHA") ? "SHA-" + n.substr(3) : n;
}

// One ASiCManifest / ASiCArchiveManifest (EN 319 162-1 A.4 / A.5): the signature or time-stamp
// it is for, and each data object reference checked against the container.
struct Manifest {
  std::string name;
  std::string sig_reference;
  std::vector<SignedReference> references;
  bool ok = false;
  std::string error;
};

Manifest read_manifest(const ZipEntry& entry, const ZipArchive& zip) {
  Manifest m;
  m.name = entry.name;
  auto doc = engine::xml::Document::parse(entry.bytes);
  if (!doc) {
    m.error = doc.error().message();
    return m;
  }
  engine::xml::Node root = (*doc)->root();
  if (!root.is(kAsicNs, "ASiCManifest") && !root.is(kAsicNs, "ASiCArchiveManifest")) {
    m.error = "the root element is not asic:ASiCManifest / asic:ASiCArchiveManifest";
    return m;
  }
  if (auto sig = root.child(kAsicNs, "SigReference")) m.sig_reference = sig.attribute("URI").value_or("");
  for (auto ref : root.children(kAsicNs, "DataObjectReference")) {
    SignedReference r;
    r.uri = ref.attribute("URI").value_or("");
    r.type = "asic-manifest-entry";
    const std::string method = ref.child(kDsigNs, "DigestMethod").attribute("Algorithm").value_or("");
    r.digest_algorithm = digest_name(method);
    const ZipEntry* target = zip.find(r.uri);
    r.found = target != nullptr && !target->directory;
    const auto expected = engine::base64_decode(ref.child(kDsigNs, "DigestValue").trimmed_text());
    if (!r.found) {
      r.message = "'" + r.uri + "' is not in the container";
    } else if (auto actual = digest_by_uri(method, target->bytes); !actual) {
      r.message = "unsupported digest method " + method;
    } else if (!expected || *expected != *actual) {
      r.message = "the container file differs from the manifest's digest";
    } else {
      r.intact = true;
    }
    m.references.push_back(std::move(r));
  }
  m.ok = true;
  return m;
}

// A signature file that is not readable at all: a signature that fails its format check.
SignatureUnderValidation unreadable(const std::string& name, SignatureFormat format, const engine::Error& error) {
  SignatureUnderValidation s;
  s.id = name;
  s.format = format;
  s.format_check.findings.push_back(make("asic.signature.unreadable", Severity::kError,
                                         "the signature file is unreadable: " + error.message(), name));
  return s;
}

void add_scope(SignatureUnderValidation& s, const SignedReference& r, std::string_view bytes) {
  ScopeEntry e;
  e.name = r.uri;
  e.kind = "detached";
  e.description = "The container file '" + r.uri + "' (listed in the ASiCManifest)";
  if (r.found) e.sha256 = engine::sha256(bytes);
  s.scope.push_back(std::move(e));
}

// A time-stamp over a manifest: the manifest and each file it lists are its scope; files that
// changed or are missing since are named (EN 319 162-1 A.6).
void cover_manifest(const Manifest& m, const ZipArchive& zip, DocumentTimestampUnderValidation& d) {
  ScopeEntry self;
  self.name = m.name;
  self.kind = "manifest";
  self.description = "The manifest '" + m.name + "' (the time-stamp's imprint covers its bytes)";
  self.sha256 = engine::sha256(d.covered_bytes);
  d.scope.push_back(std::move(self));
  for (const auto& r : m.references) {
    ScopeEntry e;
    e.name = r.uri;
    e.kind = "detached";
    e.description = "The container file '" + r.uri + "' (listed in " + m.name + ")";
    if (const ZipEntry* target = r.found ? zip.find(r.uri) : nullptr) e.sha256 = engine::sha256(target->bytes);
    if (!r.found) {
      d.missing.push_back(r.uri);
    } else if (!r.intact && r.message.starts_with("unsupported")) {
      d.findings.push_back(make(finding::kManifestMalformed, Severity::kError, m.name + ": " + r.message, m.name));
    } else if (!r.intact) {
      d.changed.push_back(r.uri);
    }
    if (r.found) d.scope.push_back(std::move(e));
  }
}

}  // namespace

engine::Result<AsicDocument> read_asic(std::string_view bytes, const engine::zip::ZipLimits& limits) {
  auto zip = engine::zip::read_zip(bytes, limits);
  if (!zip) return std::unexpected(zip.error());
  AsicDocument out;

  // EN 319 162-1 A.1: "mimetype", first, stored, without extra field, names the container type.
  const ZipEntry* mimetype = zip->find("mimetype");
  bool typed = false;
  if (mimetype) {
    if (mimetype->bytes == kMimeS || mimetype->bytes == kMimeE) {
      out.type = mimetype->bytes == kMimeS ? ContainerType::kAsicS : ContainerType::kAsicE;
      typed = true;
    } else {
      out.findings.push_back(make(finding::kMimetypeUnknown, Severity::kError,
                                  "mimetype names '" + mimetype->bytes.substr(0, 80) + "', not an ASiC media type", "mimetype"));
    }
    if (&zip->entries.front() != mimetype || !mimetype->stored || mimetype->has_extra_field) {
      out.findings.push_back(make(finding::kMimetypePlacement, Severity::kWarning,
                                  "mimetype shall be the first entry, stored uncompressed, without extra field", "mimetype"));
    }
  }
  std::vector<const ZipEntry*> xades, cades, manifests, archive_manifests, timestamps;
  for (const auto& e : zip->entries) {
    if (e.directory || e.name == "mimetype") continue;
    if (!in_meta_inf(e.name)) {
      out.data_files.push_back(e.name);
      continue;
    }
    const auto base = base_name(e.name);
    if (base.find("signature") != std::string_view::npos && base.ends_with(".xml")) xades.push_back(&e);
    if (base.find("signature") != std::string_view::npos && base.ends_with(".p7s")) cades.push_back(&e);
    if (base.starts_with("ASiCManifest") && base.ends_with(".xml")) manifests.push_back(&e);
    if (base.starts_with("ASiCArchiveManifest") && base.ends_with(".xml")) archive_manifests.push_back(&e);
    if (base.find("timestamp") != std::string_view::npos && base.ends_with(".tst")) timestamps.push_back(&e);
  }
  if (!typed) {
    // No usable mimetype: ASiC-E when a manifest or several data objects say so.
    out.type = !manifests.empty() || out.data_files.size() > 1 ? ContainerType::kAsicE : ContainerType::kAsicS;
    if (!mimetype && out.type == ContainerType::kAsicE) {
      out.findings.push_back(make(finding::kMimetypeMissing, Severity::kWarning, "the ASiC-E container has no mimetype", "/"));
    }
  }
  if (out.type == ContainerType::kAsicS && out.data_files.size() != 1) {
    out.findings.push_back(make(finding::kAsicSDataObjects, Severity::kError,
                                "an ASiC-S container holds exactly one data object; this one holds " +
                                    std::to_string(out.data_files.size()),
                                "/"));
  }

  std::vector<Manifest> read_manifests;
  for (const auto* m : manifests) read_manifests.push_back(read_manifest(*m, *zip));

  // XAdES: every container file other than the signature files is available as detached content.
  for (const auto* x : xades) {
    xades::XadesReadOptions options;
    for (const auto& e : zip->entries) {
      if (!e.directory && &e != x) options.detached.push_back({e.name, e.bytes});
    }
    auto read = xades::read_xades(x->bytes, options);
    if (!read) {
      out.signatures.push_back(unreadable(x->name, SignatureFormat::kXAdES, read.error()));
      continue;
    }
    for (auto& s : read->signatures) out.signatures.push_back(std::move(s));
  }
  // CAdES: detached over the data object (ASiC-S) or over the ASiCManifest naming it (ASiC-E).
  for (const auto* c : cades) {
    cades::CadesReadOptions options;
    const Manifest* manifest = nullptr;
    for (const auto& m : read_manifests) {
      if (m.sig_reference == c->name) manifest = &m;
    }
    engine::Findings extra;
    if (manifest) {
      options.detached.push_back({manifest->name, zip->find(manifest->name)->bytes});
      if (!manifest->ok) {
        extra.push_back(make(finding::kManifestMalformed, Severity::kError, manifest->name + ": " + manifest->error, c->name));
      }
    } else if (out.type == ContainerType::kAsicS && !out.data_files.empty()) {
      options.detached.push_back({out.data_files.front(), zip->find(out.data_files.front())->bytes});
    } else {
      extra.push_back(make(finding::kManifestMissing, Severity::kError, "no ASiCManifest names " + c->name, c->name));
    }
    auto read = cades::read_cades(c->bytes, options);
    if (!read) {
      out.signatures.push_back(unreadable(c->name, SignatureFormat::kCAdES, read.error()));
      continue;
    }
    for (auto& s : read->signatures) {
      s.format_check.findings.insert(s.format_check.findings.end(), extra.begin(), extra.end());
      if (manifest) {
        for (const auto& r : manifest->references) {
          s.references.push_back(r);
          const ZipEntry* e = zip->find(r.uri);
          add_scope(s, r, e ? std::string_view(e->bytes) : std::string_view());
        }
      }
      out.signatures.push_back(std::move(s));
    }
  }
  // EN 319 162-1 A.6: an ASiCArchiveManifest is time-stamped by the token its SigReference names;
  // that time-stamp covers the manifest's bytes and is an archive time-stamp of every signature
  // file the manifest lists intact (and a document time-stamp, below).
  std::vector<Manifest> archives;
  for (const auto* a : archive_manifests) archives.push_back(read_manifest(*a, *zip));
  for (std::size_t i = 0; i < archives.size(); ++i) {
    const Manifest& m = archives[i];
    const ZipEntry* token = m.ok ? zip->find(m.sig_reference) : nullptr;
    if (!m.ok || !token) {
      out.findings.push_back(make(finding::kManifestMalformed, Severity::kWarning,
                                  m.name + (m.ok ? ": its time-stamp " + m.sig_reference + " is missing" : ": " + m.error), m.name));
      continue;
    }
    std::string changed;
    for (const auto& r : m.references) {
      if (!r.found || !r.intact) {
        out.findings.push_back(make(finding::kArchiveManifestReference, Severity::kWarning, m.name + ": " + r.message, m.name));
      }
      if (r.found && !r.intact) changed += (changed.empty() ? "'" : ", '") + r.uri + "'";
    }
    for (auto& s : out.signatures) {
      const bool covered = std::any_of(m.references.begin(), m.references.end(), [&](const SignedReference& r) {
        return r.intact && (std::any_of(xades.begin(), xades.end(), [&](const ZipEntry* x) { return x->name == r.uri; }) ||
                            std::any_of(cades.begin(), cades.end(), [&](const ZipEntry* c) { return c->name == r.uri; }));
      });
      if (!covered) continue;
      EmbeddedTimestamp ts;
      ts.kind = EmbeddedTimestamp::Kind::kArchive;
      ts.id = token->name;
      ts.token_der = token->bytes;
      ts.covered_bytes = zip->find(m.name)->bytes;
      // The manifest still matches its imprint, but a file it lists changed: the archive
      // time-stamp no longer proves that file (EN 319 102-1 5.4.2).
      if (!changed.empty()) {
        ts.covered_data_altered = true;
        ts.findings.push_back(make(finding::kArchiveManifestReference, Severity::kError,
                                   m.name + " lists " + changed + ", changed after time-stamping", m.name));
      }
      s.timestamps.push_back(std::move(ts));
    }
  }

  // Document time-stamps: each token an ASiCArchiveManifest or ASiCManifest names (over the
  // manifest, EN 319 162-1 4.4.3 / A.6), or the ASiC-S META-INF/timestamp.tst over the data
  // object (4.3.3.1).
  for (const auto* t : timestamps) {
    const auto names = [&](const Manifest& m) { return m.ok && m.sig_reference == t->name; };
    const auto archive = std::find_if(archives.begin(), archives.end(), names);
    const auto manifest = std::find_if(read_manifests.begin(), read_manifests.end(), names);
    DocumentTimestampUnderValidation d;
    d.id = t->name;
    d.token_der = t->bytes;
    if (archive != archives.end() || manifest != read_manifests.end()) {
      const Manifest& m = archive != archives.end() ? *archive : *manifest;
      d.kind = archive != archives.end() ? "asic-archive-manifest" : "asic-timestamp";
      d.covered_bytes = zip->find(m.name)->bytes;
      cover_manifest(m, *zip, d);
    } else if (out.type == ContainerType::kAsicS) {
      d.kind = "asic-timestamp";
      if (out.data_files.empty()) {
        d.findings.push_back(make(finding::kAsicSDataObjects, Severity::kError,
                                  "the ASiC-S container has no data object for " + t->name + " to cover", t->name));
      } else {
        const ZipEntry* data = zip->find(out.data_files.front());
        d.covered_bytes = data->bytes;
        ScopeEntry e;
        e.name = data->name;
        e.kind = "full";
        e.description = "The container's data object '" + data->name + "' (EN 319 162-1 4.3.3.1)";
        e.sha256 = engine::sha256(data->bytes);
        d.scope.push_back(std::move(e));
      }
    } else {
      out.findings.push_back(make(finding::kTimestampNotUsed, Severity::kInfo,
                                  t->name + " is named by no ASiCManifest or ASiCArchiveManifest; it is not validated", t->name));
      continue;
    }
    out.timestamps.push_back(std::move(d));
  }

  // Data objects no signature and no time-stamp covers (a reference found, by its URI as a
  // container path).
  std::set<std::string, std::less<>> covered;
  for (const auto& t : out.timestamps) {
    for (const auto& e : t.scope) covered.insert(e.name);
  }
  for (const auto& s : out.signatures) {
    for (const auto& r : s.references) {
      if (r.found) covered.insert(r.uri.starts_with("./") ? r.uri.substr(2) : r.uri);
    }
    for (const auto& e : s.scope) covered.insert(e.name);
  }
  for (const auto& f : out.data_files) {
    if (covered.contains(f)) continue;
    out.unsigned_files.push_back(f);
    out.findings.push_back(make(finding::kUnsignedFile, Severity::kWarning,
                                "the container file '" + f + "' is not covered by any signature or time-stamp", f));
  }
  for (auto& s : out.signatures) {
    s.format_check.findings.insert(s.format_check.findings.begin(), out.findings.begin(), out.findings.end());
  }
  // The container's errors (mimetype, ASiC-S data objects) are format failures of its
  // time-stamps as of its signatures.
  for (auto& t : out.timestamps) {
    for (const auto& f : out.findings) {
      if (f.severity == Severity::kError) t.findings.insert(t.findings.begin(), f);
    }
  }
  return out;
}

}  // namespace assay::validation::asic
