// Small JSON value helpers shared by every JSON view.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"

namespace assay::service::json {

// "2026-08-21T00:00:00Z", or null when absent.
inline boost::json::value time_or_null(const std::optional<engine::UtcTime>& t) {
  return t ? boost::json::value(engine::format_utc_time(*t)) : boost::json::value(nullptr);
}

inline boost::json::array string_array(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const auto& s : values) out.push_back(boost::json::string(s));
  return out;
}

}  // namespace assay::service::json
