// dharma's entry point: parse the command line, run one subcommand, and turn
// every failure into the exit code of CLI.md in one place.

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "command.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/interrupt.hpp"
#include "dharma/util/terminal.hpp"
#include "dharma/util/text.hpp"

namespace {

void print_error(const std::string& message) {
  const bool color = dharma::util::use_color(stderr);
  std::cerr << (color ? "\033[1mdharma: \033[31merror:\033[0m " : "dharma: error: ") << message << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  using dharma::util::ExitCode;
  dharma::util::install_interrupt_handlers();
  CLI::App app{"dharma — blueprints in, Terraform, Kubernetes, guardrails, costs and deploys out", "dharma"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("dharma ") + DHARMA_VERSION);

  dharma::cli::GlobalOptions options;
  app.add_flag("--no-color", options.no_color, "Never colour output (also: NO_COLOR)");
  app.add_flag("-q,--quiet", options.quiet, "Print only results and errors");
  app.add_flag("-v,--verbose", options.verbose, "Print more detail to stderr");

  auto& registry = dharma::cli::command_registry();
  std::stable_sort(registry.begin(), registry.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  int exit_code = 0;
  for (const auto& entry : registry) {
    entry.registrar(app, options, exit_code);
  }
  app.parse_complete_callback([&] {
    dharma::util::set_color_disabled(options.no_color);
    dharma::util::set_verbose(options.verbose);
  });

  if (argc > 1 && argv[1][0] != '-') {
    const std::string name = argv[1];
    std::vector<std::string> known;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      known.push_back(sub->get_name());
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      print_error("unknown command '" + name + "'" + dharma::util::did_you_mean(name, known) +
                  "\nRun 'dharma --help' for the list of commands.");
      return dharma::util::to_int(ExitCode::invalid_input);
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    print_error(e.what() + std::string("\nRun 'dharma --help' (or 'dharma COMMAND --help') for usage."));
    return dharma::util::to_int(ExitCode::invalid_input);
  } catch (const dharma::util::Reported& e) {
    return dharma::util::to_int(e.code());
  } catch (const dharma::util::Error& e) {
    print_error(e.what());
    return dharma::util::to_int(e.code());
  } catch (const std::bad_alloc&) {
    print_error("out of memory");
    return dharma::util::to_int(ExitCode::unavailable);
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what() + " (please report this)");
    return 70;
  }
  return exit_code;
}
