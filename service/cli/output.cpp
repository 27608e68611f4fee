#include "service/cli/output.h"

#include <cstdio>
#include <string>

namespace assay::service::cli {
namespace {

void pretty(std::string& out, const boost::json::value& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  const std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
  switch (v.kind()) {
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (const auto& kv : o) {
        if (!first) out += ",\n";
        first = false;
        out += inner + boost::json::serialize(boost::json::value(kv.key())) + ": ";
        pretty(out, kv.value(), indent + 1);
      }
      out += "\n" + pad + "}";
      return;
    }
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      bool first = true;
      for (const auto& e : a) {
        if (!first) out += ",\n";
        first = false;
        out += inner;
        pretty(out, e, indent + 1);
      }
      out += "\n" + pad + "]";
      return;
    }
    default:
      out += boost::json::serialize(v);
  }
}

}  // namespace

void print_json(const boost::json::value& value) {
  std::string out;
  pretty(out, value, 0);
  out += "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
}

void print_error(std::string_view subject, const engine::Error& error) {
  std::fprintf(stderr, "assay: %.*s: %s\n", static_cast<int>(subject.size()), subject.data(),
               error.message().c_str());
}

}  // namespace assay::service::cli
