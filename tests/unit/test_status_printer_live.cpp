#include <doctest/doctest.h>

#include <sstream>

#include "dharma/api/status_printer.hpp"

using namespace dharma;

TEST_CASE("StatusPrinter::live, a load test's line a second only on a terminal") {
  std::ostringstream err;
  bool quiet = false;
  const bool verbose = false;
  SUBCASE("a terminal gets each line") {
    api::StatusPrinter printer(err, quiet, true, verbose);
    printer.live("1s  vus 10  ops/s 500");
    printer.live("");
    CHECK(err.str() == "1s  vus 10  ops/s 500\n");
  }
  SUBCASE("pipes and files get none") {
    api::StatusPrinter printer(err, quiet, false, verbose);
    printer.live("1s  vus 10  ops/s 500");
    CHECK(err.str().empty());
  }
  SUBCASE("--quiet silences it") {
    quiet = true;
    api::StatusPrinter printer(err, quiet, true, verbose);
    printer.live("1s  vus 10  ops/s 500");
    CHECK(err.str().empty());
  }
}
