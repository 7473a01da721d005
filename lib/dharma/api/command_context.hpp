#pragma once
// What every command runs with. Each entry point of lib/dharma/api/ has the
// shape `int family_verb(const FamilyOptions& options, CommandContext& context)`
// and returns the exit code of docs/cli.md (or throws util::Error /
// util::Reported). The context holds:
//   * the output and error streams — the only places a command writes to
//     (cli/main.cpp gives std::cout and std::cerr; tests give string streams);
//   * the global flags (--quiet, --verbose, --no-color);
//   * the status reporter long-running work tells its steps to (StatusPrinter);
//   * dharma's data directory and what is loaded from it lazily, once: the
//     type catalog, the provider mappings and the shipped price book;
//   * the state session (PostgreSQL, Redis, tenants), opened on first use;
//   * the process runner, for commands that run other programs;
//   * retired results: big trees a command is done with (a resolved
//     blueprint and the YAML nodes it points into), kept until the context
//     ends so that cli/main.cpp can skip freeing them node by node at exit
//     (leak_at_exit, docs/ARCHITECTURE.md "Fast exit").

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "dharma/catalog/catalog.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/util/process_runner.hpp"
#include "dharma/util/retired.hpp"
#include "dharma/util/status.hpp"

namespace dharma::cost {
class PriceBook;
}
namespace dharma::state {
struct ConnectionFlags;
}

namespace dharma::api {

class StateSession;
class StatusPrinter;

// Flags every subcommand shares (CLI.md).
struct GlobalFlags {
  bool no_color = false;  // --no-color
  bool quiet = false;     // -q: only results and errors
  bool verbose = false;   // -v: more detail on the error stream
};

class CommandContext {
 public:
  CommandContext(std::ostream& out, std::ostream& err);
  // A context for a command run inside another's (deploy's guard check):
  // streams, flags, status and state session of its own, and the data
  // directory, type catalog, provider mappings and price book of `lender`,
  // so that they are loaded once for both. `lender` must outlive it.
  CommandContext(std::ostream& out, std::ostream& err, CommandContext& lender);
  ~CommandContext();
  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;

  // Results (stdout) and everything for the person (stderr).
  std::ostream& out() { return m_out; }
  std::ostream& err() { return m_err; }

  GlobalFlags& flags() { return m_flags; }
  const GlobalFlags& flags() const { return m_flags; }
  // Whether colour codes may go to stdout / stderr (a terminal, no NO_COLOR or --no-color).
  bool color_out() const;
  bool color_err() const;

  // Steps, progress, notes and warnings (util/status.hpp).
  util::Status& status();

  // Where templates/, policies/, pricing/, migrations/ and scripts/ live:
  // $DHARMA_HOME, else <exe>/../share/dharma, else the source tree the binary was built from.
  const std::filesystem::path& data_directory();
  // The type catalog from data_directory()/templates. Prints its problems and
  // throws util::Error (exit 2) when the catalog itself is invalid.
  const catalog::Catalog& catalog();
  // The provider mappings from data_directory()/templates; the same on invalid files.
  const catalog::MappingCatalog& mappings();
  // The shipped price catalogs of data_directory()/pricing, parsed on first
  // use of each provider, uncached (`dharma cost` builds its own, see cost_price_book.hpp).
  cost::PriceBook& price_book();

  // The state session for `flags`, opened on the first call and kept for the
  // command; later calls return the same session.
  StateSession& state_session(const state::ConnectionFlags& flags, bool use_cache);

  util::ProcessRunner& processes() { return *m_processes; }
  void set_process_runner(std::unique_ptr<util::ProcessRunner> runner) { m_processes = std::move(runner); }

  // Writes `diagnostics` to err() in CLI.md's format, sorted by position
  // (file:line:col: error: message), coloured on a terminal. A note already
  // printed through this context is not printed again.
  void print_diagnostics(const util::Diagnostics& diagnostics);

  // Takes a big result (moved in) and keeps it until the context ends,
  // instead of freeing it where the command drops it; returns the kept one.
  template <class T>
  std::decay_t<T>& keep(T&& value) {
    return m_retired.keep(std::forward<T>(value));
  }
  // Where layers below api/ put what they are done with (util/retired.hpp).
  util::Retired& retired() { return m_retired; }
  // For a process that is about to exit: the retired results and the loaded
  // data (catalog, mappings, price book) are left to the operating system
  // rather than freed one allocation at a time when the context ends. They
  // stay reachable from a static, so leak checkers do not report them. The
  // state session and the process runner still close normally.
  void leak_at_exit();

 private:
  std::ostream& m_out;
  std::ostream& m_err;
  CommandContext* m_lender = nullptr;  // lends the data directory and what is loaded from it
  GlobalFlags m_flags;
  std::unique_ptr<StatusPrinter> m_status;
  std::optional<std::filesystem::path> m_data_directory;
  std::unique_ptr<catalog::Catalog> m_catalog;
  util::Diagnostics m_catalog_problems;
  std::unique_ptr<catalog::MappingCatalog> m_mappings;
  util::Diagnostics m_mapping_problems;
  std::unique_ptr<cost::PriceBook> m_price_book;
  std::unique_ptr<StateSession> m_state;
  std::unique_ptr<util::ProcessRunner> m_processes;
  std::set<std::string> m_printed_notes;
  util::Retired m_retired;
};

}  // namespace dharma::api
