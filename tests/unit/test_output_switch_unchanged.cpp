// util::OutputSwitch keeps a file that is already in place with the new
// bytes (same inode, nothing renamed) and replaces every other one: changed
// bytes, another mode, a symlink or a hard link with the same bytes. The
// folder ends exactly as a run that replaced every file would leave it.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "dharma/util/file.hpp"
#include "dharma/util/output_switch.hpp"
#include "scratch_folder.hpp"

namespace fs = std::filesystem;
using dharma::test_support::inode;

namespace {
fs::path scratch_dir(const std::string& name) {
  return dharma::test_support::scratch_folder("switch-unchanged-" + name);
}

unsigned mode(const fs::path& path) {
  struct stat info {};
  REQUIRE(::lstat(path.c_str(), &info) == 0);
  return info.st_mode & 07777U;
}

void generate(const fs::path& dir, const std::string& main, const std::string& secret = "") {
  dharma::util::OutputSwitch output(dir);
  output.add("terraform", "main.tf", main);
  output.add("terraform", "outputs.tf", "outputs\n");
  if (!secret.empty()) {
    output.add("terraform", "secret.tfvars", secret, true);
  }
  output.commit();
}
}  // namespace

TEST_CASE("OutputSwitch, keeps files already in place with the same bytes and replaces changed ones") {
  const fs::path dir = scratch_dir("same");
  generate(dir, "one\n", "password = \"x\"\n");
  const ino_t main_before = inode(dir / "terraform/main.tf");
  const ino_t outputs_before = inode(dir / "terraform/outputs.tf");
  const ino_t manifest_before = inode(dir / "terraform/.dharma-generated");
  const ino_t secret_before = inode(dir / "terraform/secret.tfvars");

  SUBCASE("nothing changed: every file kept") {
    generate(dir, "one\n", "password = \"x\"\n");
    CHECK(inode(dir / "terraform/main.tf") == main_before);
    CHECK(inode(dir / "terraform/secret.tfvars") == secret_before);
    CHECK(inode(dir / "terraform/.dharma-generated") == manifest_before);
    CHECK(dharma::util::read_file(dir / "terraform/main.tf") == "one\n");
  }
  SUBCASE("one file changed: only it is replaced") {
    generate(dir, "two\n", "password = \"x\"\n");
    CHECK(inode(dir / "terraform/main.tf") != main_before);
    CHECK(dharma::util::read_file(dir / "terraform/main.tf") == "two\n");
    CHECK(inode(dir / "terraform/outputs.tf") == outputs_before);
  }
  SUBCASE("a file no longer generated: removed, the manifest replaced") {
    generate(dir, "one\n");
    CHECK_FALSE(fs::exists(dir / "terraform/secret.tfvars"));
    CHECK(inode(dir / "terraform/main.tf") == main_before);
    CHECK(*dharma::util::read_manifest(dir / "terraform") == std::set<std::string>{"main.tf", "outputs.tf"});
  }
  CHECK(mode(dir / "terraform/main.tf") == mode(dir / "terraform/outputs.tf"));
  CHECK_FALSE(fs::exists(dir / ".dharma-switch"));
  for (const auto& entry : fs::directory_iterator(dir)) {
    CHECK(entry.path().filename() == "terraform");  // no staging folder left
  }
  fs::remove_all(dir);
}

TEST_CASE("OutputSwitch, replaces a file with the same bytes but another mode, a symlink or a hard link") {
  const fs::path dir = scratch_dir("other");
  generate(dir, "one\n", "password = \"x\"\n");
  const unsigned normal_mode = mode(dir / "terraform/outputs.tf");

  SUBCASE("another mode") {
    fs::permissions(dir / "terraform/main.tf", fs::perms::owner_all);
    fs::permissions(dir / "terraform/secret.tfvars", fs::perms::owner_read | fs::perms::group_read);
    generate(dir, "one\n", "password = \"x\"\n");
    CHECK(mode(dir / "terraform/main.tf") == normal_mode);
    CHECK(mode(dir / "terraform/secret.tfvars") == 0600U);
  }
  SUBCASE("a symlink to a file with the same bytes") {
    std::ofstream(dir / "elsewhere.tf") << "one\n";
    fs::remove(dir / "terraform/main.tf");
    fs::create_symlink(dir / "elsewhere.tf", dir / "terraform/main.tf");
    generate(dir, "one\n", "password = \"x\"\n");
    CHECK(fs::is_regular_file(fs::symlink_status(dir / "terraform/main.tf")));
    CHECK(dharma::util::read_file(dir / "elsewhere.tf") == "one\n");
  }
  SUBCASE("a hard link") {
    fs::create_hard_link(dir / "terraform/main.tf", dir / "linked.tf");
    const ino_t linked = inode(dir / "linked.tf");
    generate(dir, "one\n", "password = \"x\"\n");
    CHECK(inode(dir / "terraform/main.tf") != linked);
    CHECK(fs::hard_link_count(dir / "linked.tf") == 1);
  }
  CHECK(dharma::util::read_file(dir / "terraform/main.tf") == "one\n");
  fs::remove_all(dir);
}
