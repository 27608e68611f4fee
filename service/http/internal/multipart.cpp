#include "service/http/internal/multipart.h"

#include <cctype>

namespace assay::service::http::internal {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// `; key=value; key="quoted \" value"` parameters after the media type or disposition type.
// Returns false on an unterminated quoted string.
bool parse_parameters(std::string_view s, std::vector<std::pair<std::string, std::string>>& out) {
  while (!s.empty()) {
    const auto semi = s.find(';');
    if (semi == std::string_view::npos) return true;
    s.remove_prefix(semi + 1);
    s = trim(s);
    const auto eq = s.find('=');
    if (eq == std::string_view::npos) return true;
    std::string key = lower(trim(s.substr(0, eq)));
    s.remove_prefix(eq + 1);
    s = trim(s);
    std::string value;
    if (!s.empty() && s.front() == '"') {
      std::size_t i = 1;
      for (; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value += s[i];
      }
      if (i >= s.size()) return false;
      s.remove_prefix(i + 1);
    } else {
      const auto end = s.find(';');
      value = std::string(trim(s.substr(0, end)));
      s = end == std::string_view::npos ? std::string_view() : s.substr(end);
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return true;
}

}  // namespace

std::optional<std::string> form_data_boundary(std::string_view content_type) {
  const auto semi = content_type.find(';');
  if (lower(trim(content_type.substr(0, semi))) != "multipart/form-data" || semi == std::string_view::npos) {
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> params;
  if (!parse_parameters(content_type.substr(semi), params)) return std::nullopt;
  for (const auto& [k, v] : params) {
    // RFC 2046 5.1.1: 1 to 70 characters, not ending with a space.
    if (k == "boundary" && !v.empty() && v.size() <= 70 && v.back() != ' ') return v;
  }
  return std::nullopt;
}

std::optional<std::vector<FormPart>> parse_form_data(std::string_view body, std::string_view boundary,
                                                     std::size_t max_parts, std::string& error) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string inner = "\r\n" + delimiter;
  // The first delimiter starts the body or a line (a preamble before it is ignored).
  std::size_t pos = body.starts_with(delimiter) ? 0 : body.find(inner);
  if (pos == std::string_view::npos) {
    error = "the body has no part delimited by the Content-Type's boundary";
    return std::nullopt;
  }
  if (pos != 0) pos += 2;
  std::vector<FormPart> parts;
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // close delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
    if (body.substr(pos, 2) != "\r\n") {
      error = "a multipart delimiter is not followed by CRLF";
      return std::nullopt;
    }
    pos += 2;
    if (parts.size() == max_parts) {
      error = "more than " + std::to_string(max_parts) + " parts";
      return std::nullopt;
    }
    const auto headers_end = body.substr(pos, 2) == "\r\n" ? pos : body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) {
      error = "a part's header is not terminated";
      return std::nullopt;
    }
    FormPart part;
    bool form_data = false;
    std::string_view headers = body.substr(pos, headers_end - pos);
    while (!headers.empty()) {
      const auto eol = headers.find("\r\n");
      const std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) {
        error = "a part header line has no ':'";
        return std::nullopt;
      }
      const std::string name = lower(trim(line.substr(0, colon)));
      const std::string_view value = trim(line.substr(colon + 1));
      if (name == "content-type") part.content_type = std::string(value);
      if (name != "content-disposition") continue;
      const auto semi = value.find(';');
      form_data = lower(trim(value.substr(0, semi))) == "form-data";
      std::vector<std::pair<std::string, std::string>> params;
      if (semi != std::string_view::npos && !parse_parameters(value.substr(semi), params)) {
        error = "a Content-Disposition has an unterminated quoted string";
        return std::nullopt;
      }
      for (auto& [k, v] : params) {
        if (k == "name") part.name = std::move(v);
        if (k == "filename") part.filename = std::move(v);
      }
    }
    if (!form_data || part.name.empty()) {
      error = "a part has no Content-Disposition: form-data with a name (RFC 7578 4.2)";
      return std::nullopt;
    }
    const auto content_start = headers_end + (headers_end == pos ? 2 : 4);
    const auto content_end = body.find(inner, content_start);
    if (content_end == std::string_view::npos) {
      error = "the body ends inside a part (no closing boundary)";
      return std::nullopt;
    }
    part.body = body.substr(content_start, content_end - content_start);
    parts.push_back(std::move(part));
    pos = content_end + 2;
  }
}

}  // namespace assay::service::http::internal
