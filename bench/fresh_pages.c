/* What touching fresh memory costs on this machine (docs/PERFORMANCE.md,
 * fifteenth drift entry; bench/linearity.py runs it before every run to
 * make fresh memory hot): maps MB megabytes, asks for transparent huge
 * pages (HUGE=1) or 4 KiB pages (HUGE=0), writes one byte per 4 KiB and
 * exits; time it with /usr/bin/time to read the system time of zeroing.
 *   cc -O2 -o /tmp/fresh_pages bench/fresh_pages.c
 *   for i in 1 2 3; do for h in 0 1; do /usr/bin/time -f "huge=$h %S s" /tmp/fresh_pages 120 $h; done; done
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: fresh_pages MB HUGE(0|1)\n");
    return 2;
  }
  const size_t huge_page = (size_t)2 << 20;
  const size_t size = (size_t)atoi(argv[1]) << 20;
  char* map = mmap(NULL, size + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  char* start = (char*)(((unsigned long)map + huge_page - 1) & ~(huge_page - 1));
  madvise(start, size, atoi(argv[2]) ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
  for (size_t at = 0; at < size; at += 4096) {
    start[at] = 1;
  }
  return start[size / 2] - 1;
}
