// The state reader. A v4 state is {"version": 4, "resources": [{"mode",
// "type", "name", "module"?, "instances": [{"index_key"?, "status"?,
// "deposed"?, "attributes" | "attributes_flat", "sensitive_attributes"?}]}]};
// each instance becomes one ActualResource addressed the way Terraform
// prints it. `terraform show -json` nests resources under
// values.root_module and its child_modules, with addresses already written
// out. Data sources are counted and dropped; deposed objects (the old half
// of a create_before_destroy replacement) are counted and dropped too, since
// the current object is what runs. The file is read by drift's own JSON
// reader into compact values (value.hpp). A regular file is mapped
// (util::MappedFile): its strings view the page cache's pages and the
// mapping lives with the state's arena, so reading takes no fresh memory
// for the text or its strings. Standard input and pipes are read in
// pieces cut at newlines and their strings copied into the state's arena
// (equal short ones sharing a copy), the pieces freed on return. The
// resources' attributes are those values, never copied again.

#include "dharma/drift/terraform_state.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "dharma/drift/json_reader.hpp"
#include "dharma/drift/state_json.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/mapped_file.hpp"
#include "dharma/util/text.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

// The state's arena grows to blocks of at most this size, which fit into
// the holes the renderer's freed model left in the heap (drift reads the
// state after it): at 10,000 resources parsing then adds 0.2 MB to the
// resident set instead of 18.6 MB (64 KiB blocks: 14.5 MB).
constexpr std::size_t k_largest_block = std::size_t{1} << 13;

const char* const k_what_to_do =
    "give a Terraform state file (terraform.tfstate, format version 4) or the output of `terraform show "
    "-json`";

[[noreturn]] void refuse(const std::string& source, const std::string& message) {
  throw util::Error(source + ": " + message);
}

std::string index_suffix(const Json& index) {
  if (index.is_number_integer()) {
    return "[" + std::to_string(index.get<long long>()) + "]";
  }
  if (index.is_string()) {
    return "[" + Json(index.get<std::string>()).dump() + "]";
  }
  return "";
}

void add(ActualState& state, ActualResource resource) {
  if (const ActualResource* first = state.find(resource.address)) {
    refuse(std::string(resource.source),
           "the address " + std::string(resource.address) + " is already in " +
               (first->source == resource.source ? "this state" : std::string(first->source)) +
               "; give each state file once, and states that do not overlap");
  }
  state.add(std::move(resource));
}

const Value k_none;  // an absent member, as at() gives it

// The member `key` of `object`, or null.
const Value& at(const Value& object, std::string_view key) {
  static const Value none;
  const Value* found = object.find(key);
  return found == nullptr ? none : *found;
}

bool has(const Value& object, std::string_view key) {
  return object.find(key) != nullptr;
}

// A string member already found (nullptr: absent) as value_string reads
// it, without the copy: a view of the state's text, or `fallback`.
std::string_view view_or(const Value* found, std::string_view fallback) {
  if (found == nullptr) {
    return fallback;
  }
  if (!found->is_string()) {
    (void)to_json(*found).get<std::string>();  // throws nlohmann's type_error, as value_string
  }
  return found->as_string();
}

// As nlohmann's `object.value(key, fallback)` for a string, which the
// reader used before: `fallback` when absent, and nlohmann's type_error
// (same message) when the member is not a string.
std::string value_string(const Value& object, std::string_view key, const std::string& fallback) {
  const Value* found = object.find(key);
  if (found == nullptr) {
    return fallback;
  }
  if (!found->is_string()) {
    return to_json(*found).get<std::string>();  // throws
  }
  return std::string(found->as_string());
}

// Calls `each` for what a range-for over the nlohmann value would visit:
// a list's items, an object's values, a scalar itself, nothing for null.
template <class Each>
void for_each_element(const Value& value, Each each) {
  if (value.is_array()) {
    for (const Value* it = value.begin_items(); it != value.end_items(); ++it) {
      each(*it);
    }
  } else if (value.is_object()) {
    for (const Member* it = value.begin_members(); it != value.end_members(); ++it) {
      each(it->value);
    }
  } else if (!value.is_null()) {
    each(value);
  }
}

