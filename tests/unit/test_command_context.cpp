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
  api::StatusPrinter printer(err, quiet, false);
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
  api::StatusPrinter printer(err, quiet, true);
  printer.progress(2, 5);
  printer.step_started("applying V002__b.sql");
  CHECK(err.str() == "[2/5] applying V002__b.sql\n");
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
