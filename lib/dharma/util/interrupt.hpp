#pragma once
// Ctrl-C (SIGINT) and SIGTERM: exit 130 with one line that says what state
// things are in (CLI.md).
//
// The handler writes its message and ends the process at once (_exit: only
// async-signal-safe calls). That is safe because of how dharma changes things:
// files are written to a temporary name and renamed, inside a DeferInterrupts
// scope, so an interrupt waits until the output is whole or untouched and no
// temporary is left behind; and database work runs in transactions, which
// PostgreSQL rolls back when the connection closes (a migration marked
// no-transaction is retried whole by the next `dharma db migrate`).

namespace dharma::util {

// Long work on temporaries (generate rendering into its staging folder) runs
// inside a PollInterrupts scope instead: there a signal only raises a flag,
// and the work calls throw_if_interrupted() between steps, so it can remove
// its temporaries on the way out.

// Installs the handlers for SIGINT and SIGTERM.
void install_interrupt_handlers();

// While alive, SIGINT and SIGTERM are held back (blocked); one that arrived
// meanwhile is delivered when the outermost scope ends.
class DeferInterrupts {
 public:
  DeferInterrupts();
  ~DeferInterrupts();
  DeferInterrupts(const DeferInterrupts&) = delete;
  DeferInterrupts& operator=(const DeferInterrupts&) = delete;
};

// While alive, SIGINT and SIGTERM do not end the process: they raise a flag
// that throw_if_interrupted() reports. Not nested with itself.
class PollInterrupts {
 public:
  PollInterrupts();
  ~PollInterrupts();
  PollInterrupts(const PollInterrupts&) = delete;
  PollInterrupts& operator=(const PollInterrupts&) = delete;
};

// While alive, an interrupt that ends dharma first sends SIGTERM to process
// group `group`: a command dharma waits on in a group of its own
// (ProcessRunner::run_limited), which the terminal's Ctrl-C does not reach,
// so it does not outlive dharma. Not nested with itself.
class ForwardInterrupts {
 public:
  explicit ForwardInterrupts(int group);
  ~ForwardInterrupts();
  ForwardInterrupts(const ForwardInterrupts&) = delete;
  ForwardInterrupts& operator=(const ForwardInterrupts&) = delete;
};

// When a signal arrived inside a PollInterrupts scope: prints the interrupt
// line and throws Reported(ExitCode::interrupted) (exit 130); otherwise does
// nothing. Cheap enough to call once per file or resource.
void throw_if_interrupted();

}  // namespace dharma::util
