#include "engine/pdf/internal/qpdf_session.h"

#include <qpdf/BufferInputSource.hh>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <set>
#include <stdexcept>

namespace assay::engine::pdf::internal {
namespace {

// Collects decoded bytes and stops (throws, which qpdf turns into a failed pipe) at a limit, so
// that a decompression bomb never gets its decoded size allocated.
class BoundedSink : public Pipeline {
 public:
  BoundedSink(std::size_t limit, std::string* out) : Pipeline("assay-bounded", nullptr), limit_(limit), out_(out) {}
  void write(unsigned char const* data, size_t len) override {
    if (over_ || len > limit_ - size_) {
      over_ = true;
      throw std::length_error("decoded stream over the limit");
    }
    size_ += len;
    if (out_) out_->append(reinterpret_cast<const char*>(data), len);
  }
  void finish() override {}
  bool over() const { return over_; }
  std::size_t size() const { return size_; }

 private:
  std::size_t limit_;
  std::string* out_;
  std::size_t size_ = 0;
  bool over_ = false;
};

std::size_t raw_length(QPDFObjectHandle stream) {
  auto length = stream.getDict().getKey("/Length");
  return length.isInteger() && length.getIntValue() > 0 ? static_cast<std::size_t>(length.getIntValue()) : 0;
}

// Decodes with the limits of the session; `out` null = only count.
bool bounded_pipe(QpdfSession& s, QPDFObjectHandle stream, std::string* out, std::string* error) {
  const std::size_t raw = raw_length(stream);
  if (raw > s.limits.max_stream_bytes) {
    *error = "a stream declares " + std::to_string(raw) + " bytes, over the limit of " +
             std::to_string(s.limits.max_stream_bytes);
    return false;
  }
  std::size_t limit = std::min(s.limits.max_stream_bytes, s.limits.max_decoded_bytes - s.decoded_total);
  // EN 319 142-1 places no bound; a ratio of 200 covers real Flate data (text compresses ~10×).
  limit = std::min(limit, std::max<std::size_t>(raw, 4096) * s.limits.max_ratio);
  BoundedSink sink(limit, out);
  bool filtered = false;
  const bool ok = stream.pipeStreamData(&sink, &filtered, 0, qpdf_dl_generalized, true, false);
  s.decoded_total += sink.size();
  if (sink.over()) {
    *error = "a stream decodes to more than " + std::to_string(limit) +
             " bytes (size, decompression ratio or total decoded bytes over the limit)";
    return false;
  }
  if (!ok) {
    *error = "a stream does not decode";
    return false;
  }
  return true;
}

}  // namespace

ReadStatus failure(ReadCode code, std::string message) { return ReadStatus{code, std::move(message)}; }

ReadStatus status_from_current_exception(std::string_view what) {
  const std::string prefix = std::string(what) + ": ";
  try {
    throw;
  } catch (const QPDFExc& e) {
    return failure(ReadCode::kMalformed, prefix + e.getMessageDetail());
  } catch (const std::bad_alloc&) {
    return failure(ReadCode::kResourceExhausted, prefix + "out of memory");
  } catch (const std::length_error& e) {
    return failure(ReadCode::kResourceExhausted, prefix + e.what());
  } catch (const std::exception& e) {
    return failure(ReadCode::kMalformed, prefix + e.what());
  } catch (...) {
    return failure(ReadCode::kInternal, prefix + "unknown exception");
  }
}

std::string name_of(QPDFObjectHandle h) {
  if (!h.isName()) return "";
  std::string n = h.getName();
  return !n.empty() && n[0] == '/' ? n.substr(1) : n;
}

QPDFObjectHandle key(QPDFObjectHandle dict, const char* name) {
  if (!dict.isDictionary()) return QPDFObjectHandle::newNull();
  return dict.getKey(name);
}

ReadStatus open_session(std::string_view bytes, const PdfLimits& limits, std::unique_ptr<QpdfSession>& out) {
  if (bytes.size() > limits.max_bytes) {
    return failure(ReadCode::kResourceExhausted, "the PDF has " + std::to_string(bytes.size()) +
                                                     " bytes, over the limit of " + std::to_string(limits.max_bytes));
  }
  return guarded("the PDF is unreadable", [&]() -> ReadStatus {
    auto s = std::make_unique<QpdfSession>();
    s->limits = limits;
    // qpdf only reads from the buffer; it does not own or modify it.
    s->buffer = std::make_unique<Buffer>(reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data())), bytes.size());
    s->qpdf = std::make_unique<QPDF>();
    s->qpdf->setSuppressWarnings(true);
    // No xref reconstruction: a PDF whose cross-reference data is broken is reported, never
    // guessed at (a reconstructed file is not what the signer's reader showed).
    s->qpdf->setAttemptRecovery(false);
    s->qpdf->processInputSource(std::make_shared<BufferInputSource>("pdf", s->buffer.get(), false));
    auto table = s->qpdf->getXRefTable();
    if (table.size() > limits.max_objects) {
      return failure(ReadCode::kResourceExhausted, "the PDF has " + std::to_string(table.size()) +
                                                       " objects, over the limit of " + std::to_string(limits.max_objects));
    }
    // Object streams are decoded by qpdf when an object in them is resolved: check their
    // decoded size first (bounded, nothing kept).
    std::set<int> object_streams;
    for (const auto& [og, entry] : table) {
      if (entry.getType() == 2) object_streams.insert(entry.getObjStreamNumber());
    }
    for (int n : object_streams) {
      auto stream = s->qpdf->getObjectByID(n, 0);
      if (!stream.isStream()) return failure(ReadCode::kMalformed, "object " + std::to_string(n) + " is not an object stream");
      if (stream.getDict().getKey("/Extends").isIndirect() || stream.getDict().getKey("/Extends").isStream()) {
        // Extends chains are allowed but must not loop to themselves.
        if (stream.getDict().getKey("/Extends").getObjectID() == n) {
          return failure(ReadCode::kMalformed, "object stream " + std::to_string(n) + " extends itself");
        }
      }
      std::string error;
      if (!bounded_pipe(*s, stream, nullptr, &error)) {
        return failure(error.find("does not decode") != std::string::npos ? ReadCode::kMalformed : ReadCode::kResourceExhausted,
                    "object stream " + std::to_string(n) + ": " + error);
      }
    }
    out = std::move(s);
    return ReadStatus{};
  });
}

std::optional<std::string> decode_stream(QpdfSession& session, QPDFObjectHandle stream, std::string* error) {
  try {
    std::string out;
    if (!bounded_pipe(session, stream, &out, error)) return std::nullopt;
    return out;
  } catch (...) {
    *error = status_from_current_exception("stream").message;
    return std::nullopt;
  }
}

std::vector<ReadWarning> warnings(QpdfSession& session) {
  std::vector<ReadWarning> out;
  try {
    for (const auto& w : session.qpdf->getWarnings()) {
      if (out.size() >= 20) break;
      out.push_back({"pdf.qpdf_warning", w.getMessageDetail(), w.getObject()});
    }
  } catch (...) {
  }
  return out;
}

}  // namespace assay::engine::pdf::internal
