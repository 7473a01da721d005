#pragma once
// The shipped YAML data parsed at build time (cmake/EmbedData.cmake writes the
// definition): makes lib/dharma/preparsed/ recognise those files.

#include "dharma/preparsed/data_files.hpp"

namespace dharma::cli {

void install_embedded_data();

}  // namespace dharma::cli
