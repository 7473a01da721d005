#pragma once
// A JSON document that parses but does not have the shape a report reader
// expects. `pointer` is the JSON pointer (RFC 6901) of the offending value,
// so the message can say where in the file the problem is.

#include <stdexcept>
#include <string>

namespace dharma::loadtest {

class JsonShapeError : public std::runtime_error {
 public:
  JsonShapeError(std::string pointer, const std::string& message)
      : std::runtime_error(message), m_pointer(std::move(pointer)) {}
  const std::string& pointer() const { return m_pointer; }

 private:
  std::string m_pointer;
};

}  // namespace dharma::loadtest
