#include "service/svg/timeline_svg.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <utility>

#include "service/text/markup_escape.h"
#include "tsl/vocabulary.h"

namespace assay::service::svg {
namespace {

using engine::UtcTime;

struct StatusStyle {
  std::string_view status;  // short name
  std::string_view colour;
  std::string_view label;
};

// Post-eIDAS first, then pre-eIDAS, then national statuses (legend order).
constexpr std::array<StatusStyle, 13> kStyles = {{
    {"granted", "#2e9e44", "granted"},
    {"withdrawn", "#b8b8b8", "withdrawn"},
    {"undersupervision", "#6fa8dc", "under supervision (pre-eIDAS)"},
    {"supervisionincessation", "#a4c8ea", "supervision in cessation (pre-eIDAS)"},
    {"accredited", "#1f4e9c", "accredited (pre-eIDAS)"},
    {"supervisionceased", "#c98b8b", "supervision ceased (pre-eIDAS)"},
    {"supervisionrevoked", "#b04040", "supervision revoked (pre-eIDAS)"},
    {"accreditationceased", "#d9a0a0", "accreditation ceased (pre-eIDAS)"},
    {"accreditationrevoked", "#9c2a2a", "accreditation revoked (pre-eIDAS)"},
    {"recognisedatnationallevel", "#e69138", "recognised at national level"},
    {"deprecatedatnationallevel", "#f6c48b", "deprecated at national level"},
    {"setbynationallaw", "#8e63ce", "set by national law"},
    {"deprecatedbynationallaw", "#c5b3e6", "deprecated by national law"},
}};
constexpr std::string_view kUnknownColour = "#e0e0e0";

constexpr int kWidth = 1100;
constexpr int kLabelWidth = 330;
constexpr int kChartLeft = kLabelWidth + 10;
constexpr int kChartRight = kWidth - 20;
constexpr int kRowHeight = 22;
constexpr int kTop = 70;

// Truncates to `max` characters (UTF-8 aware: counts code points) with an ellipsis.
std::string truncate(std::string_view s, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (count == max - 1) return std::string(s.substr(0, i)) + "…";
    ++count;
  }
  return std::string(s);
}

int year_of(UtcTime t) {
  return static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(t)).year());
}

UtcTime start_of_year(int y) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::January / 1};
}

std::string fmt(const char* format, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

}  // namespace

std::string_view status_colour(std::string_view status_uri) {
  const auto s = tsl::vocabulary::short_name(status_uri);
  for (const auto& st : kStyles) {
    if (st.status == s) return st.colour;
  }
  return kUnknownColour;
}

std::string version_subtitle(const tsl::ListVersion& v) {
  return "trusted list " + v.territory + " sequence " + std::to_string(v.sequence) + ", issued " +
         engine::format_utc_time(v.issued, "-") + ", sha256 " + v.sha256.substr(0, 16) + "…";
}

