#include "engine/cms/timestamp_protocol.h"

#include "engine/cms/internal/message_imprint.h"
#include "engine/x509/internal/der.h"

namespace assay::engine::cms {
namespace {

std::unexpected<Error> malformed(const std::string& what) { return fail(Code::kMalformed, "RFC 3161 " + what); }

// PKIFailureInfo bit names (RFC 3161 2.4.2), by bit number.
constexpr std::string_view kFailureBits[] = {"badAlg", "", "badRequest", "", "", "badDataFormat", "", "", "", "",
                                             "", "", "", "", "timeNotAvailable", "unacceptedPolicy",
                                             "unacceptedExtension", "addInfoNotAvailable", "", "", "", "", "",
                                             "", "", "systemFailure"};

}  // namespace

std::string pki_status_name(int status) {
  switch (status) {
    case 0: return "granted";
    case 1: return "grantedWithMods";
    case 2: return "rejection";
    case 3: return "waiting";
    case 4: return "revocationWarning";
    case 5: return "revocationNotification";
    default: return "status " + std::to_string(status);
  }
}

Result<std::string> build_timestamp_request(const TimestampRequest& request) {
  if (request.hashed_message.empty()) return fail(Code::kInvalidArgument, "a time-stamp request needs a message imprint");
  auto alg = der::oid(request.imprint_algorithm_oid);
  if (!alg) return fail(Code::kInvalidArgument, "bad imprint algorithm OID " + request.imprint_algorithm_oid);
  std::string body = der::integer(1) +
                     der::sequence({der::sequence({*alg, der::null()}), der::octet_string(request.hashed_message)});
  if (request.policy_oid) {
    auto policy = der::oid(*request.policy_oid);
    if (!policy) return fail(Code::kInvalidArgument, "bad policy OID " + *request.policy_oid);
    body += *policy;
  }
  if (request.nonce) body += der::unsigned_integer(*request.nonce);
  if (request.cert_req) body += der::boolean(true);  // DEFAULT FALSE: written only when TRUE (DER)
  return der::tlv(der::kSequence, body);
}

Result<TimestampRequest> parse_timestamp_request(std::string_view der) {
  auto outer = der::read_single(der, der::kSequence);
  if (!outer) return malformed("TimeStampReq: not one DER SEQUENCE");
  der::Reader r(outer->value);
  der::Tlv version, imprint, t;
  if (!r.read(der::kInteger, version) || der::small_integer(version.value) != 1) return malformed("TimeStampReq: version is not 1");
  if (!r.read(der::kSequence, imprint)) return malformed("TimeStampReq: no messageImprint");
  TimestampRequest out;
  out.cert_req = false;
  const auto message_imprint = internal::read_message_imprint(imprint.value);
  if (!message_imprint) return malformed("TimeStampReq: malformed messageImprint");
  out.imprint_algorithm_oid = message_imprint->algorithm_oid;
  out.hashed_message = message_imprint->hashed_message;
  if (r.read_optional(der::kOid, t)) {
    auto text = der::oid_text(t.value);
    if (!text) return malformed("TimeStampReq: malformed reqPolicy");
    out.policy_oid = *text;
  }
  if (r.read_optional(der::kInteger, t)) out.nonce = std::string(t.value);
  if (r.read_optional(der::kBoolean, t)) out.cert_req = t.value.size() == 1 && t.value[0] != 0;
  r.read_optional(der::context_constructed(0), t);
  if (!r.ok() || !r.empty()) return malformed("TimeStampReq: unexpected content after certReq");
  return out;
}

Result<TimestampResponse> parse_timestamp_response(std::string_view der) {
  auto outer = der::read_single(der, der::kSequence);
  if (!outer) return malformed("TimeStampResp: not one DER SEQUENCE");
  der::Reader r(outer->value);
  der::Tlv info, token;
  if (!r.read(der::kSequence, info)) return malformed("TimeStampResp: no PKIStatusInfo");
  TimestampResponse out;
  der::Reader ir(info.value);
  der::Tlv status, t;
  if (!ir.read(der::kInteger, status)) return malformed("TimeStampResp: PKIStatusInfo without status");
  auto value = der::small_integer(status.value);
  if (!value || *value > 1000) return malformed("TimeStampResp: status is not a small non-negative INTEGER");
  out.status = static_cast<int>(*value);
  if (ir.read_optional(der::kSequence, t)) {
    der::Reader sr(t.value);
    der::Tlv text;
    while (!sr.empty()) {
      if (!sr.read(der::kUtf8String, text)) return malformed("TimeStampResp: statusString is not a SEQUENCE OF UTF8String");
      if (!out.status_text.empty()) out.status_text += "; ";
      out.status_text += std::string(text.value.substr(0, 512));
    }
  }
  if (ir.read_optional(der::kBitString, t)) {
    if (t.value.empty()) return malformed("TimeStampResp: empty failInfo");
    std::string names;
    for (std::size_t byte = 1; byte < t.value.size(); ++byte) {
      for (int bit = 0; bit < 8; ++bit) {
        if ((static_cast<unsigned char>(t.value[byte]) & (0x80 >> bit)) == 0) continue;
        const std::size_t n = (byte - 1) * 8 + static_cast<std::size_t>(bit);
        const std::string_view name = n < std::size(kFailureBits) ? kFailureBits[n] : std::string_view();
        names += (names.empty() ? "" : ", ") + (name.empty() ? "bit " + std::to_string(n) : std::string(name));
      }
    }
    out.failure_info = names;
  }
  if (!ir.ok() || !ir.empty()) return malformed("TimeStampResp: unexpected content in PKIStatusInfo");
  if (r.read_optional(der::kSequence, token)) out.token = std::string(token.whole);
  if (!r.ok() || !r.empty()) return malformed("TimeStampResp: unexpected content after the token");
  return out;
}

std::string build_timestamp_response(int status, std::string_view status_text, const std::optional<std::string>& token) {
  std::string info = der::integer(status);
  if (!status_text.empty()) info += der::sequence({der::utf8_string(status_text)});
  std::string body = der::tlv(der::kSequence, info);
  if (token) body += *token;
  return der::tlv(der::kSequence, body);
}

}  // namespace assay::engine::cms
