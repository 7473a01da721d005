// libpq, libcurl and libcrypto, loaded on first use instead of at every start
// (docs/PERFORMANCE.md, "Start-up"; cmake/StaticDeps.cmake).
//
// Only the state commands talk to PostgreSQL and only the load tests speak
// HTTP, yet the two libraries bring about 30 shared objects (Kerberos, LDAP,
// GnuTLS, SASL, ...) that the dynamic loader would map and relocate before
// main() of every command. Here each libpq and libcurl function dharma (and
// the static libpqxx) calls is a small trampoline: it jumps through a table
// that starts empty; the first call of any of them dlopen()s the library by
// its soname, looks every function up once, and continues into the real one
// with the caller's registers untouched. The executable then has no
// DT_NEEDED entry for either library (the linker's --as-needed drops them),
// and the Debian package names them in Depends itself. libcrypto (SHA-256
// for the migrations' checksums and the price catalog cache's keys) costs
// the loader about 21,000 relocations, more than the rest of the process
// together, so it is loaded the same way.
//
// x86-64 Linux only, and only when CMake defines DHARMA_LAZY_LIBRARIES for
// this file; otherwise the libraries are linked as usual.

#if defined(DHARMA_LAZY_LIBRARIES) && defined(__x86_64__) && defined(__linux__)

#include <dlfcn.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <mutex>

// X(library index, symbol)
#define DHARMA_LAZY_SYMBOLS(X)   \
  X(0, PQbackendPID)             \
  X(0, PQcancel)                 \
  X(0, PQclear)                  \
  X(0, PQclientEncoding)         \
  X(0, PQcmdStatus)              \
  X(0, PQcmdTuples)              \
  X(0, PQconnectPoll)            \
  X(0, PQconnectStart)           \
  X(0, PQconnectdb)              \
  X(0, PQconninfoFree)           \
  X(0, PQconninfoParse)          \
  X(0, PQconsumeInput)           \
  X(0, PQdb)                     \
  X(0, PQencryptPassword)        \
  X(0, PQendcopy)                \
  X(0, PQerrorMessage)           \
  X(0, PQescapeByteaConn)        \
  X(0, PQescapeIdentifier)       \
  X(0, PQescapeStringConn)       \
  X(0, PQexec)                   \
  X(0, PQexecParams)             \
  X(0, PQexecPrepared)           \
  X(0, PQfinish)                 \
  X(0, PQflush)                  \
  X(0, PQfname)                  \
  X(0, PQfnumber)                \
  X(0, PQfreeCancel)             \
  X(0, PQfreemem)                \
  X(0, PQftable)                 \
  X(0, PQftablecol)              \
  X(0, PQftype)                  \
  X(0, PQgetCancel)              \
  X(0, PQgetCopyData)            \
  X(0, PQgetResult)              \
  X(0, PQgetisnull)              \
  X(0, PQgetlength)              \
  X(0, PQgetvalue)               \
  X(0, PQhost)                   \
  X(0, PQisBusy)                 \
  X(0, PQisthreadsafe)           \
  X(0, PQnfields)                \
  X(0, PQnotifies)               \
  X(0, PQntuples)                \
  X(0, PQoidValue)               \
  X(0, PQport)                   \
  X(0, PQprepare)                \
  X(0, PQprotocolVersion)        \
  X(0, PQputCopyData)            \
  X(0, PQputCopyEnd)             \
  X(0, PQreset)                  \
  X(0, PQresultErrorField)       \
  X(0, PQresultErrorMessage)     \
  X(0, PQresultStatus)           \
  X(0, PQsendQuery)              \
  X(0, PQsendQueryParams)        \
  X(0, PQserverVersion)          \
  X(0, PQsetClientEncoding)      \
  X(0, PQsetErrorVerbosity)      \
  X(0, PQsetNoticeProcessor)     \
  X(0, PQsetnonblocking)         \
  X(0, PQsocket)                 \
  X(0, PQstatus)                 \
  X(0, PQtrace)                  \
  X(0, PQunescapeBytea)          \
  X(0, PQuntrace)                \
  X(0, PQuser)                   \
  X(0, lo_close)                 \
  X(0, lo_creat)                 \
  X(0, lo_export)                \
  X(0, lo_import)                \
  X(0, lo_lseek)                 \
  X(0, lo_open)                  \
  X(0, lo_read)                  \
  X(0, lo_tell)                  \
  X(0, lo_unlink)                \
  X(0, lo_write)                 \
  X(0, pg_encoding_to_char)      \
  X(1, curl_easy_cleanup)        \
  X(1, curl_easy_getinfo)        \
  X(1, curl_easy_init)           \
  X(1, curl_easy_setopt)         \
  X(1, curl_easy_strerror)       \
  X(1, curl_global_init)         \
  X(1, curl_multi_add_handle)    \
  X(1, curl_multi_assign)        \
  X(1, curl_multi_cleanup)       \
  X(1, curl_multi_info_read)     \
  X(1, curl_multi_init)          \
  X(1, curl_multi_remove_handle) \
  X(1, curl_multi_setopt)        \
  X(1, curl_multi_socket_action) \
  X(1, curl_slist_append)        \
  X(1, curl_slist_free_all)      \
  X(2, EVP_Digest)               \
  X(2, EVP_DigestFinal_ex)       \
  X(2, EVP_DigestInit_ex)        \
  X(2, EVP_DigestUpdate)         \
  X(2, EVP_MD_CTX_free)          \
  X(2, EVP_MD_CTX_new)           \
  X(2, EVP_MD_fetch)             \
  X(2, EVP_sha256)               \
  X(2, SHA256_Final)             \
  X(2, SHA256_Init)              \
  X(2, SHA256_Update)

