#include "validation/revocation/internal/revocation_common.h"


namespace assay::validation::revocation_internal {

std::optional<IssuerView> issuer_view(const RevocationQuery& q) {
  if (q.issuer != nullptr) {
    if (!q.issuer_working_spki.empty()) return IssuerView{&q.issuer->subject(), q.issuer_working_spki, q.issuer};
    return IssuerView{&q.issuer->subject(), q.issuer->public_key().der, q.issuer};
  }
  if (q.issuer_anchor != nullptr) {
    if (q.issuer_anchor->certificate) {
      const auto& c = *q.issuer_anchor->certificate;
      return IssuerView{&c.subject(), c.public_key().der, &c};
    }
    return IssuerView{&q.issuer_anchor->subject, q.issuer_anchor->spki_der, nullptr};
  }
  return std::nullopt;
}

Timeliness timeliness(engine::UtcTime this_update, const std::optional<engine::UtcTime>& next_update, engine::UtcTime at) {
  if (this_update > at) return Timeliness::kIssuedLater;
  if (next_update && *next_update < at) return Timeliness::kStale;
  return Timeliness::kInForce;
}

std::string_view serial_contents(const engine::Certificate& certificate) {
  // The INTEGER TLV's contents: skip the tag and the (short or long form) length octets.
  std::string_view tlv = certificate.serial_der();
  if (tlv.size() < 2) return {};
  const auto first = static_cast<std::uint8_t>(tlv[1]);
  const std::size_t header = first < 0x80 ? 2 : 2 + (first & 0x7f);
  return header <= tlv.size() ? tlv.substr(header) : std::string_view();
}

void add_finding(engine::Findings& findings, std::string_view id, engine::Severity severity, std::string message,
                 std::string_view path) {
  findings.push_back(engine::Finding{std::string(id), severity, std::move(message), std::string(path)});
}

}  // namespace assay::validation::revocation_internal
