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

// The restrictions in force for the changes revision `k` (0-based) made: those of the signatures
// applied in an earlier revision. ISO 32000-2 12.8.2.2 / 12.8.2.4: a DocMDP or FieldMDP
// restriction takes effect when its signature is applied, so a field filled in before the
// signature that locks it was filled in legitimately, and one changed after it was not, whichever
// earlier signature the change is reported for.
ModificationRules rules_at(const engine::pdf::PdfDocument& doc, std::size_t k) {
  ModificationRules rules;
  for (const auto& other : doc.signatures()) {
    if (is_document_timestamp(other)) {
      if (other.value_object) rules.document_timestamp_values.insert(other.value_object);
      if (other.field_object) rules.document_timestamp_values.insert(other.field_object);
    }
    if (!other.revision || *other.revision >= k) continue;
    if (other.certification || (other.docmdp_p && !is_document_timestamp(other))) {
      rules.certified = true;
      rules.p = std::min(rules.p, other.docmdp_p.value_or(2));
    }
    if (other.field_mdp) rules.locks.push_back(*other.field_mdp);
    if (other.lock) rules.locks.push_back(*other.lock);
  }
  return rules;
}

// What one revision changed, compared with the revision before it (or why it cannot be told).
using RevisionChanges = engine::Result<std::vector<PdfModification>>;

// The changes of every revision after `first` (0-based), each judged with the rules in force
// when it was made. Two snapshots are held at a time; each revision is parsed once.
std::map<std::size_t, RevisionChanges> changes_after(const engine::pdf::PdfDocument& doc, std::size_t first) {
  std::map<std::size_t, RevisionChanges> out;
  const std::size_t last = doc.revisions().size() - 1;
  if (first >= last) return out;  // nothing after the first signed revision: no snapshot to take
  auto before = doc.snapshot(first);
  for (std::size_t k = first + 1; k <= last; ++k) {
    auto after = doc.snapshot(k);
    if (!before) {
      out.emplace(k, std::unexpected(before.error()));
    } else if (!after) {
      out.emplace(k, std::unexpected(after.error()));
    } else {
      out.emplace(k, analyse_modifications(*before, *after, rules_at(doc, k)));
    }
    before = std::move(after);
  }
  return out;
}

// The modification analysis for one signature (or document time-stamp): the changes of every
// revision after the one it signed, as findings (permitted: info; not permitted: error).
void analyse(const engine::pdf::PdfDocument& doc, const SignatureDictionary& sig,
             const std::map<std::size_t, RevisionChanges>& changes, PdfSignatureDetails& details,
             engine::Findings& findings) {
  const std::size_t last = doc.revisions().size() - 1;
  if (!sig.revision || *sig.revision >= last) return;
  for (std::size_t k = *sig.revision + 1; k <= last; ++k) {
    const auto it = changes.find(k);
    if (it == changes.end() || !it->second) {
      findings.push_back({std::string(finding::kModificationUnanalysed), Severity::kError,
                          "the changes of revision " + std::to_string(k + 1) + " and after cannot be analysed" +
                              (it == changes.end() ? std::string{} : ": " + it->second.error().message()),
                          "revision " + std::to_string(k + 1)});
      break;
    }
    details.modifications.insert(details.modifications.end(), it->second->begin(), it->second->end());
  }
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
    where += ", revision " + std::to_string(m.revision);
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
  std::size_t first = SIZE_MAX;
  for (const auto* sig : order) {
    if (sig->revision) first = std::min(first, *sig->revision);
  }
  const auto changes = first == SIZE_MAX ? std::map<std::size_t, RevisionChanges>{} : changes_after(*doc, first);
  std::vector<internal::ReadSignature> read;
  for (const auto* sig : order) {
    internal::ReadSignature r = internal::check_signature(*doc, *sig);
    analyse(*doc, *sig, changes, r.details, r.findings);
    read.push_back(std::move(r));
  }
  internal::assemble(*doc, read, out);
  return out;
}

}  // namespace assay::validation::pades
