// The state reader. A v4 state is {"version": 4, "resources": [{"mode",
// "type", "name", "module"?, "instances": [{"index_key"?, "status"?,
// "deposed"?, "attributes" | "attributes_flat", "sensitive_attributes"?}]}]};
// each instance becomes one ActualResource addressed the way Terraform
// prints it. `terraform show -json` nests resources under
// values.root_module and its child_modules, with addresses already written
// out. Data sources are counted and dropped; deposed objects (the old half
// of a create_before_destroy replacement) are counted and dropped too, since
// the current object is what runs.

#include "dharma/drift/terraform_state.hpp"

#include <algorithm>

#include "dharma/drift/state_json.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

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
  const auto [it, inserted] = state.by_address.emplace(resource.address, state.resources.size());
  if (!inserted) {
    const auto& first = state.resources[it->second];
    refuse(resource.source, "the address " + resource.address + " is already in " +
                                (first.source == resource.source ? "this state" : first.source) +
                                "; give each state file once, and states that do not overlap");
  }
  state.resources.push_back(std::move(resource));
}

// `sensitive_attributes` is a list of paths, each a list of steps
// [{"type": "get_attr", "value": "password"}, ...]; the first step names the attribute.
std::set<std::string> sensitive_names(const Json& paths) {
  std::set<std::string> names;
  if (!paths.is_array()) {
    return names;
  }
  for (const auto& path : paths) {
    if (path.is_array() && !path.empty() && path[0].is_object() && path[0].value("type", "") == "get_attr" &&
        path[0].contains("value") && path[0]["value"].is_string()) {
      names.insert(path[0]["value"].get<std::string>());
    }
  }
  return names;
}

// show -json: sensitive_values mirrors values with `true` where a value is sensitive.
std::set<std::string> sensitive_from_mirror(const Json& mirror) {
  std::set<std::string> names;
  if (mirror.is_object()) {
    for (const auto& [key, value] : mirror.items()) {
      if (value == true) {
        names.insert(key);
      }
    }
  }
  return names;
}

std::string required_string(const Json& object, const char* key, const std::string& source,
                            const std::string& where) {
  if (!object.contains(key) || !object[key].is_string() || object[key].get<std::string>().empty()) {
    refuse(source, where + " has no '" + key + "' string; the file is damaged or not a Terraform state");
  }
  return object[key].get<std::string>();
}

void read_v4(Json& document, const std::string& source, ActualState& state) {
  if (!document.contains("resources")) {
    return;  // an empty state (terraform init, nothing applied) has no resources key in some versions
  }
  Json& resources = document["resources"];
  if (!resources.is_array()) {
    refuse(source, "'resources' must be a list; the file is damaged or not a Terraform state");
  }
  std::size_t position = 0;
  for (auto& entry : resources) {
    const std::string where = "resources[" + std::to_string(position++) + "]";
    if (!entry.is_object()) {
      refuse(source, where + " is not an object; the file is damaged or not a Terraform state");
    }
    const std::string mode = entry.value("mode", "managed");
    const std::string type = required_string(entry, "type", source, where);
    const std::string name = required_string(entry, "name", source, where);
    const std::string module =
        entry.contains("module") && entry["module"].is_string() ? entry["module"].get<std::string>() : "";
    if (!entry.contains("instances")) {
      continue;
    }
    Json& instances = entry["instances"];
    if (!instances.is_array()) {
      refuse(source, where + ".instances must be a list; the file is damaged or not a Terraform state");
    }
    for (auto& instance : instances) {
      if (!instance.is_object()) {
        refuse(source, where + " has an instance that is not an object; the file is damaged");
      }
      if (mode == "data") {
        ++state.data_sources;
        continue;
      }
      if (instance.contains("deposed")) {
        ++state.deposed;
        continue;
      }
      ActualResource resource;
      resource.module = module;
      resource.type = type;
      resource.name = name;
      resource.index = instance.contains("index_key") ? instance["index_key"] : Json();
      if (!resource.index.is_null() && !resource.index.is_number_integer() && !resource.index.is_string()) {
        refuse(source, where + " has an index_key that is neither a number nor a string");
      }
      resource.address =
          (module.empty() ? "" : module + ".") + type + "." + name + index_suffix(resource.index);
      // Moved, not copied: the document is dropped after reading, and a
      // 10,000-instance state is most of what drift holds in memory.
      if (instance.contains("attributes") && instance["attributes"].is_object()) {
        resource.attributes = std::move(instance["attributes"]);
      } else if (instance.contains("attributes_flat") && instance["attributes_flat"].is_object()) {
        resource.attributes = unflatten_attributes(instance["attributes_flat"]);
      }
      if (instance.contains("sensitive_attributes")) {
        resource.sensitive = sensitive_names(instance["sensitive_attributes"]);
      }
      resource.tainted = instance.value("status", "") == "tainted";
      resource.source = source;
      add(state, std::move(resource));
    }
  }
}