// `sensitive_attributes` is a list of paths, each a list of steps
// [{"type": "get_attr", "value": "password"}, ...]; the first step names the attribute.
std::set<std::string> sensitive_names(const Value& paths) {
  std::set<std::string> names;
  for (const Value* path = paths.begin_items(); path != paths.end_items(); ++path) {
    if (!path->is_array() || path->empty() || !(*path)[0].is_object()) {
      continue;
    }
    const Value& step = (*path)[0];
    const Value& value = at(step, "value");
    if (value_string(step, "type", "") == "get_attr" && value.is_string()) {
      names.insert(std::string(value.as_string()));
    }
  }
  return names;
}

// show -json: sensitive_values mirrors values with `true` where a value is sensitive.
std::set<std::string> sensitive_from_mirror(const Value& mirror) {
  std::set<std::string> names;
  for (const Member* it = mirror.begin_members(); it != mirror.end_members(); ++it) {
    if (it->value.is_boolean() && it->value.as_bool()) {
      names.insert(std::string(it->key));
    }
  }
  return names;
}

std::string required_string(const Value& object, const char* key, const std::string& source,
                            const std::string& where) {
  const Value& value = at(object, key);
  if (!value.is_string() || value.as_string().empty()) {
    refuse(source, where + " has no '" + key + "' string; the file is damaged or not a Terraform state");
  }
  return std::string(value.as_string());
}

void read_v4(const Value& document, const std::string& source, ActualState& state, ValueArena& arena) {
  if (!has(document, "resources")) {
    return;  // an empty state (terraform init, nothing applied) has no resources key in some versions
  }
  const Value& resources = at(document, "resources");
  if (!resources.is_array()) {
    refuse(source, "'resources' must be a list; the file is damaged or not a Terraform state");
  }
  // Room for every instance at once (the resources are not moved as the list grows).
  std::size_t instance_count = 0;
  for (const Value* entry = resources.begin_items(); entry != resources.end_items(); ++entry) {
    if (const Value* instances = entry->find("instances"); instances != nullptr && instances->is_array()) {
      instance_count += instances->size();
    }
  }
  state.reserve(instance_count);
  const std::string_view kept_source = arena.copy(source);
  std::string address;
  std::size_t position = 0;
  for (const Value* entry = resources.begin_items(); entry != resources.end_items(); ++entry, ++position) {
    // Where the entry is, for a message: built only when one is given.
    const auto where = [position] { return "resources[" + std::to_string(position) + "]"; };
    if (!entry->is_object()) {
      refuse(source, where() + " is not an object; the file is damaged or not a Terraform state");
    }
    // The members read, found in one pass over the entry (keys asked in order).
    MemberCursor entry_members(*entry);
    const Value* instances_found = entry_members.find("instances");
    const Value* mode_found = entry_members.find("mode");
    const Value* module_found = entry_members.find("module");
    const Value* name_found = entry_members.find("name");
    const Value* type_found = entry_members.find("type");
    const bool data = view_or(mode_found, "managed") == "data";
    const Value& type_value = type_found != nullptr ? *type_found : k_none;
    const Value& name_value = name_found != nullptr ? *name_found : k_none;
    // Views of the document's strings (in the state's arena, or the file's
    // text it keeps): each instance's resource shares them.
    const std::string_view type = type_value.is_string() && !type_value.as_string().empty()
                                      ? type_value.as_string()
                                      : state.keep(required_string(*entry, "type", source, where()));
    const std::string_view name = name_value.is_string() && !name_value.as_string().empty()
                                      ? name_value.as_string()
                                      : state.keep(required_string(*entry, "name", source, where()));
    const std::string_view module =
        module_found != nullptr && module_found->is_string() ? module_found->as_string() : std::string_view();
    if (instances_found == nullptr) {
      continue;
    }
    const Value& instances = *instances_found;
    if (!instances.is_array()) {
      refuse(source, where() + ".instances must be a list; the file is damaged or not a Terraform state");
    }
    for (const Value* instance = instances.begin_items(); instance != instances.end_items(); ++instance) {
      if (!instance->is_object()) {
        refuse(source, where() + " has an instance that is not an object; the file is damaged");
      }
      if (data) {
        ++state.data_sources;
        continue;
      }
      // The members read, found in one pass over the instance (keys asked in order).
      MemberCursor members(*instance);
      const Value* attributes_found = members.find("attributes");
      const Value* flat_found = members.find("attributes_flat");
      const Value* deposed_found = members.find("deposed");
      const Value* index_found = members.find("index_key");
      const Value* sensitive_found = members.find("sensitive_attributes");
      const Value* status_found = members.find("status");
      if (deposed_found != nullptr) {
        ++state.deposed;
        continue;
      }
      ActualResource resource;
      resource.module = module;
      resource.type = type;
      resource.name = name;
      resource.index = index_found != nullptr ? to_json(*index_found) : Json();
      if (!resource.index.is_null() && !resource.index.is_number_integer() && !resource.index.is_string()) {
        refuse(source, where() + " has an index_key that is neither a number nor a string");
      }
      // module.type.name[index], built in one reused buffer and copied into the arena
      const std::string suffix = index_suffix(resource.index);
      address.clear();
      if (!module.empty()) {
        address += module;
        address += '.';
      }
      address += type;
      address += '.';
      address += name;
      address += suffix;
      resource.address = arena.copy(address);
      const Value& attributes = attributes_found != nullptr ? *attributes_found : k_none;
      const Value& flat = flat_found != nullptr ? *flat_found : k_none;
      if (attributes.is_object()) {
        resource.attributes = attributes;  // a view: the nodes stay in the state's arena
      } else if (flat.is_object()) {
        resource.attributes = from_json(unflatten_attributes(to_json(flat)), arena);
      }
      if (sensitive_found != nullptr) {
        resource.sensitive = sensitive_names(*sensitive_found);
      }
      resource.tainted = view_or(status_found, "") == "tainted";
      resource.source = kept_source;
      add(state, std::move(resource));
    }
  }
}

