// The qpdf side of engine/pdf: one parsed revision (a QPDF over a prefix of the bytes, read from
// memory, strict: no xref reconstruction), bounded stream decoding, and the conversion of qpdf's
// exceptions into a ReadStatus. Part of the C++17 island (qpdf_reader.h): only the island's
// translation units (compiled as C++17) include this header.
#pragma once

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/pdf/internal/qpdf_reader.h"
#include "engine/pdf/pdf_types.h"

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
// `out` is set when the answer is ok.
ReadStatus open_session(std::string_view bytes, const PdfLimits& limits, std::unique_ptr<QpdfSession>& out);

// The decoded data of `stream` (qpdf's generalized filters), within max_stream_bytes, the ratio
// and the session's total; nullopt with `error` set when over a limit or undecodable. Never throws.
std::optional<std::string> decode_stream(QpdfSession& session, QPDFObjectHandle stream, std::string* error);

// The qpdf warnings of the session ("pdf.qpdf_warning"), at most 20.
std::vector<ReadWarning> warnings(QpdfSession& session);

ReadStatus status_from_current_exception(std::string_view what);
ReadStatus failure(ReadCode code, std::string message);

// Runs `f` (returning a ReadStatus) and maps qpdf / standard exceptions to a status (kMalformed;
// kResourceExhausted for bad_alloc and length errors). `what` names the operation in the message.
template <typename F>
ReadStatus guarded(std::string_view what, F&& f) noexcept {
  try {
    return f();
  } catch (...) {
    return status_from_current_exception(what);
  }
}

// "/Name" → "Name"; "" when not a name.
std::string name_of(QPDFObjectHandle h);
// A fully qualified key lookup that tolerates non-dictionaries (null handle).
QPDFObjectHandle key(QPDFObjectHandle dict, const char* name);

}  // namespace assay::engine::pdf::internal
