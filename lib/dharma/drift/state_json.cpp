// A SAX filter in front of nlohmann's own DOM builder. It follows where the
// parser is in a v4 state ({"resources": [{"mode", "instances": [{...}]}]})
// and drops, without building them:
//  * the top-level "outputs" and "check_results";
//  * each instance's "private" (provider blob), "dependencies",
//    "create_before_destroy", "identity" and "identity_schema_version";
//  * the "attributes", "attributes_flat", "sensitive_attributes" and
//    "identity" of instances of `mode: data` resources and of deposed
//    instances (counted, never compared), when "mode" (or "deposed") comes
//    before them, as Terraform writes it.
// Every other value, and every key the state reader checks for (version,
// format_version, values, kind, mode, deposed, index_key, status, ...), is
// kept, so the reader's checks and messages see what they saw before. The
// lexer and the DOM builder are nlohmann's, so a parse error is the same
// exception with the same message and byte position.

#include "dharma/drift/state_json.hpp"

#include <string>
#include <vector>

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

enum class Role { other, root, resources, resource, instances, instance };

struct Frame {
  Role role;
  bool skip_data = false;  // a data resource, or a deposed instance: its values are never read
};

bool one_of(const std::string& key, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (key == name) {
      return true;
    }
  }
  return false;
}

class StateFilter {
 public:
  explicit StateFilter(Json& result) : m_dom(result, true) {}

  bool null() { return m_skip > 0 ? skipped_scalar() : scalar_done(m_dom.null()); }
  bool boolean(bool value) { return m_skip > 0 ? skipped_scalar() : scalar_done(m_dom.boolean(value)); }
  bool number_integer(Json::number_integer_t value) {
    return m_skip > 0 ? skipped_scalar() : scalar_done(m_dom.number_integer(value));
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    return m_skip > 0 ? skipped_scalar() : scalar_done(m_dom.number_unsigned(value));
  }
  bool number_float(Json::number_float_t value, const Json::string_t& text) {
    return m_skip > 0 ? skipped_scalar() : scalar_done(m_dom.number_float(value, text));
  }
  bool string(Json::string_t& value) {
    if (m_skip > 0) {
      return skipped_scalar();
    }
    if (m_pending == Pending::mode && value == "data" && !m_frames.empty() &&
        m_frames.back().role == Role::resource) {
      m_frames.back().skip_data = true;
    }
    return scalar_done(m_dom.string(value));
  }
  bool binary(Json::binary_t& value) {
    return m_skip > 0 ? skipped_scalar() : scalar_done(m_dom.binary(value));
  }

  bool start_object(std::size_t size) {
    if (m_skip > 0) {
      ++m_skip;
      return true;
    }
    m_frames.push_back({child_role(true), false});
    m_pending = Pending::none;
    return m_dom.start_object(size);
  }
  bool end_object() { return m_skip > 0 ? skipped_end() : container_done(m_dom.end_object()); }
  bool start_array(std::size_t size) {
    if (m_skip > 0) {
      ++m_skip;
      return true;
    }
    m_frames.push_back({child_role(false), false});
    m_pending = Pending::none;
    return m_dom.start_array(size);
  }
  bool end_array() { return m_skip > 0 ? skipped_end() : container_done(m_dom.end_array()); }

  bool key(Json::string_t& name) {
    if (m_skip > 0) {
      return true;
    }
    m_pending = Pending::none;
    Frame& frame = m_frames.back();
    if (drops(frame, name)) {
      m_skip = 1;  // the value after this key is skipped; the key never reaches the DOM
      return true;
    }
    if (frame.role == Role::root && name == "resources") {
      m_pending = Pending::resources;
    } else if (frame.role == Role::resource && name == "instances") {
      m_pending = Pending::instances;
    } else if (frame.role == Role::resource && name == "mode") {
      m_pending = Pending::mode;
    } else if (frame.role == Role::instance && name == "deposed") {
      frame.skip_data = true;
    }
    return m_dom.key(name);
  }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
    return m_dom.parse_error(position, token, error);
  }

 private:
  enum class Pending { none, resources, instances, mode };

  // What the container being opened is, from its parent and the key before it.
  Role child_role(bool object) const {
    if (m_frames.empty()) {
      return object ? Role::root : Role::other;
    }
    const Role parent = m_frames.back().role;
    if (!object) {
      if (parent == Role::root && m_pending == Pending::resources) {
        return Role::resources;
      }
      if (parent == Role::resource && m_pending == Pending::instances) {
        return Role::instances;
      }
      return Role::other;
    }
    if (parent == Role::resources) {
      return Role::resource;
    }
    if (parent == Role::instances) {
      return Role::instance;
    }
    return Role::other;
  }

  bool drops(const Frame& frame, const std::string& name) const {
    if (frame.role == Role::root) {
      return one_of(name, {"outputs", "check_results"});
    }
    if (frame.role != Role::instance) {
      return false;
    }
    if (one_of(name,
               {"private", "dependencies", "create_before_destroy", "identity", "identity_schema_version"})) {
      return true;
    }
    const bool data = frame.skip_data || (m_frames.size() >= 3 && m_frames[m_frames.size() - 3].skip_data);
    return data && one_of(name, {"attributes", "attributes_flat", "sensitive_attributes"});
  }

  bool skipped_scalar() {
    if (m_skip == 1) {
      m_skip = 0;  // the dropped value was this scalar
    }
    return true;
  }
  bool skipped_end() {
    --m_skip;
    if (m_skip == 1) {
      m_skip = 0;  // the dropped container is closed
    }
    return true;
  }
  bool scalar_done(bool ok) {
    m_pending = Pending::none;
    return ok;
  }
  bool container_done(bool ok) {
    m_frames.pop_back();
    m_pending = Pending::none;
    return ok;
  }

  nlohmann::detail::json_sax_dom_parser<Json> m_dom;
  std::vector<Frame> m_frames;
  Pending m_pending = Pending::none;
  // 0: building; 1: the value after a dropped key is next; n > 1: inside it, n - 1 deep.
  int m_skip = 0;
};

}  // namespace

Json parse_state_json(std::string_view text) {
  Json result;
  StateFilter filter(result);
  Json::sax_parse(text.begin(), text.end(), &filter);
  return result;
}

}  // namespace dharma::drift