void read_show_module(const Value& module, const std::string& source, ActualState& state, int depth) {
  if (!module.is_object() || depth > 64) {
    return;
  }
  const std::string module_address = value_string(module, "address", "");
  for_each_element(at(module, "resources"), [&](const Value& item) {
    const Value* entry = &item;
    if (!entry->is_object()) {
      return;
    }
    if (value_string(*entry, "mode", "managed") == "data") {
      ++state.data_sources;
      return;
    }
    if (has(*entry, "deposed_key")) {
      ++state.deposed;
      return;
    }
    ActualResource resource;
    const std::string type = required_string(
        *entry, "type", source, "a resource of " + (module_address.empty() ? "root_module" : module_address));
    const std::string name = required_string(*entry, "name", source, "resource " + type);
    resource.module = state.keep(module_address);
    resource.type = state.keep(type);
    resource.name = state.keep(name);
    resource.index = has(*entry, "index") ? to_json(at(*entry, "index")) : Json();
    resource.address = state.keep(value_string(*entry, "address",
                                               (module_address.empty() ? "" : module_address + ".") + type +
                                                   "." + name + index_suffix(resource.index)));
    const Value& values = at(*entry, "values");
    if (values.is_object()) {
      resource.attributes = values;
    }
    if (has(*entry, "sensitive_values")) {
      resource.sensitive = sensitive_from_mirror(at(*entry, "sensitive_values"));
    }
    const Value* tainted = entry->find("tainted");
    // As nlohmann's value("tainted", false): a type_error when it is not a boolean.
    resource.tainted = tainted != nullptr && to_json(*tainted).get<bool>();
    resource.source = state.keep(source);
    add(state, std::move(resource));
  });
  for_each_element(at(module, "child_modules"),
                   [&](const Value& child) { read_show_module(child, source, state, depth + 1); });
}

// Names what a JSON document that is not a usable state is, for the message.
[[noreturn]] void refuse_other(const Value& document, const std::string& source) {
  if (!document.is_object()) {
    refuse(source,
           std::string("is a JSON ") + document.type_name() + ", not a Terraform state; " + k_what_to_do);
  }
  if (has(document, "planned_values") || has(document, "resource_changes")) {
    refuse(source, std::string("is a Terraform plan (`terraform show -json PLANFILE`), not a state; ") +
                       k_what_to_do);
  }
  if (has(document, "kind") && has(document, "apiVersion")) {
    refuse(source, "is a Kubernetes object (kind " + to_json(at(document, "kind")).dump() +
                       "), not a Terraform state; pass Kubernetes objects with --k8s");
  }
  if (has(document, "format_version") && !has(document, "values")) {
    refuse(source,
           "is `terraform show -json` output of an empty state (no 'values'); apply the configuration first, "
           "or " +
               std::string(k_what_to_do));
  }
  refuse(source, std::string("is JSON but not a Terraform state (no 'version' and 'resources', no "
                             "'values.root_module'); ") +
                     k_what_to_do);
}

