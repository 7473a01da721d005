#pragma once
// Names generated code may use: Terraform identifiers and Kubernetes
// DNS-1123 names and label values, derived deterministically from blueprint names.

#include <string>

namespace dharma::render {

// [a-z0-9-], starting and ending alphanumeric, at most `max_length` long (DNS-1123 label).
std::string dns_label(const std::string& text, std::size_t max_length = 63);

// A Kubernetes label value: [A-Za-z0-9._-], alphanumeric at both ends, at most 63; may be empty.
std::string label_value(const std::string& text);

// A Kubernetes label key: `prefix/name` kept when valid, otherwise made safe with label_value().
std::string label_key(const std::string& text);

// A Terraform identifier: [A-Za-z0-9_-] not starting with a digit.
std::string terraform_identifier(const std::string& text);

}  // namespace dharma::render
