#include "huge_page_heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace dharma::cli {

void prefer_huge_page_heap(std::size_t reserve) {
  constexpr std::uintptr_t k_huge_page = std::uintptr_t{2} << 20;
  mallopt(M_TOP_PAD, static_cast<int>(reserve));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(reserve));  // keep the reserve once freed
  // Small blocks until the heap grows once (by `reserve`), then give them back.
  void* const break_before = sbrk(0);
  void* blocks[64];
  int count = 0;
  while (count < 64 && sbrk(0) == break_before) {
    blocks[count] = std::malloc(32 * 1024);
    if (blocks[count] == nullptr) {
      break;
    }
    ++count;
  }
  const auto start = (reinterpret_cast<std::uintptr_t>(break_before) + k_huge_page - 1) & ~(k_huge_page - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(k_huge_page - 1);
  if (end > start) {
    madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);  // refused: nothing changes
  }
  for (int i = 0; i < count; ++i) {
    std::free(blocks[i]);
  }
}

}  // namespace dharma::cli
