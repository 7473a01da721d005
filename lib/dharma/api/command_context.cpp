#include "dharma/api/command_context.hpp"

#include <unistd.h>

#include <cstdlib>

#include "dharma/api/connections.hpp"
#include "dharma/api/state_session.hpp"
#include "dharma/api/status_printer.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/printable.hpp"
#include "dharma/util/terminal.hpp"

namespace fs = std::filesystem;

namespace dharma::api {
namespace {

fs::path find_data_directory() {
  if (const char* home = std::getenv("DHARMA_HOME"); home != nullptr && *home != '\0') {
    return fs::path(home);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "dharma";
    if (fs::is_directory(installed / "templates", ec)) {
      return installed;
    }
  }
  return fs::path(DHARMA_SOURCE_DIR);
}

}  // namespace

CommandContext::CommandContext(std::ostream& out, std::ostream& err)
    : m_out(out),
      m_err(err),
      m_status(
          std::make_unique<StatusPrinter>(err, m_flags.quiet, ::isatty(STDERR_FILENO) != 0, m_flags.verbose)),
      m_processes(std::make_unique<util::ProcessRunner>()) {}

CommandContext::CommandContext(std::ostream& out, std::ostream& err, CommandContext& lender)
    : CommandContext(out, err) {
  m_lender = &lender;
}

CommandContext::~CommandContext() = default;

void CommandContext::leak_at_exit() {
  // Reachable from here until the process ends; never destroyed.
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  std::vector<std::shared_ptr<void>> retired = m_retired.take();
  kept->insert(kept->end(), std::make_move_iterator(retired.begin()), std::make_move_iterator(retired.end()));
  kept->push_back(std::shared_ptr<catalog::Catalog>(std::move(m_catalog)));
  kept->push_back(std::shared_ptr<catalog::MappingCatalog>(std::move(m_mappings)));
  kept->push_back(std::shared_ptr<cost::PriceBook>(std::move(m_price_book)));
}

bool CommandContext::color_out() const {
  return !m_flags.no_color && util::use_color(stdout);
}

bool CommandContext::color_err() const {
  return !m_flags.no_color && util::use_color(stderr);
}

util::Status& CommandContext::status() {
  return *m_status;
}

const fs::path& CommandContext::data_directory() {
  if (m_lender != nullptr) {
    return m_lender->data_directory();
  }
  if (!m_data_directory) {
    m_data_directory = find_data_directory();
  }
  return *m_data_directory;
}

const catalog::Catalog& CommandContext::catalog() {
  if (m_lender != nullptr) {
    return m_lender->catalog();
  }
  if (!m_catalog) {
    m_catalog = std::make_unique<catalog::Catalog>(
        catalog::Catalog::load(data_directory() / "templates", m_catalog_problems));
  }
  if (m_catalog_problems.has_errors()) {
    print_diagnostics(m_catalog_problems);
    throw util::Error("the resource catalog in " + (data_directory() / "templates").string() +
                          " is invalid; fix the files above",
                      util::ExitCode::invalid_input);
  }
  return *m_catalog;
}

const catalog::MappingCatalog& CommandContext::mappings() {
  if (m_lender != nullptr) {
    return m_lender->mappings();
  }
  if (!m_mappings) {
    const catalog::Catalog& types = catalog();
    m_mappings = std::make_unique<catalog::MappingCatalog>(
        catalog::MappingCatalog::load(data_directory() / "templates", &types, m_mapping_problems));
  }
  if (m_mapping_problems.has_errors()) {
    print_diagnostics(m_mapping_problems);
    throw util::Error("the provider mappings in " + (data_directory() / "templates").string() +
                      " are invalid; fix the files above");
  }
  return *m_mappings;
}

cost::PriceBook& CommandContext::price_book() {
  if (m_lender != nullptr) {
    return m_lender->price_book();
  }
  if (!m_price_book) {
    m_price_book = std::make_unique<cost::PriceBook>(data_directory() / "pricing");
  }
  return *m_price_book;
}

StateSession& CommandContext::state_session(const state::ConnectionFlags& flags, bool use_cache) {
  if (!m_state) {
    m_state = std::make_unique<StateSession>(resolve_connections(flags, *this), use_cache, status());
  }
  return *m_state;
}

void CommandContext::print_diagnostics(const util::Diagnostics& diagnostics) {
  const bool color = color_err();
  for (const auto& diagnostic : diagnostics.sorted()) {
    // A note ("not checked without its value") is news once per run, however
    // often the blueprint is loaded (cost --compare-env loads it twice).
    if (diagnostic.severity == util::Severity::note &&
        !m_printed_notes.insert(util::format_diagnostic(diagnostic)).second) {
      continue;
    }
    if (!color) {
      m_err << util::format_diagnostic(diagnostic) << '\n';
      continue;
    }
    // Escaped here too: with colour on, the stream lets colour codes through.
    const std::string where =
        util::printable(diagnostic.location.file.empty() ? "dharma" : diagnostic.location.str());
    const char* tint = diagnostic.severity == util::Severity::error ? "\033[31m" : "\033[35m";
    m_err << "\033[1m" << where << ": " << tint << util::severity_name(diagnostic.severity) << ":\033[0m "
          << util::printable(diagnostic.message) << '\n';
  }
}

}  // namespace dharma::api
