#pragma once
// Manual pages in roff (man(7) macros) from a CommandSpec: dharma(1) for the
// program (global options, the command families, exit status, environment)
// and dharma-FAMILY(1) for each top-level command with every subcommand's
// usage, arguments and options. Deterministic: no date, so the same binary
// always writes the same pages.

#include <string>
#include <vector>

#include "dharma/cli_spec/command_spec.hpp"

namespace dharma::cli_spec {

struct ManPage {
  std::string file_name;  // "dharma.1", "dharma-blueprint.1"
  std::string text;
};

// One page for `root` and one per subcommand of it; `version` goes into each page's header.
std::vector<ManPage> man_pages(const CommandSpec& root, const std::string& version);

// `text` escaped for roff: backslashes, hyphens, and a leading '.' or '\''.
std::string roff_escape(const std::string& text);

}  // namespace dharma::cli_spec