// The document held in `pieces` as a Value whose nodes and strings are
// all in `arena` (nothing views the pieces). The dedicated reader gives no message:
// when it refuses, nlohmann's parser reads the text again for its error
// (thrown, with its byte position); should nlohmann accept it, its tree is
// used.
Value parse_state(const std::vector<std::string>& pieces, ValueArena& arena) {
  Value document;
  if (read_json_pieces(pieces, arena, document)) {
    return document;
  }
  std::string text;
  for (const auto& piece : pieces) {
    text += piece;
  }
  return from_json(parse_state_json(text), arena);
}

// The same for a text the arena keeps (a mapped file): strings without
// escapes view it.
Value parse_state(std::string_view text, ValueArena& arena) {
  Value document;
  if (read_json(text, arena, document, JsonStrings::view)) {
    return document;
  }
  return from_json(parse_state_json(text), arena);
}

// Adds the resources of a state document to `state`; `arena` holds its values.
void read_document(const Value& document, std::shared_ptr<ValueArena> arena, const std::string& source,
                   ActualState& state);

// Parses with `parse` (one of parse_state's), refusing text that is not JSON with nlohmann's message.
template <typename Parse>
Value parse_or_refuse(const std::string& source, Parse&& parse) {
  try {
    return parse();
  } catch (const Json::parse_error& error) {
    std::string what = error.what();
    const auto colon = what.find("parse error");
    refuse(source, "is not valid JSON (" + (colon == std::string::npos ? what : what.substr(colon)) +
                       "), perhaps cut short while it was written; " + k_what_to_do);
  }
}

}  // namespace

void read_terraform_state(std::string text, const std::string& source, ActualState& state) {
  std::vector<std::string> pieces;
  pieces.push_back(std::move(text));
  read_terraform_state(std::move(pieces), source, state);
}

std::vector<std::string> read_state_pieces(const std::string& path, std::size_t max_bytes) {
  constexpr std::size_t k_piece = 4096;  // a piece is cut at the last newline once this much is read
  std::error_code ec;
  const bool regular = path != "-" && fs::is_regular_file(path, ec);
  const auto size = regular ? fs::file_size(path, ec) : 0;
  std::ifstream in;
  if (regular && !ec && size <= max_bytes) {
    in.open(path, std::ios::binary);
  }
  std::vector<std::string> pieces;
  if (!in.is_open()) {
    pieces.push_back(util::read_file(path, max_bytes));  // its message, or what it reads
    return pieces;
  }
  std::string current;
  std::size_t last_newline = std::string::npos;  // in `current`
  std::size_t total = 0;
  for (;;) {
    const std::size_t kept = current.size();
    current.resize(kept + k_piece);
    in.read(current.data() + kept, static_cast<std::streamsize>(k_piece));
    const auto got = static_cast<std::size_t>(in.gcount());
    current.resize(kept + got);
    total += got;
    if (total > max_bytes) {
      pieces.clear();
      pieces.push_back(util::read_file(path, max_bytes));  // grown while read: its message
      return pieces;
    }
    if (got == 0) {
      break;
    }
    // Only the bytes just read are searched (what was kept was searched before): each byte once.
    const void* found = memrchr(current.data() + kept, '\n', got);
    if (found != nullptr) {
      last_newline = static_cast<std::size_t>(static_cast<const char*>(found) - current.data());
    }
    if (current.size() >= k_piece) {
      if (last_newline + 1 == current.size()) {
        pieces.push_back(std::move(current));  // ends with its newline: no copy (a long line)
        current.clear();
        last_newline = std::string::npos;
      } else if (last_newline != std::string::npos) {
        pieces.emplace_back(current, 0, last_newline + 1);
        current.erase(0, last_newline + 1);
        last_newline = std::string::npos;
      } else if (current.size() >= 16 * k_piece && current.capacity() < size) {
        // No newline in 64 KiB (compact JSON, `terraform show -json`): the rest in one block,
        // allocated once, as util::read_file would.
        current.reserve(current.size() + (size - total));
      }
    }
  }
  if (in.bad()) {
    throw util::Error(path + ": cannot read file: " + std::strerror(errno));
  }
  if (!current.empty()) {
    pieces.push_back(std::move(current));
  }
  return pieces;
}

void read_terraform_state(std::vector<std::string> pieces, const std::string& source, ActualState& state) {
  auto arena = std::make_shared<ValueArena>(1 << 16, k_largest_block);
  const Value document = parse_or_refuse(source, [&] { return parse_state(pieces, *arena); });
  read_document(document, std::move(arena), source, state);
}

