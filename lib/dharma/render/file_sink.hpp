#pragma once
// Where a renderer hands each file as soon as it is rendered (generate writes
// it to its staging folder at once, --check keeps it to compare), so no
// renderer holds every file of a large blueprint in memory. A file handed
// over before an error was reported is discarded by the caller.
//
// A FileStream takes one large file (main.tf) in pieces while it is being
// rendered, so not even that file is held whole: begin, then write for each
// piece in order, then end. A file begun and not ended (an error or an
// interrupt in between) is discarded by the caller as well.

#include <functional>
#include <string>
#include <string_view>

namespace dharma::render {

using FileSink = std::function<void(const std::string& name, std::string content)>;

class FileStream {
 public:
  virtual ~FileStream() = default;
  virtual void begin(const std::string& name) = 0;
  virtual void write(std::string_view piece) = 0;
  virtual void end() = 0;
};

}  // namespace dharma::render
