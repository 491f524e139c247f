// bench_frame_ops, string and datetime columns: `s.str()` methods over words() / padded(),
// `s.dt()` fields, datetime plus a duration and to_datetime over hours() / date_text() (the
// rules are in frame_ops_data.hpp), each against a hand-written loop over std::string /
// std::int64_t nanoseconds.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <limits>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "frame_ops_data.hpp"
#include "hamilton/frame.hpp"

namespace {

using namespace frame_bench;

hamilton::Series word_series(std::size_t n) { return hamilton::Series(words(n), "w"); }

// ---- strings ----

void BM_PlainLoopStrContains(benchmark::State &state) {
  const std::vector<std::string> w = words(rows(state));
  run(state, [&] {
    std::vector<char> out(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) out[i] = w[i].find("an") != std::string::npos;
    return out;
  });
}

void BM_SeriesStrContains(benchmark::State &state) {
  const hamilton::Series s = word_series(rows(state));
  run(state, [&] { return s.str().contains("an", /*regex=*/false); });
}

// contains(r"_9[0-9]$") as a regular expression (std::regex, as the library uses).
void BM_PlainLoopStrContainsRegex(benchmark::State &state) {
  const std::vector<std::string> w = words(rows(state));
  const std::regex re("_9[0-9]$");
  run(state, [&] {
    std::vector<char> out(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) out[i] = std::regex_search(w[i], re);
    return out;
  });
}

void BM_SeriesStrContainsRegex(benchmark::State &state) {
  const hamilton::Series s = word_series(rows(state));
  run(state, [&] { return s.str().contains("_9[0-9]$"); });
}

void BM_PlainLoopStrStartswith(benchmark::State &state) {
  const std::vector<std::string> w = words(rows(state));
  run(state, [&] {
    std::vector<char> out(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) out[i] = w[i].starts_with("Ban");
    return out;
  });
}

void BM_SeriesStrStartswith(benchmark::State &state) {
  const hamilton::Series s = word_series(rows(state));
  run(state, [&] { return s.str().startswith("Ban"); });
}

void BM_PlainLoopStrEndswith(benchmark::State &state) {
  const std::vector<std::string> w = words(rows(state));
  run(state, [&] {
    std::vector<char> out(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) out[i] = w[i].ends_with("7");
    return out;
  });
}

void BM_SeriesStrEndswith(benchmark::State &state) {
  const hamilton::Series s = word_series(rows(state));
  run(state, [&] { return s.str().endswith("7"); });
}

template <bool Upper>
std::vector<std::string> change_case(const std::vector<std::string> &w) {
  std::vector<std::string> out(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::string s = w[i];
    for (char &c : s) {
      if constexpr (Upper) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      } else {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    }
    out[i] = std::move(s);
  }
  return out;
}

void BM_PlainLoopStrLower(benchmark::State &state) {
  const std::vector<std::string> w = words(rows(state));
  run(state, [&] { return change_case<false>(w); });
}

void BM_SeriesStrLower(benchmark::State &state) {
  const hamilton::Series s = word_series(rows(state));
  run(state, [&] { return s.str().lower(); });
}

void BM_PlainLoopStrUpper(benchmark::State &state) {
  const std::vector<std::string> w = words(rows(state));
  run(state, [&] { return change_case<true>(w); });
}

void BM_SeriesStrUpper(benchmark::State &state) {
  const hamilton::Series s = word_series(rows(state));
  run(state, [&] { return s.str().upper(); });
}

// len(): UTF-8 code points (bytes that do not continue a character).
void BM_PlainLoopStrLen(benchmark::State &state) {
  const std::vector<std::string> w = words(rows(state));
  run(state, [&] {
    std::vector<std::int64_t> out(w.size());
    for (std::size_t i = 0; i < w.size(); ++i)
      out[i] = std::count_if(w[i].begin(), w[i].end(),
                             [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return out;
  });
}

void BM_SeriesStrLen(benchmark::State &state) {
  const hamilton::Series s = word_series(rows(state));
  run(state, [&] { return s.str().len(); });
}

// replace("_", "-") as plain text.
void BM_PlainLoopStrReplace(benchmark::State &state) {
  const std::vector<std::string> w = words(rows(state));
  run(state, [&] {
    std::vector<std::string> out(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
      std::string r;
      std::size_t from = 0;
      for (std::size_t at; (at = w[i].find('_', from)) != std::string::npos; from = at + 1)
        r.append(w[i], from, at - from).push_back('-');
      r.append(w[i], from);
      out[i] = std::move(r);
    }
    return out;
  });
}

void BM_SeriesStrReplace(benchmark::State &state) {
  const hamilton::Series s = word_series(rows(state));
  run(state, [&] { return s.str().replace("_", "-"); });
}

// strip() of padded(): half the values have spaces at both ends.
void BM_PlainLoopStrStrip(benchmark::State &state) {
  const std::vector<std::string> w = padded(rows(state));
  run(state, [&] {
    std::vector<std::string> out(w.size());
    constexpr const char *ws = " \t\n\r\f\v";
    for (std::size_t i = 0; i < w.size(); ++i) {
      const std::size_t b = w[i].find_first_not_of(ws);
      if (b != std::string::npos) out[i] = w[i].substr(b, w[i].find_last_not_of(ws) - b + 1);
    }
    return out;
  });
}

void BM_SeriesStrStrip(benchmark::State &state) {
  const hamilton::Series s(padded(rows(state)), "w");
  run(state, [&] { return s.str().strip(); });
}

// ---- datetimes (hours(): one row an hour from 1970-01-01) ----

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

template <class F>
std::vector<std::int64_t> per_day(const std::vector<std::int64_t> &t, F &&f) {
  std::vector<std::int64_t> out(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) out[i] = f(floor_div(t[i], kDayNs));
  return out;
}

void BM_PlainLoopDtYear(benchmark::State &state) {
  const std::vector<std::int64_t> t = hours(rows(state));
  run(state, [&] { return per_day(t, [](std::int64_t d) { return civil_from_days(d).year; }); });
}

void BM_PlainLoopDtMonth(benchmark::State &state) {
  const std::vector<std::int64_t> t = hours(rows(state));
  run(state, [&] {
    return per_day(t, [](std::int64_t d) -> std::int64_t { return civil_from_days(d).month; });
  });
}

void BM_PlainLoopDtDay(benchmark::State &state) {
  const std::vector<std::int64_t> t = hours(rows(state));
  run(state, [&] {
    return per_day(t, [](std::int64_t d) -> std::int64_t { return civil_from_days(d).day; });
  });
}

// Monday = 0; 1970-01-01 was a Thursday.
constexpr std::int64_t weekday(std::int64_t d) { return ((d + 3) % 7 + 7) % 7; }

void BM_PlainLoopDtDayofweek(benchmark::State &state) {
  const std::vector<std::int64_t> t = hours(rows(state));
  run(state, [&] { return per_day(t, weekday); });
}

// ISO week: the week of the Thursday of the same Monday-to-Sunday week, counted in that
// Thursday's year.
void BM_PlainLoopDtIsoweek(benchmark::State &state) {
  const std::vector<std::int64_t> t = hours(rows(state));
  run(state, [&] {
    return per_day(t, [](std::int64_t d) {
      const std::int64_t thursday = d - weekday(d) + 3;
      const std::int64_t jan1 = days_from_civil(civil_from_days(thursday).year, 1, 1);
      return (thursday - jan1) / 7 + 1;
    });
  });
}

hamilton::Series time_series(std::size_t n) { return hamilton::Series::datetime(hours(n), "t"); }

void BM_SeriesDtYear(benchmark::State &state) {
  const hamilton::Series s = time_series(rows(state));
  run(state, [&] { return s.dt().year(); });
}

void BM_SeriesDtMonth(benchmark::State &state) {
  const hamilton::Series s = time_series(rows(state));
  run(state, [&] { return s.dt().month(); });
}

void BM_SeriesDtDay(benchmark::State &state) {
  const hamilton::Series s = time_series(rows(state));
  run(state, [&] { return s.dt().day(); });
}

void BM_SeriesDtDayofweek(benchmark::State &state) {
  const hamilton::Series s = time_series(rows(state));
  run(state, [&] { return s.dt().dayofweek(); });
}

void BM_SeriesDtIsoweek(benchmark::State &state) {
  const hamilton::Series s = time_series(rows(state));
  run(state, [&] { return s.dt().isoweek(); });
}

// s + 7 days (NaT stays NaT).
void BM_PlainLoopDtPlusDays(benchmark::State &state) {
  const std::vector<std::int64_t> t = hours(rows(state));
  run(state, [&] {
    std::vector<std::int64_t> out(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) out[i] = t[i] == kNaT ? kNaT : t[i] + 7 * kDayNs;
    return out;
  });
}

void BM_SeriesDtPlusDays(benchmark::State &state) {
  const hamilton::Series s = time_series(rows(state));
  run(state, [&] { return s + std::chrono::days{7}; });
}

// to_datetime(date_text(), "%d/%m/%Y %H:%M"): the fields read with std::from_chars.
void BM_PlainLoopToDatetime(benchmark::State &state) {
  const std::vector<std::string> text = date_text(rows(state));
  run(state, [&] {
    std::vector<std::int64_t> out(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char *p = text[i].data();
      const char *end = p + text[i].size();
      unsigned day = 0, month = 0, hour = 0, minute = 0;
      std::int64_t year = 0;
      p = std::from_chars(p, end, day).ptr + 1;
      p = std::from_chars(p, end, month).ptr + 1;
      p = std::from_chars(p, end, year).ptr + 1;
      p = std::from_chars(p, end, hour).ptr + 1;
      std::from_chars(p, end, minute);
      out[i] = days_from_civil(year, month, day) * kDayNs + hour * kHourNs +
               static_cast<std::int64_t>(minute) * 60'000'000'000;
    }
    return out;
  });
}

void BM_SeriesToDatetime(benchmark::State &state) {
  const hamilton::Series s(date_text(rows(state)), "d");
  run(state, [&] { return hamilton::to_datetime(s, "%d/%m/%Y %H:%M"); });
}

}  // namespace

BENCHMARK(BM_PlainLoopStrContains)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrContains)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopStrContainsRegex)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrContainsRegex)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopStrStartswith)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrStartswith)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopStrEndswith)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrEndswith)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopStrLower)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrLower)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopStrUpper)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrUpper)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopStrLen)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrLen)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopStrReplace)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrReplace)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopStrStrip)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesStrStrip)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopDtYear)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesDtYear)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopDtMonth)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesDtMonth)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopDtDay)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesDtDay)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopDtDayofweek)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesDtDayofweek)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopDtIsoweek)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesDtIsoweek)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopDtPlusDays)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesDtPlusDays)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopToDatetime)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesToDatetime)->Arg(1000)->Arg(1000000);