void read_terraform_state_file(const std::string& path, std::size_t max_bytes, ActualState& state) {
  auto file = util::MappedFile::open(path, max_bytes);
  if (file == nullptr) {
    read_terraform_state(read_state_pieces(path, max_bytes), path, state);
    return;
  }
  auto arena = std::make_shared<ValueArena>(1 << 16, k_largest_block);
  const std::string_view text = arena->keep(std::move(file));
  const Value document = parse_or_refuse(path, [&] { return parse_state(text, *arena); });
  read_document(document, std::move(arena), path, state);
}

namespace {

void read_document(const Value& document, std::shared_ptr<ValueArena> arena, const std::string& source,
                   ActualState& state) {
  state.sources.push_back(source);
  state.arenas.push_back(arena);
  const Value& version = at(document, "version");
  if (document.is_object() && version.is_number()) {
    if (!version.is_integer()) {
      refuse(source, "has a state format version that is not a whole number");
    }
    const long long number = static_cast<long long>(version.as_int());
    if (number <= 3) {
      refuse(source,
             "is a Terraform state of format version " + std::to_string(number) +
                 " (Terraform 0.11 or older), which dharma does not read; upgrade it with Terraform 0.12 or "
                 "later (`terraform init` then `terraform apply -refresh-only`), or pass `terraform show "
                 "-json` output instead");
    }
    if (number > 4) {
      refuse(source,
             "is a Terraform state of format version " + std::to_string(number) +
                 ", newer than the version 4 dharma reads; pass `terraform show -json` output instead");
    }
    read_v4(document, source, state, *arena);
    return;
  }
  if (document.is_object() && has(document, "format_version") && has(document, "values")) {
    const Value& values = at(document, "values");
    if (!values.is_object() || !has(values, "root_module")) {
      refuse(source,
             "is `terraform show -json` output without values.root_module; " + std::string(k_what_to_do));
    }
    read_show_module(at(values, "root_module"), source, state, 0);
    return;
  }
  refuse_other(document, source);
}

}  // namespace

namespace {

// The distinct first segments of `keys` (already stripped of a common prefix).
Json build_flat(const std::map<std::string, std::string>& flat, const std::string& prefix, int depth);

Json flat_value(const std::map<std::string, std::string>& flat, const std::string& key, int depth) {
  if (flat.count(key + ".#") != 0) {
    Json list = Json::array();
    std::set<std::string> indexes;
    const std::string start = key + ".";
    for (auto it = flat.lower_bound(start); it != flat.end() && util::starts_with(it->first, start); ++it) {
      const std::string rest = it->first.substr(start.size());
      const std::string first = rest.substr(0, rest.find('.'));
      if (first != "#") {
        indexes.insert(first);
      }
    }
    // Numeric order for lists; set hashes (old flatmap sets) in any stable order.
    std::vector<std::string> ordered(indexes.begin(), indexes.end());
    std::stable_sort(ordered.begin(), ordered.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    for (const auto& index : ordered) {
      const auto exact = flat.find(start + index);
      list.push_back(exact != flat.end() ? Json(exact->second)
                                         : build_flat(flat, start + index + ".", depth + 1));
    }
    return list;
  }
  if (flat.count(key + ".%") != 0) {
    Json map = Json::object();
    const std::string start = key + ".";
    for (auto it = flat.lower_bound(start); it != flat.end() && util::starts_with(it->first, start); ++it) {
      const std::string rest = it->first.substr(start.size());
      if (rest != "%") {
        map[rest] = it->second;
      }
    }
    return map;
  }
  const auto it = flat.find(key);
  return it == flat.end() ? Json() : Json(it->second);
}

Json build_flat(const std::map<std::string, std::string>& flat, const std::string& prefix, int depth) {
  Json object = Json::object();
  if (depth > 32) {
    return object;
  }
  std::set<std::string> names;
  for (auto it = flat.lower_bound(prefix); it != flat.end() && util::starts_with(it->first, prefix); ++it) {
    const std::string rest = it->first.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('.')));
  }
  for (const auto& name : names) {
    object[name] = flat_value(flat, prefix + name, depth);
  }
  return object;
}

}  // namespace

Json unflatten_attributes(const Json& flat) {
  std::map<std::string, std::string> entries;
  for (const auto& [key, value] : flat.items()) {
    entries[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return build_flat(entries, "", 0);
}

}  // namespace dharma::drift
