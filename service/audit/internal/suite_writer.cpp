// Suite-writing helpers (suite_writer.h).
#include "service/audit/internal/suite_writer.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

namespace assay::service::audit::internal {

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(u));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string toml_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + toml_string(values[i]);
  return out + "]";
}

std::vector<std::vector<std::string>> tsv_rows(const std::string& tsv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(tsv);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> row;
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, '\t')) row.push_back(cell);
    rows.push_back(std::move(row));
  }
  return rows;
}

engine::Result<void> write_text(const std::filesystem::path& file, const std::string& text) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return engine::fail(engine::Code::kUnavailable, file.string() + ": write failed");
  return {};
}

std::string case_number(int n) {
  char id[16];
  std::snprintf(id, sizeof id, "%03d", n);
  return id;
}

std::string requirement_toml(std::string_view clause, std::string_view text) {
  return "[requirement]\nclause = " + toml_string(clause) + "\ntext = " + toml_string(text) + "\n";
}

}  // namespace assay::service::audit::internal
