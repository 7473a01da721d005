// A state file mapped into memory (read_terraform_state_file, what drift
// does with a regular file) against the same text read whole: the same
// resources and values, the same refusals; what cannot be mapped (standard
// input, a missing file, a folder, an empty or oversized file) goes the
// read path with its messages. Also util::MappedFile on its own.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "dharma/drift/terraform_state.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/mapped_file.hpp"
#include "same_actual_state.hpp"
#include "scratch_folder.hpp"

using namespace dharma;
using namespace dharma::drift;

namespace {

const std::string k_states = std::string(DHARMA_SOURCE_DIR) + "/tests/drift/states";

template <typename Read>
std::string error_of(Read&& read) {
  try {
    read();
  } catch (const util::Error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("util::MappedFile maps regular files and declines everything else") {
  const auto dir = test_support::scratch_folder("mapped-file");
  const std::string path = (dir / "state.json").string();
  std::ofstream(path, std::ios::binary) << "{\"version\": 4}\n";
  const auto mapped = util::MappedFile::open(path, 1024);
  REQUIRE(mapped != nullptr);
  CHECK(mapped->text() == "{\"version\": 4}\n");
  CHECK(util::MappedFile::open(path, 8) == nullptr);  // larger than allowed
  CHECK(util::MappedFile::open("-", 1024) == nullptr);
  CHECK(util::MappedFile::open((dir / "missing").string(), 1024) == nullptr);
  CHECK(util::MappedFile::open(dir.string(), 1024) == nullptr);
  std::ofstream((dir / "empty").string(), std::ios::binary).flush();
  CHECK(util::MappedFile::open((dir / "empty").string(), 1024) == nullptr);
  std::filesystem::remove_all(dir);
}

TEST_CASE("read_terraform_state_file maps the file and reads the state read_terraform_state reads") {
  for (const char* name :
       {"v4_shapes.tfstate", "v4_attributes_flat.tfstate", "show_json.json", "module_wrapped.tfstate"}) {
    const std::string path = k_states + "/" + name;
    ActualState whole;
    ActualState mapped;
    read_terraform_state(util::read_file(path), path, whole);
    read_terraform_state_file(path, 1 << 20, mapped);
    CHECK(mapped.sources == whole.sources);
    test_support::check_same_actual_state(whole, mapped);
  }
}

TEST_CASE("read_terraform_state_file refuses what read_terraform_state refuses, with its message") {
  for (const char* name : {"truncated.tfstate", "v3.tfstate", "plan.json"}) {
    const std::string path = k_states + "/" + name;
    ActualState whole;
    ActualState mapped;
    const std::string whole_error =
        error_of([&] { read_terraform_state(util::read_file(path), path, whole); });
    const std::string mapped_error = error_of([&] { read_terraform_state_file(path, 1 << 20, mapped); });
    CHECK_FALSE(whole_error.empty());
    CHECK(whole_error == mapped_error);
  }
}

TEST_CASE("read_terraform_state_file gives util::read_file's messages for what it cannot map") {
  const auto dir = test_support::scratch_folder("state-unmapped");
  std::ofstream((dir / "big.tfstate").string(), std::ios::binary) << std::string(4096, ' ');
  std::ofstream((dir / "empty.tfstate").string(), std::ios::binary).flush();
  for (const auto& path : {dir / "missing.tfstate", dir, dir / "big.tfstate", dir / "empty.tfstate"}) {
    ActualState state;
    const std::string read_error = error_of([&] { (void)util::read_file(path, 1024); });
    const std::string state_error = error_of([&] { read_terraform_state_file(path.string(), 1024, state); });
    CHECK_FALSE(state_error.empty());  // an empty file is not JSON: refused as such
    if (!read_error.empty()) {
      CHECK(state_error == read_error);
    }
  }
  std::filesystem::remove_all(dir);
}
