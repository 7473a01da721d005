#pragma once
// Asks the kernel to back the main heap with transparent huge pages
// (main() asks for every command family but loadtest and deploy).
//
// A command over a large blueprint touches tens of megabytes of fresh heap;
// with 4 KiB pages that is one page fault per 4 KiB (about a third of
// `blueprint validate`'s CPU at 10,000 resources went to the kernel's
// faults). The heap's first growth reserves `reserve` bytes of address space
// (M_TOP_PAD; nothing is resident until touched) and marks it MADV_HUGEPAGE,
// which is what glibc's `glibc.malloc.hugetlb=1` tunable does, but from
// inside the program. Where transparent huge pages are off, or under a
// sanitizer's allocator, the advice is refused or has nothing to mark, and
// nothing changes.

#include <cstddef>

namespace dharma::cli {

void prefer_huge_page_heap(std::size_t reserve);

}  // namespace dharma::cli
