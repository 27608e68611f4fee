// The qpdf side of engine/pdf: one parsed revision (a QPDF over a prefix of the bytes, read from
// memory, strict: no xref reconstruction), bounded stream decoding, and the conversion of qpdf's
// exceptions into engine::Error. Only engine/pdf/*.cpp include this header.
#pragma once

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/error.h"
#include "engine/finding.h"
#include "engine/pdf/pdf_document.h"

namespace assay::engine::pdf::internal {

// One parsed PDF. `bytes` must outlive it.
struct QpdfSession {
  std::unique_ptr<Buffer> buffer;
  std::unique_ptr<QPDF> qpdf;
  PdfLimits limits;
  std::size_t decoded_total = 0;  // decoded stream bytes so far (max_decoded_bytes)
};

// Parses `bytes` (the whole file or a revision's prefix): the cross-reference data, the object
// count limit, and every object stream's decoded size against the limits (before any object in
// it is resolved). Catches everything qpdf throws.
Result<std::unique_ptr<QpdfSession>> open_session(std::string_view bytes, const PdfLimits& limits);

// The decoded data of `stream` (qpdf's generalized filters), within max_stream_bytes, the ratio
// and the session's total; nullopt with `error` set when over a limit or undecodable. Never throws.
std::optional<std::string> decode_stream(QpdfSession& session, QPDFObjectHandle stream, std::string* error);

// The qpdf warnings of the session as findings ("pdf.qpdf_warning"), at most 20.
Findings warnings(QpdfSession& session);

// Runs `f` and maps qpdf / standard exceptions to errors (kMalformed; kResourceExhausted for
// bad_alloc and length errors). `what` names the operation in the message.
template <typename F>
auto guarded(std::string_view what, F&& f) -> decltype(f());

Error error_from_current_exception(std::string_view what);

template <typename F>
auto guarded(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    return std::unexpected(error_from_current_exception(what));
  }
}

// "/Name" → "Name"; "" when not a name.
std::string name_of(QPDFObjectHandle h);
// A fully qualified key lookup that tolerates non-dictionaries (null handle).
QPDFObjectHandle key(QPDFObjectHandle dict, const char* name);

}  // namespace assay::engine::pdf::internal
