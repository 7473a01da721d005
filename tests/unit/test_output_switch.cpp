// util::OutputSwitch: a switch killed after its commit point (the journal is
// in place, some renames done) is finished by the next OutputSwitch in the
// same directory, and foreign files are never touched.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "dharma/util/file.hpp"
#include "dharma/util/output_switch.hpp"
#include "scratch_folder.hpp"

namespace fs = std::filesystem;

namespace {
fs::path scratch_dir(const std::string& name) {
  return dharma::test_support::scratch_folder("switch-test-" + name);
}
void put(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}
}  // namespace

TEST_CASE("OutputSwitch, replaces its files, removes the ones it wrote before, keeps the rest") {
  const fs::path dir = scratch_dir("replace");
  {
    dharma::util::OutputSwitch first(dir);
    first.add("terraform", "main.tf", "one\n");
    first.add("terraform", "outputs.tf", "outputs\n");
    first.commit();
  }
  put(dir / "terraform/terraform.tfstate", "state\n");
  {
    dharma::util::OutputSwitch second(dir);
    second.add("terraform", "main.tf", "two\n");
    second.commit();
    CHECK(second.kept_without_manifest("terraform").empty());
  }
  CHECK(dharma::util::read_file(dir / "terraform/main.tf") == "two\n");
  CHECK_FALSE(fs::exists(dir / "terraform/outputs.tf"));
  CHECK(dharma::util::read_file(dir / "terraform/terraform.tfstate") == "state\n");
  CHECK(*dharma::util::read_manifest(dir / "terraform") == std::set<std::string>{"main.tf"});
  fs::remove_all(dir);
}

TEST_CASE("OutputSwitch, finishes a switch whose run was killed after the commit point") {
  const fs::path dir = scratch_dir("recover");
  put(dir / "terraform/main.tf", "old\n");
  put(dir / "terraform/stale.tf", "stale\n");
  put(dir / "terraform/.dharma-generated", "main.tf\nstale.tf\n");
  put(dir / "terraform/terraform.tfstate", "state\n");
  // What a killed run leaves: its staging folder, the journal, main.tf already moved.
  put(dir / ".dharma-staging.dead.1/terraform/.dharma-generated", "main.tf\n");
  put(dir / "terraform/main.tf", "new\n");
  put(dir / ".dharma-switch",
      "dharma-switch 1\nstaging .dharma-staging.dead.1\ninstall terraform/main.tf\n"
      "install terraform/.dharma-generated\nremove terraform/stale.tf\n");
  { dharma::util::OutputSwitch next(dir); }
  CHECK(dharma::util::read_file(dir / "terraform/main.tf") == "new\n");
  CHECK_FALSE(fs::exists(dir / "terraform/stale.tf"));
  CHECK(dharma::util::read_file(dir / "terraform/terraform.tfstate") == "state\n");
  CHECK(*dharma::util::read_manifest(dir / "terraform") == std::set<std::string>{"main.tf"});
  CHECK_FALSE(fs::exists(dir / ".dharma-switch"));
  CHECK_FALSE(fs::exists(dir / ".dharma-staging.dead.1"));
  fs::remove_all(dir);
}
