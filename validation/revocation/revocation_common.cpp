#include "validation/revocation/internal/revocation_common.h"


namespace assay::validation::revocation_internal {

namespace {

// RFC 5280 6.1.4 (e)/(f): a DSA key without parameters takes them from the nearest issuer up the
// chain that has them (looked up by name among the known certificates, a few steps at most).
void inherit_dsa_parameters(IssuerView& v, const RevocationQuery& q) {
  const engine::Certificate* c = v.certificate;
  if (c == nullptr || c->public_key().algorithm != "DSA" || !c->public_key().parameters_der.empty()) return;
  for (int step = 0; step < 8 && c != nullptr; ++step) {
    const engine::Certificate* up = nullptr;
    for (const auto& k : q.known_certificates) {
      if (k.get() != c && engine::equivalent_names(k->subject(), c->issuer()) && k->public_key().algorithm == "DSA") {
        up = k.get();
        break;
      }
    }
    if (up == nullptr) return;
    if (!up->public_key().parameters_der.empty()) {
      if (auto spki = engine::spki_with_parameters(v.spki, up->public_key().parameters_der)) {
        v.spki = std::move(*spki);
        v.inherited_parameters = true;
      }
      return;
    }
    c = up;
  }
}

}  // namespace

std::optional<IssuerView> issuer_view(const RevocationQuery& q) {
  if (q.issuer != nullptr) {
    IssuerView v{&q.issuer->subject(), q.issuer->public_key().der, q.issuer, false};
    if (!q.issuer_working_spki.empty() && q.issuer_working_spki != v.spki) {
      // Path validation's working key (RFC 5280 6.1.4 (f)) wins over the guess below.
      v.spki = q.issuer_working_spki;
      v.inherited_parameters = true;
    } else {
      inherit_dsa_parameters(v, q);
    }
    return v;
  }
  if (q.issuer_anchor != nullptr) {
    if (q.issuer_anchor->certificate) {
      const auto& c = *q.issuer_anchor->certificate;
      return IssuerView{&c.subject(), c.public_key().der, &c, false};
    }
    return IssuerView{&q.issuer_anchor->subject, q.issuer_anchor->spki_der, nullptr, false};
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
