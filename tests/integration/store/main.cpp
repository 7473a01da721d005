// doctest main for the C++ integration tests (Store, Cache). They need the
// stack's variables (DHARMA_DATABASE_URL, DHARMA_DATABASE_DIRECT_URL, ...):
// without them the binary exits 77 (CTest: skipped) with a loud message, or
// fails under DHARMA_TEST_STRICT=1.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  for (const char* name :
       {"DHARMA_DATABASE_URL", "DHARMA_DATABASE_DIRECT_URL", "DHARMA_DATABASE_MIGRATION_URL"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
      const char* strict = std::getenv("DHARMA_TEST_STRICT");
      if (strict != nullptr && std::string(strict) == "1") {
        std::cerr << "FAIL: " << name << " is not set; the integration tests need the stack\n";
        return 1;
      }
      std::cerr << "SKIPPED: " << name
                << " is not set; run scripts/stack up and eval \"$(scripts/stack env)\"\n";
      return 77;
    }
  }
  doctest::Context context(argc, argv);
  return context.run();
}
