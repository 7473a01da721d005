#pragma once
// Where a renderer hands each file as soon as it is rendered (generate writes
// it to its staging folder at once, --check keeps it to compare), so no
// renderer holds every file of a large blueprint in memory. A file handed
// over before an error was reported is discarded by the caller.

#include <functional>
#include <string>

namespace dharma::render {

using FileSink = std::function<void(const std::string& name, std::string content)>;

}  // namespace dharma::render
