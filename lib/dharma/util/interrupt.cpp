#include "dharma/util/interrupt.hpp"

#include <unistd.h>

#include <csignal>

#include "dharma/util/error.hpp"

namespace dharma::util {
namespace {

constexpr char k_message[] =
    "\ndharma: interrupted; files are written whole or not at all and uncommitted database changes are "
    "rolled back, so nothing was left half-done; run the command again to finish\n";

volatile std::sig_atomic_t g_polling = 0;
volatile std::sig_atomic_t g_interrupted = 0;
volatile std::sig_atomic_t g_forward_group = 0;

void write_message() {
  const ssize_t written = ::write(STDERR_FILENO, k_message, sizeof k_message - 1);
  (void)written;
}

extern "C" void on_interrupt(int /*signal*/) {
  // Only async-signal-safe calls here.
  if (g_polling != 0) {
    g_interrupted = 1;
    return;
  }
  if (g_forward_group > 0) {
    ::kill(-static_cast<pid_t>(g_forward_group), SIGTERM);
  }
  const ssize_t written = ::write(STDERR_FILENO, k_message, sizeof k_message - 1);
  (void)written;
  ::_exit(130);
}

sigset_t interrupt_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

thread_local int t_defer_depth = 0;

}  // namespace

PollInterrupts::PollInterrupts() {
  g_polling = 1;
}

PollInterrupts::~PollInterrupts() {
  g_polling = 0;
}

ForwardInterrupts::ForwardInterrupts(int group) {
  g_forward_group = group;
}

ForwardInterrupts::~ForwardInterrupts() {
  g_forward_group = 0;
}

void throw_if_interrupted() {
  if (g_interrupted != 0) {
    write_message();
    throw Reported(ExitCode::interrupted);
  }
}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

DeferInterrupts::DeferInterrupts() {
  if (t_defer_depth++ == 0) {
    const sigset_t set = interrupt_signals();
    ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }
}

DeferInterrupts::~DeferInterrupts() {
  if (--t_defer_depth == 0) {
    const sigset_t set = interrupt_signals();
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  }
}

}  // namespace dharma::util
