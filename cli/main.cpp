// dharma's entry point: parse the command line, run one subcommand, and turn
// every failure into the exit code of CLI.md in one place. It also owns the
// standard streams (docs/cli.md, Output): std::cout and std::cerr write
// through util::OutputStreambuf, which escapes control characters in human
// output; a reader closing the pipe ends dharma quietly with the code it
// would have had, and any other failed write of stdout is exit 3.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <set>
#include <string>

#include "command.hpp"
#include "dharma/util/diagnosed_error.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/interrupt.hpp"
#include "dharma/util/output_stream.hpp"
#include "dharma/util/printable.hpp"
#include "dharma/util/terminal.hpp"
#include "dharma/util/text.hpp"
#include "embedded_data.hpp"
#include "huge_page_heap.hpp"
#include "shared_flags.hpp"

namespace {

void print_error(const std::string& message) {
  const bool color = dharma::util::use_color(stderr);
  // The message is escaped here too: with colour on, the stream lets colour codes through.
  std::cerr << (color ? "\033[1mdharma: \033[31merror:\033[0m " : "dharma: error: ")
            << dharma::util::printable(message) << '\n';
}

// What the command writes to stdout is a document of its own format, kept
// exact (JSON, SARIF, JUnit, YAML, HTML; a pulled or exported blueprint, a
// starter file): those escape by their own rules. All else is for a person.
bool writes_exact_stdout(const CLI::App& app) {
  static const std::set<std::string> k_exact_formats{"json", "sarif", "junit", "yaml", "html"};
  static const std::set<std::string> k_exact_commands{"blueprint pull", "blueprint init", "tenant export"};
  const CLI::App* leaf = &app;
  std::string path;
  std::string format;  // the last --format given on the way down, else the leaf's default
  while (!leaf->get_subcommands().empty()) {
    leaf = leaf->get_subcommands().front();
    path += (path.empty() ? "" : " ") + leaf->get_name();
    if (const CLI::Option* option = leaf->get_option_no_throw("--format");
        option != nullptr && option->count() > 0) {
      format = option->results().front();
    }
  }
  if (k_exact_commands.count(path) != 0) {
    return true;
  }
  if (const CLI::Option* option = leaf->get_option_no_throw("--k8s-layout");
      option != nullptr && option->count() > 0 &&
      option->as<std::string>() == dharma::cli::k_k8s_layout_stream) {
    return true;  // `generate --k8s-layout stream`: YAML documents
  }
  if (const CLI::Option* option = leaf->get_option_no_throw("--format");
      format.empty() && option != nullptr) {
    format = option->get_default_str();
  }
  return k_exact_formats.count(format) != 0;
}

// A standard descriptor closed at start (`>&-`) gets /dev/null, so that no
// file dharma opens later takes its number; writes to it still fail.
bool reopen_if_closed(int fd) {
  if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) {
    return false;
  }
  const int null = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
  if (null >= 0 && null != fd) {
    ::dup2(null, fd);
    ::close(null);
  }
  return true;
}

int run(int argc, char** argv, dharma::util::OutputStreambuf& stdout_buffer);

// The first argument that is not a global flag: the command family named.
std::string first_command_word(int argc, char** argv) {
  static const std::set<std::string> k_global_flags{"-q", "--quiet", "-v", "--verbose", "--no-color"};
  for (int i = 1; i < argc; ++i) {
    if (k_global_flags.count(argv[i]) == 0) {
      return argv[i];
    }
  }
  return {};
}

// Huge pages pay for a command that reads a blueprint, touches tens of
// megabytes once and ends. `loadtest` and `deploy` run for minutes over a
// sparse, churning heap (a buffer per connection): there 2 MiB pages round
// every touch up and doubled the peak RSS of 10,000 VUs (154 -> 318 MB).
bool wants_huge_page_heap(const std::string& family) {
  return family != "loadtest" && family != "deploy";
}

}  // namespace

