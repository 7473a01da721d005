// `blueprint init`: copies the starter blueprint for a provider from
// templates/init/<provider>.yaml (data, so it is reviewed like the catalog),
// with the blueprint name filled in.

#include <filesystem>

#include "dharma/api/blueprint_commands.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {

int blueprint_init(const BlueprintOptions& options, CommandContext& context) {
  const std::string& name = options.name;
  const std::string& provider = options.provider;
  const std::string& output = options.out;
  bool valid_name = name.size() >= 2 && name.size() <= 63 && name[0] >= 'a' && name[0] <= 'z';
  for (char c : name) {
    valid_name = valid_name && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!valid_name) {
    throw util::Error("invalid blueprint name " + util::quoted(name) +
                      ": use 2-63 lower-case letters, digits and '-', starting with a letter");
  }
  std::vector<std::string> providers;
  for (const auto& info : catalog::providers()) {
    providers.push_back(info.name);
  }
  if (catalog::find_provider(provider) == nullptr) {
    throw util::Error("unknown provider " + util::quoted(provider) + util::did_you_mean(provider, providers) +
                      "; expected one of " + util::join(providers, ", "));
  }
  const auto starter = context.data_directory() / "templates" / "init" / (provider + ".yaml");
  std::string text = util::replace_all(util::read_file(starter), "{{name}}", name);
  const std::string target = output.empty() ? name + ".yaml" : output;
  if (target == "-") {
    context.out() << text;
    return 0;
  }
  std::error_code ec;
  if (std::filesystem::exists(target, ec) && !options.force) {
    throw util::Error(target + " already exists; choose another --out or pass --force to overwrite it");
  }
  util::write_file_atomic(target, text);
  context.err() << "wrote " << target << " (check it with: dharma blueprint validate " << target << ")\n";
  return 0;
}

}  // namespace dharma::api
