#pragma once
// The flags several commands share, declared once each so their spelling,
// help and checks cannot drift apart:
//   --env, --set, --values   how a command that reads a blueprint picks its
//                            environment and parameter values (docs/blueprint.md);
//   --tenant                 the tenant a state-store command acts for;
//   --no-cache               read PostgreSQL only;
//   --format                 the output format, checked here (CLI11) and
//                            nowhere else: api/ entry points trust it;
//   --k8s-layout             how Kubernetes manifests are laid out
//                            (per-object, per-kind, stream), the same way.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "dharma/api/resolve_options.hpp"

namespace dharma::cli {

// Refuse an empty value (`--env ''`, `--tenant ''`), which the commands
// would otherwise read as "not given" and fall back to a default.
CLI::Validator non_empty(const std::string& what, const std::string& hint);
CLI::Validator non_empty_environment();

void add_resolve_flags(CLI::App& command, api::ResolveOptions& options,
                       const std::string& env_help = "Environment overlay to apply (e.g. prod)");

// --tenant SLUG; empty when not given (api::tenant_slug() then reads
// DHARMA_TENANT), so an empty value given is refused with `empty_hint`
// (no check when `empty_hint` is empty).
CLI::Option* add_tenant_flag(CLI::App& command, std::string& tenant,
                             const std::string& help = "Tenant slug (else DHARMA_TENANT)",
                             const std::string& empty_hint = "leave the flag out to use DHARMA_TENANT");

// --no-cache.
CLI::Option* add_no_cache_flag(CLI::App& command, bool& no_cache,
                               const std::string& help = "Read from PostgreSQL only, never from the cache");

// --format, one of `formats`; the first is the default, shown in --help when `show_default`.
CLI::Option* add_format_flag(CLI::App& command, std::string& format, const std::vector<std::string>& formats,
                             const std::string& help, bool show_default = true);

// --k8s-layout per-object|per-kind|stream, default per-object.
CLI::Option* add_k8s_layout_flag(CLI::App& command, std::string& layout);

// The --k8s-layout value that writes manifests to stdout (an exact document there).
constexpr const char* k_k8s_layout_stream = "stream";

}  // namespace dharma::cli
