// The command context and its status printer: what commands write through.

#include <doctest/doctest.h>

#include <sstream>

#include "dharma/api/command_context.hpp"
#include "dharma/api/status_printer.hpp"

using namespace dharma;

TEST_CASE(
    "StatusPrinter, prints steps as they are off a terminal and nothing but notes and warnings when quiet") {
  std::ostringstream err;
  bool quiet = false;
  const bool verbose = false;
  api::StatusPrinter printer(err, quiet, false, verbose);
  printer.progress(1, 2);
  printer.step_started("applying V001__a.sql");
  printer.step_finished("applied V001__a.sql (3 ms)");
  printer.note("a note");
  printer.warning("a warning");
  CHECK(
      err.str() ==
      "applying V001__a.sql\napplied V001__a.sql (3 ms)\ndharma: note: a note\ndharma: warning: a warning\n");

  err.str("");
  quiet = true;
  printer.step_started("applying V002__b.sql");
  printer.warning("still said");
  CHECK(err.str() == "dharma: warning: still said\n");
}

TEST_CASE("StatusPrinter, counts steps on a terminal") {
  std::ostringstream err;
  const bool quiet = false;
  const bool verbose = false;
  api::StatusPrinter printer(err, quiet, true, verbose);
  printer.progress(2, 5);
  printer.step_started("applying V002__b.sql");
  CHECK(err.str() == "[2/5] applying V002__b.sql\n");
}

TEST_CASE("StatusPrinter::detail, -v chatter only with --verbose, also beside --quiet") {
  std::ostringstream out;
  std::ostringstream err;
  api::CommandContext context(out, err);
  context.status().detail("price catalogs are not cached (--no-cache)");
  CHECK(err.str().empty());
  context.flags().verbose = true;
  context.flags().quiet = true;
  context.status().detail("price catalogs are not cached (--no-cache)");
  CHECK(err.str() == "dharma: price catalogs are not cached (--no-cache)\n");
  CHECK(out.str().empty());
}

TEST_CASE("CommandContext, loads the catalog once and writes diagnostics to its error stream") {
  std::ostringstream out;
  std::ostringstream err;
  api::CommandContext context(out, err);
  context.flags().no_color = true;
  const catalog::Catalog& first = context.catalog();
  CHECK(&first == &context.catalog());
  CHECK(!first.type_names().empty());
  util::Diagnostics diagnostics;
  diagnostics.error({"web.yaml", 3, 7}, "bad thing");
  context.print_diagnostics(diagnostics);
  CHECK(err.str() == "web.yaml:3:7: error: bad thing\n");
  CHECK(out.str().empty());
}

TEST_CASE("CommandContext, a context lent another's loads the catalog and mappings once for both") {
  std::ostringstream out;
  std::ostringstream err;
  api::CommandContext context(out, err);
  std::ostringstream inner_out;
  std::ostringstream inner_err;
  api::CommandContext inner(inner_out, inner_err, context);
  CHECK(&inner.catalog() == &context.catalog());
  CHECK(&inner.mappings() == &context.mappings());
  CHECK(&inner.price_book() == &context.price_book());
  CHECK(&inner.data_directory() == &context.data_directory());
  inner.status().warning("said on the inner stream");
  CHECK(inner_err.str() == "dharma: warning: said on the inner stream\n");
  CHECK(err.str().empty());
}