int main(int argc, char** argv) {
  // EPIPE instead of death by SIGPIPE: a closed pipe is seen by the write.
  std::signal(SIGPIPE, SIG_IGN);
  if (wants_huge_page_heap(first_command_word(argc, argv))) {
    dharma::cli::prefer_huge_page_heap(std::size_t{256} << 20);
  }
  dharma::cli::install_embedded_data();
  reopen_if_closed(STDIN_FILENO);
  dharma::util::OutputStreambuf stdout_buffer(STDOUT_FILENO, stdout);
  dharma::util::OutputStreambuf stderr_buffer(STDERR_FILENO, stderr);
  if (reopen_if_closed(STDOUT_FILENO)) {
    stdout_buffer.set_closed();
  }
  if (reopen_if_closed(STDERR_FILENO)) {
    stderr_buffer.set_closed();
  }
  std::streambuf* const old_stdout = std::cout.rdbuf(&stdout_buffer);
  std::streambuf* const old_stderr = std::cerr.rdbuf(&stderr_buffer);
  if (::isatty(STDOUT_FILENO) != 0) {
    std::cout.setf(
        std::ios::unitbuf);  // a person watching sees each line as it comes (std::cerr always does)
  }

  int code = run(argc, argv, stdout_buffer);

  std::cout.flush();
  stdout_buffer.finish();
  if (const int error = stdout_buffer.write_error(); error != 0 && !stdout_buffer.reader_gone()) {
    print_error(std::string("cannot write standard output: ") + std::strerror(error) +
                " (the output is incomplete; check the disk or the file it was redirected to)");
    if (code == 0 || code == 1) {
      code = dharma::util::to_int(dharma::util::ExitCode::unavailable);
    }
  }
  std::cerr.flush();
  stderr_buffer.finish();
  std::cout.rdbuf(old_stdout);
  std::cerr.rdbuf(old_stderr);
  return code;
}

namespace {

int run(int argc, char** argv, dharma::util::OutputStreambuf& stdout_buffer) {
  using dharma::util::ExitCode;
  dharma::util::install_interrupt_handlers();
  // Never destroyed (reachable from this static until the process ends):
  // freeing every command's options one by one is work for nothing at exit.
  static auto* const command_tree = new CLI::App{
      "dharma — blueprints in, Terraform, Kubernetes, guardrails, costs and deploys out", "dharma"};
  CLI::App& app = *command_tree;
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("dharma ") + DHARMA_VERSION);

  // What every command writes through and loads from (lib/dharma/api/command_context.hpp).
  dharma::api::CommandContext context(std::cout, std::cerr);
  // Fast exit: whatever way run() returns, the command's big trees and the
  // loaded catalogs are left to the operating system instead of being freed
  // node by node just before the process ends (docs/PERFORMANCE.md, "Core
  // pipeline"). Output is written and checked by main() either way.
  struct LeakAtExit {
    dharma::api::CommandContext& context;
    ~LeakAtExit() { context.leak_at_exit(); }
  } leak_at_exit{context};
  dharma::api::GlobalFlags& flags = context.flags();
  app.add_flag("--no-color", flags.no_color, "Never colour output (also: NO_COLOR)");
  app.add_flag("-q,--quiet", flags.quiet, "Print only results and errors");
  app.add_flag("-v,--verbose", flags.verbose, "Print more detail to stderr");

  // Only the command family named first on the line is built: building
  // every command's options was about a fifth of a small command's start-up.
  // Once its one subcommand is parsed, CLI11 recognises no other top-level
  // name, so the other families change nothing in how the line parses.
  // Everything is built for `--help`, an unknown name, and `completion` and
  // `manpages`, which walk every command.
  const std::string first = first_command_word(argc, argv);
  const auto commands = dharma::cli::ordered_commands();
  auto family = [](const std::string& name) { return name.substr(0, name.find(' ')); };
  const bool one_family = first != "completion" && first != "manpages" &&
                          std::any_of(commands.begin(), commands.end(),
                                      [&](const auto& entry) { return family(entry.name) == first; });
  int exit_code = 0;
  for (const auto& entry : commands) {
    if (!one_family || family(entry.name) == first) {
      entry.registrar(app, context, exit_code);
    }
  }
  app.parse_complete_callback([&] {
    dharma::util::set_color_disabled(flags.no_color);
    stdout_buffer.set_escaping(!writes_exact_stdout(app));
  });

  // Everything dharma reads and writes is UTF-8 (files are checked as they
  // load); an argument that is not would reach JSON and SARIF, which cannot
  // hold it.
  for (int i = 1; i < argc; ++i) {
    if (dharma::util::find_invalid_utf8(argv[i])) {
      // Not quoted: the argument may be a secret (--set db_password=...).
      print_error("argument " + std::to_string(i) +
                  " (counting after 'dharma') is not valid UTF-8; pass text, file and folder names in UTF-8 "
                  "(rename the file if need be)");
      return dharma::util::to_int(ExitCode::invalid_input);
    }
  }

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
  } catch (const dharma::util::DiagnosedError& e) {
    for (const auto& diagnostic : e.diagnostics().sorted()) {
      std::cerr << dharma::util::format_diagnostic(diagnostic) << '\n';
    }
    if (!e.summary().empty()) {
      print_error(e.summary());
    }
    return dharma::util::to_int(e.code());
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

}  // namespace
