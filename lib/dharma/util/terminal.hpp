#pragma once
// Whether to colour output: only on a terminal, never with NO_COLOR or --no-color.
// (Whether -v asked for more detail is api::CommandContext::flags().verbose.)

#include <cstdio>

namespace dharma::util {

void set_color_disabled(bool disabled);
bool use_color(std::FILE* stream);

}  // namespace dharma::util