// Each symbol's slot: empty until its library is loaded, then the function's address.
extern "C" {
#define DHARMA_LAZY_SLOT(library, name) void* dharma_lazy_slot_##name = nullptr;
DHARMA_LAZY_SYMBOLS(DHARMA_LAZY_SLOT)
#undef DHARMA_LAZY_SLOT
}

namespace {

struct Symbol {
  int library;
  const char* name;
  void** slot;
};

#define DHARMA_LAZY_ENTRY(library, name) {library, #name, &dharma_lazy_slot_##name},
const Symbol k_symbols[] = {DHARMA_LAZY_SYMBOLS(DHARMA_LAZY_ENTRY)};
#undef DHARMA_LAZY_ENTRY
constexpr const char* k_libraries[] = {"libpq.so.5", "libcurl.so.4", "libcrypto.so.3"};

std::mutex g_mutex;

[[noreturn]] void fail(const char* what, const char* name) {
  // No iostreams: this may run before or after they exist. Exit 3: a
  // dependency is unavailable (docs/cli.md).
  const char* error = dlerror();
  const char* parts[] = {"dharma: error: cannot load ",
                         what,
                         " ",
                         name,
                         ": ",
                         error ? error : "not found",
                         " (install the package that provides it)\n"};
  for (const char* part : parts) {
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, part, std::strlen(part));
  }
  std::_Exit(3);
}

}  // namespace

// Called by a trampoline whose slot is still empty (registers saved): loads
// the slot's library, fills the slots of all its symbols, returns the target.
extern "C" void* dharma_lazy_resolve(void** slot) {
  const std::lock_guard<std::mutex> lock(g_mutex);
  if (void* target = __atomic_load_n(slot, __ATOMIC_ACQUIRE)) {
    return target;
  }
  int library = -1;
  for (const Symbol& symbol : k_symbols) {
    if (symbol.slot == slot) {
      library = symbol.library;
    }
  }
  if (library < 0) {
    fail("function", "(unknown slot)");
  }
  void* handle = dlopen(k_libraries[library], RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    fail("library", k_libraries[library]);
  }
  for (const Symbol& symbol : k_symbols) {
    if (symbol.library == library) {
      void* address = dlsym(handle, symbol.name);
      if (address == nullptr) {
        fail("function", symbol.name);
      }
      __atomic_store_n(symbol.slot, address, __ATOMIC_RELEASE);
    }
  }
  return __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}

// The slow path: every argument register (integer, vector, and %al for
// variadic calls such as curl_easy_setopt) is kept across the lookup; the
// stack stays 16-byte aligned for the call (8 at entry + 7 pushes + 128).
asm(R"(
  .text
  .p2align 4
  .type dharma_lazy_slow, @function
dharma_lazy_slow:
  push %rdi
  push %rsi
  push %rdx
  push %rcx
  push %r8
  push %r9
  push %rax
  sub $128, %rsp
  movdqu %xmm0, 0(%rsp)
  movdqu %xmm1, 16(%rsp)
  movdqu %xmm2, 32(%rsp)
  movdqu %xmm3, 48(%rsp)
  movdqu %xmm4, 64(%rsp)
  movdqu %xmm5, 80(%rsp)
  movdqu %xmm6, 96(%rsp)
  movdqu %xmm7, 112(%rsp)
  mov %r11, %rdi
  call dharma_lazy_resolve
  mov %rax, %r11
  movdqu 0(%rsp), %xmm0
  movdqu 16(%rsp), %xmm1
  movdqu 32(%rsp), %xmm2
  movdqu 48(%rsp), %xmm3
  movdqu 64(%rsp), %xmm4
  movdqu 80(%rsp), %xmm5
  movdqu 96(%rsp), %xmm6
  movdqu 112(%rsp), %xmm7
  add $128, %rsp
  pop %rax
  pop %r9
  pop %r8
  pop %rcx
  pop %rdx
  pop %rsi
  pop %rdi
  jmp *%r11
  .size dharma_lazy_slow, .-dharma_lazy_slow
)");

// One trampoline per symbol: on to the function once its slot is filled,
// else to the slow path with the slot's address in %r11.
#define DHARMA_LAZY_TRAMPOLINE(library, name) \
  asm("  .text\n"                             \
      "  .globl " #name                       \
      "\n"                                    \
      "  .type " #name                        \
      ", @function\n"                         \
      "  .p2align 4\n" #name                  \
      ":\n"                                   \
      "  mov dharma_lazy_slot_" #name         \
      "(%rip), %r11\n"                        \
      "  test %r11, %r11\n"                   \
      "  jz 1f\n"                             \
      "  jmp *%r11\n"                         \
      "1:\n"                                  \
      "  lea dharma_lazy_slot_" #name         \
      "(%rip), %r11\n"                        \
      "  jmp dharma_lazy_slow\n"              \
      "  .size " #name ", .-" #name "\n");
DHARMA_LAZY_SYMBOLS(DHARMA_LAZY_TRAMPOLINE)
#undef DHARMA_LAZY_TRAMPOLINE

#endif
