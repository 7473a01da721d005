// Which policies a guard run evaluates (policy/selection.hpp), on the default pack.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "dharma/policy/policy_loader.hpp"
#include "dharma/policy/selection.hpp"
#include "dharma/util/error.hpp"

using namespace dharma;

namespace {

policy::PolicyPack default_pack() {
  util::Diagnostics diagnostics;
  auto pack = policy::load_policy_packs(
      {{std::filesystem::path(DHARMA_TEST_DATA_DIR) / ".." / "policies", "policies"}}, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return pack;
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_CASE("split_policy_ids, splits comma lists and drops blanks") {
  CHECK(policy::split_policy_ids({"a, b", ",c,", ""}) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("select_policies, --only keeps the listed ids and --skip and configuration remove theirs") {
  const auto pack = default_pack();
  const auto selected = policy::select_policies(pack, {{"comp-001,comp-002", "comp-003"}, {"comp-002"}, {}});
  REQUIRE(selected.active.size() + selected.inactive.size() == 2);
  for (const auto* active : selected.active) {
    CHECK((active->id == "comp-001" || active->id == "comp-003"));
  }
  CHECK(has(selected.disabled, "comp-002"));
  CHECK(selected.disabled.size() == pack.policies().size() - 2);

  const auto configured = policy::select_policies(pack, {{}, {}, {"comp-001"}});
  CHECK(has(configured.disabled, "comp-001"));
  CHECK(configured.disabled.size() == 1);
}

TEST_CASE("check_selection, refuses an unknown id naming the flag") {
  const auto pack = default_pack();
  CHECK_THROWS_WITH_AS(policy::check_selection({{}, {"comp-01"}, {}}, pack),
                       doctest::Contains("--skip: unknown policy 'comp-01'"), util::Error);
}