std::string render_timeline_svg(std::span<const tsl::ServiceTimeline* const> services,
                                const TimelineSvgOptions& options) {
  // Axis: from the start of the earliest year to a year past the latest start (or the marker).
  UtcTime earliest = UtcTime::max();
  UtcTime latest = UtcTime::min();
  for (const auto* t : services) {
    for (const auto& s : t->states) {
      earliest = std::min(earliest, s.start);
      latest = std::max(latest, s.start);
    }
  }
  if (options.at) {
    earliest = std::min(earliest, *options.at);
    latest = std::max(latest, *options.at);
  }
  if (earliest == UtcTime::max()) earliest = latest = start_of_year(2016);
  const UtcTime axis_start = start_of_year(year_of(earliest));
  const UtcTime axis_end = options.axis_end.value_or(start_of_year(year_of(latest) + 2));
  const double span = std::max<double>(1.0, static_cast<double>((axis_end - axis_start).count()));
  auto x_of = [&](UtcTime t) {
    const double f = static_cast<double>((std::clamp(t, axis_start, axis_end) - axis_start).count()) / span;
    return kChartLeft + f * (kChartRight - kChartLeft);
  };

  // Rows: a heading per provider run, then its services.
  struct Row {
    const tsl::ServiceTimeline* service;  // nullptr: provider heading
    std::string text;
  };
  std::vector<Row> rows;
  const std::string* last_tsp = nullptr;
  for (const auto* t : services) {
    if (last_tsp == nullptr || *last_tsp != t->tsp_name()) {
      rows.push_back({nullptr, t->tsp_name()});
      last_tsp = &t->tsp_name();
    }
    rows.push_back({t, std::string(t->name())});
  }

  std::vector<std::string_view> used;  // statuses present, for the legend
  for (const auto* t : services) {
    for (const auto& s : t->states) {
      const auto c = status_colour(s.state->status);
      if (std::find(used.begin(), used.end(), c) == used.end()) used.push_back(c);
    }
  }
  std::vector<std::pair<std::string_view, std::string_view>> legend;
  for (const auto& st : kStyles) {
    if (std::find(used.begin(), used.end(), st.colour) != used.end()) legend.emplace_back(st.colour, st.label);
  }
  if (std::find(used.begin(), used.end(), kUnknownColour) != used.end()) legend.emplace_back(kUnknownColour, "other status");

  const int chart_bottom = kTop + static_cast<int>(rows.size()) * kRowHeight;
  const int legend_rows = static_cast<int>((legend.size() + 2) / 3);
  const int height = chart_bottom + 40 + legend_rows * 20 + 10;

  std::string o;
  o += fmt(R"(<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" )"
           R"(font-family="DejaVu Sans, Arial, sans-serif" font-size="12">)" "\n",
           kWidth, height, kWidth, height);
  o += fmt(R"(<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>)" "\n", kWidth, height);
  o += R"(<text x="16" y="26" font-size="17" font-weight="bold">)" + text::markup_escape(options.title) + "</text>\n";
  if (!options.subtitle.empty()) {
    o += R"(<text x="16" y="45" font-size="11" fill="#555">)" + text::markup_escape(options.subtitle) + "</text>\n";
  }

  // Year grid and labels; label density follows the span.
  const int first_year = year_of(axis_start);
  const int last_year = year_of(axis_end);
  const int years = last_year - first_year;
  // Past a century (a marker in year 9999 or 0) only labelled years get a line, at most ~20 of
  // them, so the chart stays small whatever the span.
  const int step = years <= 14 ? 1 : years <= 30 ? 2 : years <= 100 ? 5 : (years / 20 + 9) / 10 * 10;
  for (int y = first_year; y <= last_year; y += years > 100 ? step : 1) {
    const double x = x_of(start_of_year(y));
    const bool labelled = (y - first_year) % step == 0;
    o += fmt(R"(<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="1"/>)" "\n", x, kTop - 4, x,
             chart_bottom, labelled ? "#c8c8c8" : "#ececec");
    if (labelled) {
      o += fmt(R"(<text x="%.1f" y="%d" text-anchor="middle" font-size="11" fill="#333">%d</text>)" "\n", x,
               kTop - 8, y);
    }
  }

  int y = kTop;
  for (std::size_t r = 0; r < rows.size(); ++r, y += kRowHeight) {
    const auto& row = rows[r];
    if (row.service == nullptr) {
      o += fmt(R"(<text x="10" y="%d" font-weight="bold" fill="#222">)", y + 15) + text::markup_escape(truncate(row.text, 60)) +
           "</text>\n";
      continue;
    }
    if (r % 2 == 0) {
      o += fmt(R"(<rect x="0" y="%d" width="%d" height="%d" fill="#f7f7f7"/>)" "\n", y, kWidth, kRowHeight);
    }
    const std::string type(tsl::vocabulary::short_name(row.service->type()));
    o += fmt(R"(<text x="22" y="%d" fill="#222"><title>)", y + 15) + text::markup_escape(row.text + " (" + type + ", id " +
                                                                             row.service->id + ")") +
         "</title>" + text::markup_escape(truncate(row.text, 36)) + "</text>\n";
    o += fmt(R"(<text x="%d" y="%d" text-anchor="end" font-size="10" fill="#777">)", kLabelWidth, y + 15) +
         text::markup_escape(truncate(type, 16)) + "</text>\n";
    for (const auto& s : row.service->states) {
      const double x1 = x_of(s.start);
      const double x2 = x_of(s.end.value_or(axis_end));
      const std::string status(tsl::vocabulary::short_name(s.state->status));
      o += fmt(R"(<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="2" fill="%s" stroke="#ffffff" stroke-width="0.8">)",
               x1, y + 4, std::max(1.5, x2 - x1), kRowHeight - 8, std::string(status_colour(s.state->status)).c_str());
      o += "<title>" + text::markup_escape(status + " from " + engine::format_utc_time(s.start) + " until " +
                              engine::format_utc_time(s.end, "now")) +
           "</title></rect>\n";
    }
    if (!row.service->states.empty() && !row.service->states.back().end) {
      // Open end: a small arrow head says "still in force".
      const double x = x_of(axis_end);
      o += fmt(R"(<path d="M%.1f %d l6 %d l-6 %d z" fill="%s"/>)" "\n", x, y + 4, (kRowHeight - 8) / 2,
               (kRowHeight - 8) / 2, std::string(status_colour(row.service->states.back().state->status)).c_str());
    }
  }
  o += fmt(R"(<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#888"/>)" "\n", kChartLeft, chart_bottom, kChartRight,
           chart_bottom);

  if (options.at) {
    const double x = x_of(*options.at);
    o += fmt(R"(<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#d00000" stroke-width="1.5" stroke-dasharray="4 3"/>)"
             "\n",
             x, kTop - 4, x, chart_bottom);
    o += fmt(R"(<text x="%.1f" y="%d" text-anchor="middle" font-size="11" fill="#d00000">)", x, chart_bottom + 14) +
         text::markup_escape(engine::format_utc_time(*options.at).substr(0, 10)) + "</text>\n";
  }

  int ly = chart_bottom + 34;
  for (std::size_t i = 0; i < legend.size(); ++i) {
    const int lx = 16 + static_cast<int>(i % 3) * 360;
    if (i > 0 && i % 3 == 0) ly += 20;
    o += fmt(R"(<rect x="%d" y="%d" width="18" height="12" rx="2" fill="%s"/>)", lx, ly - 10,
             std::string(legend[i].first).c_str());
    o += fmt(R"(<text x="%d" y="%d">)", lx + 24, ly) + text::markup_escape(legend[i].second) + "</text>\n";
  }
  o += "</svg>\n";
  return o;
}

}  // namespace assay::service::svg
