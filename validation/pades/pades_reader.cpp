#include "validation/pades/pades_reader.h"

#include <algorithm>
#include <map>

#include "engine/cms/signed_data.h"
#include "engine/digest.h"
#include "engine/pdf/pdf_document.h"
#include "validation/cades/cades_reader.h"
#include "validation/pades/internal/pades_parts.h"
#include "validation/pades/modification_analysis.h"
#include "validation/pades/pades_findings.h"

namespace assay::validation::pades {
namespace {

using engine::Severity;
using engine::pdf::SignatureDictionary;

bool is_document_timestamp(const SignatureDictionary& s) {
  return s.sub_filter == "ETSI.RFC3161" || s.type == "DocTimeStamp";
}

// The snapshots of the revisions the analysis needs, parsed once each.
class Snapshots {
 public:
  explicit Snapshots(const engine::pdf::PdfDocument& doc) : doc_(doc) {}
  const engine::Result<engine::pdf::Snapshot>& at(std::size_t index) {
    auto it = cache_.find(index);
    if (it == cache_.end()) it = cache_.emplace(index, doc_.snapshot(index)).first;
    return it->second;
  }

 private:
  const engine::pdf::PdfDocument& doc_;
  std::map<std::size_t, engine::Result<engine::pdf::Snapshot>> cache_;
};

// The modification analysis for one signature (or document time-stamp) at revision `index`.
void analyse(const engine::pdf::PdfDocument& doc, const SignatureDictionary& sig, Snapshots& snapshots,
             PdfSignatureDetails& details, engine::Findings& findings) {
  const std::size_t last = doc.revisions().size() - 1;
  if (!sig.revision || *sig.revision >= last) return;
  ModificationRules rules;
  for (const auto& other : doc.signatures()) {
    if (is_document_timestamp(other)) {
      if (other.value_object) rules.document_timestamp_values.insert(other.value_object);
      if (other.field_object) rules.document_timestamp_values.insert(other.field_object);
    }
    if (!other.revision || *other.revision > *sig.revision) continue;
    if (other.certification || (other.docmdp_p && !is_document_timestamp(other))) {
      rules.certified = true;
      rules.p = std::min(rules.p, other.docmdp_p.value_or(2));
    }
    if (other.field_mdp) rules.locks.push_back(*other.field_mdp);
    if (other.lock) rules.locks.push_back(*other.lock);
  }
  const auto& signed_revision = snapshots.at(*sig.revision);
  const auto& final_revision = snapshots.at(last);
  if (!signed_revision || !final_revision) {
    findings.push_back({std::string(finding::kModificationUnanalysed), Severity::kError,
                        "the changes after revision " + std::to_string(*sig.revision + 1) + " cannot be analysed: " +
                            (!signed_revision ? signed_revision.error() : final_revision.error()).message(),
                        "revision " + std::to_string(*sig.revision + 1)});
    return;
  }
  details.modifications = analyse_modifications(*signed_revision, *final_revision, rules);
  std::size_t reported = 0;
  for (const auto& m : details.modifications) {
    if (++reported > 50) {
      findings.push_back({std::string(finding::kModificationNotPermitted), Severity::kWarning,
                          "and " + std::to_string(details.modifications.size() - 50) + " more changes (see the report's modifications)",
                          "modifications"});
      break;
    }
    std::string where = m.object ? "object " + std::to_string(m.object) : "document";
    if (m.page) where += ", page " + std::to_string(*m.page);
    const std::string attack = m.attack.empty() ? "" : " [attack class: " + m.attack + "]";
    findings.push_back({std::string(m.permitted ? finding::kModificationPermitted : finding::kModificationNotPermitted),
                        m.permitted ? Severity::kInfo : Severity::kError,
                        (m.permitted ? "permitted change after signing: " : "change after signing not permitted: ") +
                            m.description + attack,
                        where});
  }
}

}  // namespace

engine::Result<PadesDocument> read_pades(std::string_view bytes) {
  auto doc = engine::pdf::PdfDocument::open(bytes);
  if (!doc) return std::unexpected(doc.error());
  PadesDocument out;
  for (const auto& f : doc->findings()) out.findings.push_back(f);
  std::vector<const SignatureDictionary*> order;
  for (const auto& s : doc->signatures()) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return a->revision.value_or(SIZE_MAX) < b->revision.value_or(SIZE_MAX);
  });
  Snapshots snapshots(*doc);
  std::vector<internal::ReadSignature> read;
  for (const auto* sig : order) {
    internal::ReadSignature r = internal::check_signature(*doc, *sig);
    analyse(*doc, *sig, snapshots, r.details, r.findings);
    read.push_back(std::move(r));
  }
  internal::assemble(*doc, read, out);
  return out;
}

}  // namespace assay::validation::pades
