// `dharma tenant create|list|show|update|delete|quota show|set|usage|export|import`
// (lib/dharma/api/tenant_api.hpp).

#include <algorithm>

#include "command.hpp"
#include "dharma/api/tenant_api.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("tenant", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::TenantOptions>();
  auto name = std::make_shared<std::string>();
  auto region = std::make_shared<std::string>();
  const auto quota_fields = api::tenant_quota_defaults();
  auto limits = std::make_shared<std::vector<long>>(quota_fields.size());
  auto* tenant = app.add_subcommand("tenant", "Manage tenants, their quotas and their data");
  tenant->require_subcommand(1);

  auto add_format = [options](CLI::App* command) {
    add_format_flag(*command, options->format, {"text", "json"}, "text or json", false);
  };
  auto add_no_cache = [options](CLI::App* command) { add_no_cache_flag(*command, options->no_cache); };
  auto add_slug = [options](CLI::App* command) {
    command->add_option("SLUG", options->slug, "Tenant slug")->required();
  };

  auto* create = tenant->add_subcommand("create", "Create a tenant with the default quotas");
  add_slug(create);
  auto* create_name = create->add_option("--name", *name, "Display name")->required();
  auto* create_region = create->add_option("--region", *region, "Region (default us-east-1)");
  add_format(create);
  create->callback([=, &context, &exit_code] {
    options->name = *name;
    if (create_region->count() > 0) {
      options->region = *region;
    }
    (void)create_name;
    exit_code = api::tenant_create(*options, context);
  });

  auto* list = tenant->add_subcommand("list", "List every tenant (active and deleted)");
  add_format(list);
  list->callback([=, &context, &exit_code] { exit_code = api::tenant_list(*options, context); });

  auto* show = tenant->add_subcommand("show", "Show a tenant and its quotas");
  add_slug(show);
  add_format(show);
  add_no_cache(show);
  show->callback([=, &context, &exit_code] { exit_code = api::tenant_show(*options, context); });

  auto* update = tenant->add_subcommand("update", "Change a tenant's name or region");
  add_slug(update);
  auto* update_name = update->add_option("--name", *name, "New display name");
  auto* update_region = update->add_option("--region", *region, "New region");
  add_format(update);
  update->callback([=, &context, &exit_code] {
    if (update_name->count() > 0) {
      options->name = *name;
    }
    if (update_region->count() > 0) {
      options->region = *region;
    }
    exit_code = api::tenant_update(*options, context);
  });

  auto* remove =
      tenant->add_subcommand("delete", "Soft-delete a tenant (refused while deployments are live)");
  add_slug(remove);
  remove->add_flag("--force", options->force, "Delete even with live deployments");
  remove->callback([=, &context, &exit_code] { exit_code = api::tenant_delete(*options, context); });

  auto* quota = tenant->add_subcommand("quota", "Show or set a tenant's quotas");
  quota->require_subcommand(1);
  auto* quota_show = quota->add_subcommand("show", "Show the quotas");
  add_slug(quota_show);
  add_format(quota_show);
  add_no_cache(quota_show);
  quota_show->callback([=, &context, &exit_code] { exit_code = api::tenant_quota_show(*options, context); });
  auto* quota_set = quota->add_subcommand("set", "Set one or more quotas");
  add_slug(quota_set);
  add_format(quota_set);
  // Flags use hyphens (--storage-gb); the underscore spellings of the quota
  // keys (--storage_gb), which earlier versions took, stay as hidden aliases.
  std::vector<std::pair<CLI::Option*, CLI::Option*>> quota_options;
  for (std::size_t i = 0; i < quota_fields.size(); ++i) {
    const auto& [key, default_limit] = quota_fields[i];
    std::string flag = key;
    std::replace(flag.begin(), flag.end(), '_', '-');
    CLI::Option* option =
        quota_set
            ->add_option("--" + flag, (*limits)[i],
                         "Maximum " + key + " (default " + std::to_string(default_limit) + ")")
            ->check(CLI::NonNegativeNumber);
    CLI::Option* alias = nullptr;
    if (flag != key) {
      alias = quota_set->add_option("--" + key, (*limits)[i])->check(CLI::NonNegativeNumber)->group("");
    }
    quota_options.emplace_back(option, alias);
  }
  quota_set->callback([=, &context, &exit_code] {
    for (std::size_t i = 0; i < quota_options.size(); ++i) {
      const auto& [option, alias] = quota_options[i];
      if (option->count() > 0 || (alias != nullptr && alias->count() > 0)) {
        options->quotas.emplace_back(quota_fields[i].first, (*limits)[i]);
      }
    }
    exit_code = api::tenant_quota_set(*options, context);
  });

  auto* usage = tenant->add_subcommand("usage", "Current counts against every quota, with percentages");
  add_slug(usage);
  add_format(usage);
  add_no_cache(usage);
  usage->callback([=, &context, &exit_code] { exit_code = api::tenant_usage(*options, context); });

  auto* export_command = tenant->add_subcommand("export", "Write the tenant's data as one JSON document");
  add_slug(export_command);
  export_command->add_option("--out", options->out, "Write to FILE instead of stdout");
  export_command->callback([=, &context, &exit_code] { exit_code = api::tenant_export(*options, context); });

  auto* import_command =
      tenant->add_subcommand("import", "Import a document from `tenant export` (idempotent)");
  import_command->add_option("FILE", options->file, "Export document")->required();
  import_command->callback([=, &context, &exit_code] { exit_code = api::tenant_import(*options, context); });
});

}  // namespace dharma::cli
