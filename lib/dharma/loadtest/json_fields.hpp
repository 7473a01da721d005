#pragma once
// Typed reads of the fields of a report's JSON, each failing with a
// JsonShapeError that names the JSON pointer of the field (`where` is the
// pointer of `object`), so a hand-edited or foreign file gets a message that
// says what is wrong and where.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "dharma/loadtest/json_shape_error.hpp"

namespace dharma::loadtest::json_fields {

// The member `key` of `object`; throws when `object` is not an object or lacks it.
const nlohmann::json& member(const nlohmann::json& object, const std::string& key, const std::string& where);
// Like member, but returns nullptr when the key is absent.
const nlohmann::json* optional_member(const nlohmann::json& object, const std::string& key,
                                      const std::string& where);

std::int64_t integer(const nlohmann::json& object, const std::string& key, const std::string& where);
std::uint64_t count(const nlohmann::json& object, const std::string& key, const std::string& where);
double number(const nlohmann::json& object, const std::string& key, const std::string& where);
std::string text(const nlohmann::json& object, const std::string& key, const std::string& where);
bool boolean(const nlohmann::json& object, const std::string& key, const std::string& where);
// `value` itself must be an array (at `where`).
const nlohmann::json& array(const nlohmann::json& value, const std::string& where);

// The pointer of `key` below `where`, escaped per RFC 6901.
std::string child(const std::string& where, const std::string& key);
std::string child(const std::string& where, std::size_t index);

}  // namespace dharma::loadtest::json_fields
