// cli_spec: how values complete (choices, paths, numbers, text), usage
// lines, roff escaping, and that the man pages and completion scripts carry
// what a small command line declares.

#include <doctest/doctest.h>

#include "dharma/cli_spec/completion.hpp"
#include "dharma/cli_spec/man_page.hpp"

using namespace dharma::cli_spec;

namespace {

OptionSpec option(const std::string& long_name, const std::string& description,
                  const std::string& type = "TEXT") {
  OptionSpec spec;
  spec.long_names = {long_name};
  spec.description = description;
  spec.type_name = type;
  spec.takes_value = true;
  return spec;
}

CommandSpec program() {
  OptionSpec format = option("format", "Output format");
  format.choices = {"text", "json"};
  format.default_value = "text";
  OptionSpec file = option("", "Blueprint file");
  file.long_names.clear();
  file.positional_name = "FILE";
  file.required = true;
  OptionSpec quiet;
  quiet.short_names = {"q"};
  quiet.long_names = {"quiet"};
  quiet.description = "Print only results";
  CommandSpec validate{"validate", "Check a blueprint", {format, option("env", "Environment")}, {file}, {},
                       false};
  CommandSpec blueprint{"blueprint", "Blueprints", {}, {}, {validate}, true};
  return CommandSpec{"dharma", "dharma \u2014 blueprints in", {quiet}, {}, {blueprint}, true};
}

}  // namespace

TEST_CASE("OptionSpec::value_kind, by choices, type and help text") {
  CHECK(program().subcommands[0].subcommands[0].options[0].value_kind() == ValueKind::choice);
  CHECK(option("values", "YAML file of parameter values").value_kind() == ValueKind::path);
  CHECK(option("policies", "Extra policy directory").value_kind() == ValueKind::path);
  CHECK(option("out", "Write the report to FILE instead of stdout").value_kind() == ValueKind::path);
  CHECK(option("to", "Stop after this version", "UINT").value_kind() == ValueKind::number);
  CHECK(option("env", "Environment overlay to apply").value_kind() == ValueKind::text);
  CHECK(option("tenant", "Tenant slug (profile names)").value_kind() == ValueKind::text);
  OptionSpec reports = option("", "Reports written with --format json");
  reports.positional_name = "FILES";
  CHECK(reports.value_kind() == ValueKind::path);
  OptionSpec state = option("state", "Terraform state (v4 terraform.tfstate)");
  CHECK(state.value_kind() == ValueKind::text);
  state.file_value = true;
  CHECK(state.value_kind() == ValueKind::path);
}

TEST_CASE("usage_arguments, as CLI11 shows it") {
  const CommandSpec root = program();
  CHECK(usage_arguments(root) == "[OPTIONS] SUBCOMMAND");
  CHECK(usage_arguments(root.subcommands[0]) == "SUBCOMMAND");
  CHECK(usage_arguments(root.subcommands[0].subcommands[0]) == "[OPTIONS] FILE");
}

TEST_CASE("roff_escape, hyphens, backslashes, leading dots and UTF-8") {
  CHECK(roff_escape("--out") == "\\-\\-out");
  CHECK(roff_escape("a\\b") == "a\\eb");
  CHECK(roff_escape(".hidden") == "\\&.hidden");
  CHECK(roff_escape("a \u2014 b") == "a \\[u2014] b");
}

TEST_CASE("man_pages, one per family with every option, choice and default") {
  const auto pages = man_pages(program(), "9.9.9");
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].file_name == "dharma.1");
  CHECK(pages[0].text.find(".TH DHARMA 1 \"\" \"dharma 9.9.9\"") == 0);
  CHECK(pages[0].text.find("dharma \\- blueprints in\n") != std::string::npos);
  CHECK(pages[0].text.find("\\fB\\-q\\fR, \\fB\\-\\-quiet\\fR") != std::string::npos);
  CHECK(pages[1].file_name == "dharma-blueprint.1");
  const std::string& family = pages[1].text;
  CHECK(family.find(".SS \"dharma blueprint validate\"") != std::string::npos);
  CHECK(
      family.find("\\fB\\-\\-format\\fR \\fITEXT\\fR\nOutput format\n.br\nOne of \\fBtext\\fR, \\fBjson\\fR. "
                  "Default: \\fBtext\\fR.") != std::string::npos);
  CHECK(family.find("\\fIFILE\\fR\nBlueprint file\n.br\nRequired.") != std::string::npos);
  // `blueprint` alone cannot run: the synopsis lists only its runnable subcommand.
  CHECK(family.find(".SH SYNOPSIS\n\\fBdharma blueprint validate\\fR [OPTIONS] FILE\n.SH") !=
        std::string::npos);
}

TEST_CASE("completion scripts, the tables of each shell") {
  const CommandSpec root = program();
  const std::string bash = bash_completion(root);
  CHECK(bash.find("'blueprint validate|--format') REPLY='text json' ;;") != std::string::npos);
  CHECK(bash.find("'blueprint validate|--env') REPLY='@none' ;;") != std::string::npos);
  CHECK(bash.find("'blueprint validate') REPLY='@path' ;;") != std::string::npos);
  CHECK(bash.find("'blueprint') REPLY='validate' ;;") != std::string::npos);
  CHECK(bash.find("complete -F _dharma dharma\n") != std::string::npos);
  const std::string zsh = zsh_completion(root);
  CHECK(zsh.find("#compdef dharma\n") == 0);
  CHECK(zsh.find("'--quiet:Print only results'") != std::string::npos);
  const std::string fish = fish_completion(root);
  CHECK(fish.find(
            "complete -c dharma -n '__dharma_in \\'blueprint validate\\'' -l 'format' -x -a 'text json' -d "
            "'Output format'") != std::string::npos);
  CHECK(fish.find("set -g __dharma_value_options 'blueprint validate|--format' 'blueprint validate|--env'") !=
        std::string::npos);
}

TEST_CASE("completion scripts, help text with quotes and backslashes stays one word") {
  CommandSpec root = program();
  root.subcommands[0].description = "It's a \\back'slash";
  CHECK(bash_completion(root).find("REPLY='blueprint' ;;") != std::string::npos);
  CHECK(zsh_completion(root).find("'blueprint:It'\\''s a \\back'\\''slash'") != std::string::npos);
  CHECK(fish_completion(root).find("-d 'It\\'s a \\\\back\\'slash'") != std::string::npos);
  CHECK(man_pages(root, "1")[0].text.find("It's a \\eback'slash; see") != std::string::npos);
}
