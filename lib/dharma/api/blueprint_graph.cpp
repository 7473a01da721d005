// Renders the dependency graph. Edges point from a dependency to the
// resources that need it ("vpc -> subnet_a": vpc comes first), nodes and
// edges in topological order so output is stable.

#include <algorithm>
#include <iomanip>

#include "dharma/api/blueprint_commands.hpp"

namespace dharma::api {
namespace {

std::string dot_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

int blueprint_graph(const BlueprintOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const std::string& format = options.format;
  const auto resolved = load_blueprint_or_exit(context, options.file, options.resolve);
  const auto& order = resolved.topological_order;
  if (format == "dot") {
    out << "digraph " << dot_quote(resolved.metadata.name) << " {\n  rankdir=LR;\n  node [shape=box];\n";
    for (const auto& name : order) {
      const auto* resource = resolved.find_resource(name);
      out << "  " << dot_quote(name) << " [label=" << dot_quote(name + "\\n" + resource->type) << "];\n";
    }
    for (const auto& name : order) {
      for (const auto& dependency : resolved.find_resource(name)->dependencies) {
        out << "  " << dot_quote(dependency) << " -> " << dot_quote(name) << ";\n";
      }
    }
    out << "}\n";
  } else if (format == "mermaid") {
    out << "graph LR\n";
    for (const auto& name : order) {
      out << "  " << name << "[\"" << name << "<br/>" << resolved.find_resource(name)->type << "\"]\n";
    }
    for (const auto& name : order) {
      for (const auto& dependency : resolved.find_resource(name)->dependencies) {
        out << "  " << dependency << " --> " << name << "\n";
      }
    }
  } else {
    std::size_t width = 0;
    std::size_t type_width = 0;
    for (const auto& resource : resolved.resources) {
      width = std::max(width, resource.name.size());
      type_width = std::max(type_width, resource.type.size());
    }
    out << resolved.metadata.name << ": " << resolved.resources.size() << " resources in "
        << resolved.levels.size() << " level" << (resolved.levels.size() == 1 ? "" : "s")
        << " (each level needs only the levels above it)\n";
    for (const auto& level : resolved.levels) {
      out << "level " << level.level << ":\n";
      for (const auto& name : level.resources) {
        const auto* resource = resolved.find_resource(name);
        out << "  " << std::left << std::setw(static_cast<int>(width)) << name << "  ";
        if (resource->dependencies.empty()) {
          out << resource->type;
        } else {
          out << std::setw(static_cast<int>(type_width)) << resource->type << "  after ";
          for (std::size_t i = 0; i < resource->dependencies.size(); ++i) {
            out << (i ? ", " : "") << resource->dependencies[i];
          }
        }
        out << "\n";
      }
    }
  }
  return 0;
}

}  // namespace dharma::api
