#pragma once
// A Terraform resource's address without module and index, TYPE.NAME
// (aws_subnet.a), put together in one allocation: desired and actual
// resources hold their type and name as views and build it on demand.

#include <string>
#include <string_view>

namespace dharma::drift {

inline std::string base_address_of(std::string_view type, std::string_view name) {
  std::string base;
  base.reserve(type.size() + 1 + name.size());
  base += type;
  base += '.';
  base += name;
  return base;
}

}  // namespace dharma::drift