void read_show_module(Json& module, const std::string& source, ActualState& state, int depth) {
  if (!module.is_object() || depth > 64) {
    return;
  }
  const std::string module_address = module.value("address", "");
  Json none = Json::array();
  for (auto& entry : module.contains("resources") ? module["resources"] : none) {
    if (!entry.is_object()) {
      continue;
    }
    if (entry.value("mode", "managed") == "data") {
      ++state.data_sources;
      continue;
    }
    if (entry.contains("deposed_key")) {
      ++state.deposed;
      continue;
    }
    ActualResource resource;
    resource.module = module_address;
    resource.type = required_string(
        entry, "type", source, "a resource of " + (module_address.empty() ? "root_module" : module_address));
    resource.name = required_string(entry, "name", source, "resource " + resource.type);
    resource.index = entry.contains("index") ? entry["index"] : Json();
    resource.address =
        entry.value("address", (module_address.empty() ? "" : module_address + ".") + resource.type + "." +
                                   resource.name + index_suffix(resource.index));
    if (entry.contains("values") && entry["values"].is_object()) {
      resource.attributes = std::move(entry["values"]);
    }
    if (entry.contains("sensitive_values")) {
      resource.sensitive = sensitive_from_mirror(entry["sensitive_values"]);
    }
    resource.tainted = entry.value("tainted", false) == true;
    resource.source = source;
    add(state, std::move(resource));
  }
  Json no_children = Json::array();
  for (auto& child : module.contains("child_modules") ? module["child_modules"] : no_children) {
    read_show_module(child, source, state, depth + 1);
  }
}

// Names what a JSON document that is not a usable state is, for the message.
[[noreturn]] void refuse_other(const Json& document, const std::string& source) {
  if (!document.is_object()) {
    refuse(source,
           std::string("is a JSON ") + document.type_name() + ", not a Terraform state; " + k_what_to_do);
  }
  if (document.contains("planned_values") || document.contains("resource_changes")) {
    refuse(source, std::string("is a Terraform plan (`terraform show -json PLANFILE`), not a state; ") +
                       k_what_to_do);
  }
  if (document.contains("kind") && document.contains("apiVersion")) {
    refuse(source, "is a Kubernetes object (kind " + document["kind"].dump() +
                       "), not a Terraform state; pass Kubernetes objects with --k8s");
  }
  if (document.contains("format_version") && !document.contains("values")) {
    refuse(source,
           "is `terraform show -json` output of an empty state (no 'values'); apply the configuration first, "
           "or " +
               std::string(k_what_to_do));
  }
  refuse(source, std::string("is JSON but not a Terraform state (no 'version' and 'resources', no "
                             "'values.root_module'); ") +
                     k_what_to_do);
}

}  // namespace

void read_terraform_state(std::string_view text, const std::string& source, ActualState& state) {
  Json document;
  try {
    document = parse_state_json(text);  // what drift never reads is not built (state_json.hpp)
  } catch (const Json::parse_error& error) {
    std::string what = error.what();
    const auto colon = what.find("parse error");
    refuse(source, "is not valid JSON (" + (colon == std::string::npos ? what : what.substr(colon)) +
                       "), perhaps cut short while it was written; " + k_what_to_do);
  }
  state.sources.push_back(source);
  if (document.is_object() && document.contains("version") && document["version"].is_number()) {
    const Json& version = document["version"];
    if (!version.is_number_integer() && !version.is_number_unsigned()) {
      refuse(source, "has a state format version that is not a whole number");
    }
    const long long number = version.get<long long>();
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
    read_v4(document, source, state);
    state.documents.push_back(std::move(document));
    return;
  }
  if (document.is_object() && document.contains("format_version") && document.contains("values")) {
    Json& values = document["values"];
    if (!values.is_object() || !values.contains("root_module")) {
      refuse(source,
             "is `terraform show -json` output without values.root_module; " + std::string(k_what_to_do));
    }
    read_show_module(values["root_module"], source, state, 0);
    state.documents.push_back(std::move(document));
    return;
  }
  refuse_other(document, source);
}

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
