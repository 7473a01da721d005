// Stored blueprints named as `blueprint list` prints them: [PROJECT/]NAME[@VERSION],
// and the project a bare NAME means.
#include <doctest/doctest.h>

#include "dharma/api/blueprint_reference.hpp"
#include "dharma/util/error.hpp"

using namespace dharma;
using api::choose_project;
using api::parse_blueprint_reference;

namespace {

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const util::Error& e) {
    CHECK(e.code() == util::ExitCode::invalid_input);
    return e.what();
  }
  return "";
}

std::vector<state::BlueprintSummary> stored(
    std::initializer_list<std::pair<const char*, const char*>> items) {
  std::vector<state::BlueprintSummary> out;
  for (const auto& [project, name] : items) {
    out.push_back({project, name, 1, "2026-01-01"});
  }
  return out;
}

}  // namespace

TEST_CASE("parse_blueprint_reference, PROJECT/NAME@VERSION in every combination") {
  auto r = parse_blueprint_reference("platform");
  CHECK(r.project.empty());
  CHECK(r.name == "platform");
  CHECK_FALSE(r.version.has_value());
  r = parse_blueprint_reference("p1/platform");
  CHECK(r.project == "p1");
  CHECK(r.name == "platform");
  r = parse_blueprint_reference("p1/platform@3");
  CHECK(r.project == "p1");
  CHECK(r.version == 3);
  r = parse_blueprint_reference("platform@12");
  CHECK(r.version == 12);
}

TEST_CASE("parse_blueprint_reference, malformed references are exit 2") {
  CHECK(error_of([] { parse_blueprint_reference("web@x"); }) ==
        "invalid version in 'web@x': expected [PROJECT/]NAME@NUMBER, e.g. web@3 or shop/web@3");
  CHECK(error_of([] { parse_blueprint_reference("web@0"); }).find("invalid version") == 0);
  CHECK(error_of([] { parse_blueprint_reference("/web"); }) ==
        "invalid blueprint '/web': expected [PROJECT/]NAME[@VERSION]");
  CHECK(error_of([] { parse_blueprint_reference("a/b/c"); }) ==
        "invalid blueprint 'a/b/c': expected [PROJECT/]NAME[@VERSION]");
  CHECK(error_of([] { parse_blueprint_reference("p1/@2"); }).find("the name is empty") != std::string::npos);
}

TEST_CASE("choose_project, which project a blueprint name means") {
  SUBCASE("written in the reference or with --project") {
    CHECK(choose_project("p1", "", "web", {}) == "p1");
    CHECK(choose_project("", "p2", "web", {}) == "p2");
    CHECK(choose_project("p1", "p1", "web", {}) == "p1");
    CHECK(error_of([] { choose_project("p1", "p2", "web", {}); }) ==
          "blueprint p1/web names project 'p1' but --project says 'p2'; give one of them");
  }
  SUBCASE("the one project holding the name") {
    CHECK(choose_project("", "", "web", stored({{"p1", "api"}, {"p2", "web"}})) == "p2");
  }
  SUBCASE("the tenant's only project") {
    CHECK(choose_project("", "", "new", stored({{"p1", "api"}, {"p1", "web"}})) == "p1");
  }
  SUBCASE("ambiguous: exit 2 listing the candidates") {
    CHECK(error_of([] {
            choose_project("", "", "web", stored({{"p1", "web"}, {"p2", "api"}, {"p2", "web"}}));
          }) ==
          "blueprint 'web' is in 2 projects: p1/web, p2/web; name one as PROJECT/NAME or with --project");
  }
  SUBCASE("no way to choose") {
    CHECK(error_of([] {
            choose_project("", "", "new", stored({{"p1", "api"}, {"p2", "web"}}));
          }) ==
          "--project is required: no stored blueprint 'new' and the tenant has several projects (p1, p2); "
          "name it as PROJECT/NAME or pass --project");
    CHECK(error_of([] { choose_project("", "", "new", {}); }) ==
          "--project is required: no stored blueprint 'new' and the tenant has no projects yet; "
          "name it as PROJECT/NAME or pass --project");
  }
}
