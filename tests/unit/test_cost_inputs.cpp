// Inputs around the estimate: budget amounts, usage files, and a corrupt
// shipped catalog reported once with its position.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "dharma/cost/budget.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/usage.hpp"
#include "dharma/util/error.hpp"

using namespace dharma;
using namespace dharma::cost;

namespace {

std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("dharma-test-cost-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("parse_amount, accepted spellings and refusals") {
  CHECK(parse_amount("500", "--budget") == 500);
  CHECK(parse_amount("$1,250.50", "--budget") == doctest::Approx(1250.5));
  CHECK(parse_amount("500 USD", "--budget") == 500);
  CHECK(parse_amount("USD 75", "--budget") == 75);
  CHECK_THROWS_WITH_AS(
      parse_amount("EUR 5", "--budget"),
      "--budget: currency 'EUR' is not supported yet; dharma's price catalogs are in USD, so give "
      "the amount in USD",
      util::Error);
  CHECK_THROWS_AS(parse_amount("-1", "--budget"), util::Error);
  CHECK_THROWS_AS(parse_amount("nan", "--budget"), util::Error);
  CHECK_THROWS_AS(parse_amount("", "--budget"), util::Error);
}

TEST_CASE("parse_amount, a ',' only groups thousands and amounts are bounded") {
  CHECK(parse_amount("1,000", "--budget") == 1000);
  CHECK(parse_amount("12,345,678.5", "--budget") == doctest::Approx(12345678.5));
  CHECK(parse_amount("1e15", "--budget") == 1e15);
  for (const char* text : {"2,5", "1,00", ",100", "1,0000", "1.000,50", "1,000.5,0"}) {
    CAPTURE(text);
    CHECK_THROWS_AS(parse_amount(text, "--budget"), util::Error);
  }
  CHECK_THROWS_WITH_AS(parse_amount("1e70", "--budget"),
                       "--budget: the amount must be at most 1,000,000,000,000,000 (got 1e70)", util::Error);
}

TEST_CASE("load_usage_file, values and errors") {
  const auto dir = scratch("usage");
  std::ofstream(dir / "ok.yaml")
      << "version: 1\nresources:\n  assets: {storage_gb: 500, data_transfer_out_gb: 1.5}\n";
  util::Diagnostics diagnostics;
  const auto usage = load_usage_file((dir / "ok.yaml").string(), diagnostics);
  REQUIRE(usage.has_value());
  CHECK(usage->find("assets", "storage_gb")->value == 500);
  CHECK(usage->find("assets", "data_transfer_out_gb")->value == 1.5);
  CHECK(usage->find("assets", "requests") == nullptr);

  SUBCASE("an empty file") {
    std::ofstream(dir / "empty.yaml") << "";
    util::Diagnostics problems;
    CHECK_FALSE(load_usage_file((dir / "empty.yaml").string(), problems).has_value());
    CHECK(problems.all().front().message.find("the usage file is empty") == 0);
  }
  SUBCASE("every problem is reported") {
    std::ofstream(dir / "bad.yaml") << "resourcez: {}\nresources:\n  a: {x: -1, y: many}\n";
    util::Diagnostics problems;
    CHECK_FALSE(load_usage_file((dir / "bad.yaml").string(), problems).has_value());
    CHECK(problems.error_count() == 3);
  }
}

TEST_CASE("PriceBook::catalog, a corrupt shipped catalog fails with exit 2") {
  const auto dir = scratch("pricebook");
  std::ofstream(dir / "aws.yaml")
      << "provider: aws\ncurrency: USD\nsource: x\nas_of: y\nresources: {}\nregions: [\n";
  PriceBook book(dir);
  CHECK(book.catalog("gcp") == nullptr);
  try {
    book.catalog("aws");
    FAIL("expected util::Reported");
  } catch (const util::Reported& e) {
    CHECK(e.code() == util::ExitCode::invalid_input);
  }
}

TEST_CASE("read_project_budget, dharma.yaml") {
  const auto dir = scratch("budget");
  util::Diagnostics diagnostics;
  CHECK_FALSE(read_project_budget(dir / "dharma.yaml", diagnostics).has_value());
  std::ofstream(dir / "dharma.yaml") << "stack: {}\ncost:\n  budget: 1200\n";
  const auto budget = read_project_budget(dir / "dharma.yaml", diagnostics);
  REQUIRE(budget.has_value());
  CHECK(budget->monthly == 1200);
  CHECK(budget->source == "dharma.yaml");
  CHECK_FALSE(diagnostics.has_errors());
}
