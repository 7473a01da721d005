#pragma once
// Whether to colour output: only on a terminal, never with NO_COLOR or
// --no-color; and whether -v asked for more detail on stderr.

#include <cstdio>

namespace dharma::util {

void set_color_disabled(bool disabled);
bool use_color(std::FILE* stream);

void set_verbose(bool verbose);
bool verbose();

}  // namespace dharma::util
