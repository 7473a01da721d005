#pragma once
// The two event sources behind yaml::load (loader.hpp), each on its own, for
// the differential tests and the fuzz target (tests/unit/test_yaml_fast_scanner.cpp,
// tests/fuzz/fuzz_yaml_fast.cpp): libyaml's parser; and the subset scanner
// (fast_scanner.hpp), which gives nullptr when it declines the text or the
// tree builder has anything to report (load then reads the text with libyaml).

#include <string>
#include <string_view>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::yaml {

NodePtr load_with_libyaml(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics,
                          const LoadLimits& limits = {});
NodePtr load_with_fast_scanner(std::string_view text, const std::string& file_name,
                               const LoadLimits& limits = {});

}  // namespace dharma::yaml
