#pragma once
// A RunReport as one JSON document ("format": "dharma-loadtest-report/1"):
// `--format json`, the files `loadtest merge` reads, and the stored runs.
// Histograms are kept (sparse buckets), so reading the document back gives
// exactly the report written; each tag also carries a derived "summary"
// (throughput, error rate, percentiles in µs) for people and scripts, which
// the reader ignores.

#include <nlohmann/json.hpp>
#include <string>

#include "dharma/loadtest/run_report.hpp"

namespace dharma::loadtest {

inline constexpr const char* k_report_format = "dharma-loadtest-report/1";

nlohmann::ordered_json report_to_json(const RunReport& report);
// report_to_json as pretty_json writes it (json_text.hpp): indented, number-only lists on one line.
std::string report_to_json_text(const RunReport& report);

// Reads a document report_to_json wrote. Throws JsonShapeError (the JSON
// pointer and what is wrong) for any other shape or format tag.
RunReport report_from_json(const nlohmann::json& json);
// Parses `text` read from `file_name`. A parse error or a wrong shape is a
// util::DiagnosedError, exit 2, located at `file_name:line:col` for syntax
// and `file_name` plus the JSON pointer for shape.
RunReport report_from_json_text(const std::string& text, const std::string& file_name);

}  // namespace dharma::loadtest
