#pragma once
// The shipped YAML data parsed at build time: cmake/EmbedData.cmake generates
// the definition, which hands the built files to lib/dharma/preparsed/.

namespace dharma::cli {

void install_embedded_data();

}  // namespace dharma::cli
