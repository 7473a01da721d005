#include "dharma/util/output_switch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/interrupt.hpp"
#include "dharma/util/private_file.hpp"

namespace fs = std::filesystem;

namespace dharma::util {
namespace {

constexpr char k_journal_name[] = ".dharma-switch";
constexpr char k_staging_prefix[] = ".dharma-staging.";
constexpr char k_journal_header[] = "dharma-switch 1";
constexpr char k_manifest_header[] =
    "# Files dharma generate wrote in this folder. It replaces and removes only these;\n"
    "# every other file here (Terraform state, .terraform/, your own) is left alone.\n";

[[noreturn]] void fail_write(const fs::path& path, const std::string& what) {
  throw Error("cannot write " + path.string() + ": " + what, ExitCode::unavailable);
}

// A relative path that stays inside the folder it is relative to and fits
// on one line of a manifest or journal.
bool is_contained(const std::string& relative) {
  static const std::string k_line_breaking("\0\n\r", 3);
  if (relative.empty() || relative.front() == '/' ||
      relative.find_first_of(k_line_breaking) != std::string::npos) {
    return false;
  }
  for (const auto& part : fs::path(relative)) {
    if (part == ".." || part == "." || part.empty()) {
      return false;
    }
  }
  return true;
}

std::string random_suffix() {
  std::random_device device;
  std::uniform_int_distribution<unsigned> digits(0, 0xFFFFFF);
  std::ostringstream out;
  out << std::hex << digits(device) << '.' << std::dec << getpid();
  return out.str();
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

constexpr std::size_t k_block = 64 * 1024;  // read at once when comparing or copying

// Reads `size` bytes (fewer only at the end of the file) at `offset`, or at
// the file's position when `offset` is negative. How many it read; -1 on error.
ssize_t read_full(int fd, char* buffer, std::size_t size, off_t offset = -1) {
  std::size_t have = 0;
  while (have < size) {
    const ssize_t got = offset < 0
                            ? ::read(fd, buffer + have, size - have)
                            : ::pread(fd, buffer + have, size - have, offset + static_cast<off_t>(have));
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      return -1;
    }
    if (got == 0) {
      break;
    }
    have += static_cast<std::size_t>(got);
  }
  return static_cast<ssize_t>(have);
}

// True when the next bytes of `fd` are exactly `bytes`, read one block at a
// time into `buffer`.
bool next_bytes_equal(int fd, std::string_view bytes, std::string& buffer) {
  buffer.resize(k_block);
  while (!bytes.empty()) {
    const std::size_t size = std::min(bytes.size(), k_block);
    if (read_full(fd, buffer.data(), size) != static_cast<ssize_t>(size) ||
        std::memcmp(buffer.data(), bytes.data(), size) != 0) {
      return false;
    }
    bytes.remove_prefix(size);
  }
  return true;
}

bool at_end(int fd) {
  char byte = 0;
  return read_full(fd, &byte, 1) == 0;
}

// The file at `path` opened for reading when it could be kept in place of a
// new one: a regular file (not a symlink, no other hard link), ours, with
// mode `mode`; its status in `info`. -1 otherwise.
int open_candidate(const fs::path& path, mode_t mode, struct stat& info) {
  if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return -1;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return -1;
  }
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_nlink != 1 || info.st_uid != ::geteuid() ||
      (info.st_mode & 07777) != mode) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// True when `path` is already a file exactly as the switch would install it:
// a candidate of open_candidate with the bytes `content`. It is then kept in
// place instead of replaced, after an fsync (cheap when it has nothing
// unwritten) so that it is on disk before the switch that counts on it
// commits, as a staged file would be.
bool is_unchanged(const fs::path& path, const std::string& content, mode_t mode) {
  struct stat info {};
  const int fd = open_candidate(path, mode, info);
  if (fd < 0) {
    return false;
  }
  std::string buffer;
  const bool same = static_cast<std::size_t>(info.st_size) == content.size() &&
                    next_bytes_equal(fd, content, buffer) && at_end(fd) && ::fsync(fd) == 0;
  ::close(fd);
  return same;
}

void write_all(int fd, const fs::path& path, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      fail_write(path, std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// The mode write_new_file gives a new file (0644 less the umask).
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0644 & ~mask;
}

bool is_real_directory(const fs::path& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

struct Journal {
  std::string staging;                // folder name inside DIR
  std::vector<std::string> installs;  // relative to DIR and to the staging folder
  std::vector<std::string> removals;  // relative to DIR
};

std::string encode(const Journal& journal) {
  std::string text = std::string(k_journal_header) + "\nstaging " + journal.staging + "\n";
  for (const auto& path : journal.installs) {
    text += "install " + path + "\n";
  }
  for (const auto& path : journal.removals) {
    text += "remove " + path + "\n";
  }
  return text;
}

// Nullopt when the text is not a journal this version wrote (it is then left alone).
std::optional<Journal> decode(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != k_journal_header) {
    return std::nullopt;
  }
  Journal journal;
  while (std::getline(in, line)) {
    const auto space = line.find(' ');
    const std::string verb = line.substr(0, space);
    const std::string path = space == std::string::npos ? "" : line.substr(space + 1);
    if (!is_contained(path)) {
      return std::nullopt;
    }
    if (verb == "staging" && path.rfind(k_staging_prefix, 0) == 0) {
      journal.staging = path;
    } else if (verb == "install") {
      journal.installs.push_back(path);
    } else if (verb == "remove") {
      journal.removals.push_back(path);
    } else {
      return std::nullopt;
    }
  }
  if (journal.staging.empty()) {
    return std::nullopt;
  }
  return journal;
}

// Carries out a committed journal. Every step can be repeated, so a run
// killed halfway through is finished by the next one.
void apply(const fs::path& dir, const Journal& journal) {
  const fs::path staging = dir / journal.staging;
  std::set<fs::path> touched;
  for (const auto& relative : journal.installs) {
    const fs::path from = staging / relative;
    const fs::path to = dir / relative;
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    if (::rename(from.c_str(), to.c_str()) != 0) {
      const int error = errno;
      if (error == ENOENT && !fs::exists(from, ec) && fs::exists(to, ec)) {
        continue;  // moved by the run that was killed
      }
      fail_write(to, std::strerror(error));
    }
    touched.insert(to.parent_path());
  }
  for (const auto& relative : journal.removals) {
    const fs::path path = dir / relative;
    std::error_code ec;
    if (fs::symlink_status(path, ec).type() != fs::file_type::not_found && !is_real_directory(path)) {
      fs::remove(path, ec);
      touched.insert(path.parent_path());
    }
  }
  for (const auto& folder : touched) {
    sync_directory(folder);
  }
  std::error_code ec;
  fs::remove(dir / k_journal_name, ec);
  sync_directory(dir);
  fs::remove_all(staging, ec);
}

void finish_pending_switch(const fs::path& dir) {
  const fs::path path = dir / k_journal_name;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return;
  }
  const auto journal = decode(read_file(path));
  if (!journal) {
    throw Error(
        path.string() + " is not a journal this dharma wrote; remove it if no dharma generate is running",
        ExitCode::refused);
  }
  const DeferInterrupts whole_or_nothing;
  apply(dir, *journal);
}

void remove_stopped_stagings(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(k_staging_prefix, 0) == 0 && is_real_directory(entry.path())) {
      fs::remove_all(entry.path(), ec);
    }
  }
}

// Top-level entries of `folder` that are not among `ours`; directories end in '/'.
std::vector<std::string> foreign_entries(const fs::path& folder, const std::set<std::string>& ours) {
  std::set<std::string> tops;
  for (const auto& name : ours) {
    tops.insert(name.substr(0, name.find('/')));
  }
  std::vector<std::string> foreign;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (tops.count(name) == 0) {
      foreign.push_back(name + (is_real_directory(entry.path()) ? "/" : ""));
    }
  }
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

}  // namespace

// The file between begin_file and end_file. While `compare_fd` is open,
// every piece so far equalled the file in place (`matched` bytes of it) and
// nothing is staged; once `staged_fd` is open, the pieces go there.
struct OutputSwitch::OpenFile {
  std::string relative;  // FOLDER/NAME
  fs::path live;         // DIR/FOLDER/NAME
  fs::path staged;       // in the staging folder
  int compare_fd = -1;
  struct stat compared {};  // the file in place when it was opened
  std::size_t matched = 0;
  int staged_fd = -1;
  std::string buffer;  // one block read from the file in place

  OpenFile() = default;
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  ~OpenFile() {
    if (compare_fd >= 0) {
      ::close(compare_fd);
    }
    if (staged_fd >= 0) {
      ::close(staged_fd);
    }
  }
};

std::optional<std::set<std::string>> read_manifest(const fs::path& folder) {
  const fs::path path = folder / k_manifest_name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return std::nullopt;
  }
  std::set<std::string> names;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.front() != '#' && is_contained(line) && line != k_manifest_name) {
      names.insert(line);
    }
  }
  return names;
}

bool has_pending_switch(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / k_journal_name, ec);
}

OutputSwitch::OutputSwitch(const fs::path& dir) : m_dir(dir), m_file_mode(new_file_mode()) {
  finish_pending_switch(m_dir);
  remove_stopped_stagings(m_dir);
  m_staging = m_dir / (k_staging_prefix + random_suffix());
}

void OutputSwitch::create_staging() {
  if (m_staging_created) {
    return;
  }
  std::error_code ec;
  fs::create_directory(m_staging, ec);
  if (ec) {
    fail_write(m_staging, ec.message());
  }
  m_staging_created = true;
}

OutputSwitch::~OutputSwitch() {
  m_open.reset();
  if (!m_committed && m_staging_created) {
    std::error_code ec;
    fs::remove_all(m_staging, ec);
  }
}

void OutputSwitch::add(const std::string& folder, const std::string& name, const std::string& content,
                       bool owner_only) {
  if (!owner_only) {
    open_file(folder, name, content.size());
    write_piece(content);
    end_file();
    return;
  }
  if (!is_contained(folder + "/" + name) || name == k_manifest_name) {
    throw Error("refusing to write '" + folder + "/" + name + "': not a plain path inside the output folder",
                ExitCode::refused);
  }
  m_files[folder].insert(name);
  if (is_unchanged(m_dir / folder / name, content, 0600)) {
    m_unchanged.insert(folder + "/" + name);
    return;
  }
  create_staging();
  const fs::path target = m_staging / folder / name;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    fail_write(target.parent_path(), ec.message());
  }
  write_private_file(target, content);
}

void OutputSwitch::begin_file(const std::string& folder, const std::string& name) {
  open_file(folder, name, std::nullopt);
}

// `size`: the whole file's size when known, so a file in place of another
// size is not compared at all.
void OutputSwitch::open_file(const std::string& folder, const std::string& name,
                             std::optional<std::size_t> size) {
  if (m_open) {
    throw std::logic_error("OutputSwitch: " + m_open->relative + " is still open");
  }
  if (!is_contained(folder + "/" + name) || name == k_manifest_name) {
    throw Error("refusing to write '" + folder + "/" + name + "': not a plain path inside the output folder",
                ExitCode::refused);
  }
  m_files[folder].insert(name);
  auto file = std::make_unique<OpenFile>();
  file->relative = folder + "/" + name;
  file->live = m_dir / folder / name;
  file->staged = m_staging / folder / name;
  file->compare_fd = open_candidate(file->live, m_file_mode, file->compared);
  if (file->compare_fd >= 0 && size && static_cast<std::size_t>(file->compared.st_size) != *size) {
    ::close(file->compare_fd);
    file->compare_fd = -1;
  }
  if (file->compare_fd < 0) {
    stage(*file);
  }
  m_open = std::move(file);
}

// From the first difference on: the staged file gets the prefix that
// matched, copied from the file in place (those bytes were compared equal to
// what was rendered), and every piece after it.
void OutputSwitch::stage(OpenFile& file) {
  create_staging();
  std::error_code ec;
  fs::create_directories(file.staged.parent_path(), ec);
  if (ec) {
    fail_write(file.staged.parent_path(), ec.message());
  }
  file.staged_fd = ::open(file.staged.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (file.staged_fd < 0) {
    fail_write(file.staged, std::strerror(errno));
  }
  if (file.compare_fd < 0) {
    return;
  }
  file.buffer.resize(k_block);
  for (std::size_t copied = 0; copied < file.matched;) {
    const std::size_t size = std::min(file.matched - copied, k_block);
    if (read_full(file.compare_fd, file.buffer.data(), size, static_cast<off_t>(copied)) !=
        static_cast<ssize_t>(size)) {
      fail_write(file.staged, "cannot read back " + file.live.string());
    }
    write_all(file.staged_fd, file.staged, std::string_view(file.buffer.data(), size));
    copied += size;
  }
  struct stat now {};
  if (::fstat(file.compare_fd, &now) != 0 || now.st_size != file.compared.st_size ||
      now.st_mtim.tv_sec != file.compared.st_mtim.tv_sec ||
      now.st_mtim.tv_nsec != file.compared.st_mtim.tv_nsec) {
    fail_write(file.live, "it changed while dharma compared it with the new output; run generate again");
  }
  ::close(file.compare_fd);
  file.compare_fd = -1;
  file.buffer = std::string();
}

void OutputSwitch::write_piece(std::string_view piece) {
  if (!m_open) {
    throw std::logic_error("OutputSwitch: write_piece without begin_file");
  }
  OpenFile& file = *m_open;
  if (file.compare_fd >= 0) {
    if (next_bytes_equal(file.compare_fd, piece, file.buffer)) {
      file.matched += piece.size();
      return;
    }
    stage(file);
  }
  write_all(file.staged_fd, file.staged, piece);
}

void OutputSwitch::end_file() {
  if (!m_open) {
    throw std::logic_error("OutputSwitch: end_file without begin_file");
  }
  OpenFile& file = *m_open;
  if (file.compare_fd >= 0) {
    if (static_cast<std::size_t>(file.compared.st_size) == file.matched && at_end(file.compare_fd) &&
        ::fsync(file.compare_fd) == 0) {
      m_unchanged.insert(file.relative);
      m_open.reset();
      return;
    }
    stage(file);  // the file in place is longer
  }
  const int fd = file.staged_fd;
  file.staged_fd = -1;
  if (::close(fd) != 0) {
    fail_write(file.staged, std::strerror(errno));
  }
  m_open.reset();
}

std::map<std::string, std::size_t> OutputSwitch::folder_file_counts() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& [folder, names] : m_files) {
    counts[folder] = names.size();
  }
  return counts;
}

void OutputSwitch::commit() {
  if (m_open) {
    throw std::logic_error("OutputSwitch: commit while " + m_open->relative + " is open");
  }
  Journal journal;
  journal.staging = m_staging.filename().string();
  for (const auto& [folder, names] : m_files) {
    const fs::path live = m_dir / folder;
    std::error_code ec;
    if (fs::exists(live, ec) && !fs::is_directory(live, ec)) {
      throw Error(live.string() + ": exists and is not a directory", ExitCode::invalid_input);
    }
    for (const auto& name : names) {
      if (is_real_directory(live / name)) {
        throw Error("refusing to replace the directory " + (live / name).string() + " with a generated file",
                    ExitCode::refused);
      }
    }
    std::string manifest = k_manifest_header;
    for (const auto& name : names) {
      manifest += name + "\n";
      if (m_unchanged.count(folder + "/" + name) == 0) {
        journal.installs.push_back(folder + "/" + name);
      }
    }
    if (!is_unchanged(live / k_manifest_name, manifest, m_file_mode)) {
      create_staging();
      fs::create_directories(m_staging / folder, ec);
      write_new_file(m_staging / folder / k_manifest_name, manifest, false);
      journal.installs.push_back(folder + "/" + k_manifest_name);  // last: it vouches for the files above
    }
    const auto previous = read_manifest(live);
    if (previous) {
      for (const auto& name : *previous) {
        if (names.count(name) == 0) {
          journal.removals.push_back(folder + "/" + name);
        }
      }
    } else if (fs::is_directory(live, ec)) {
      m_kept[folder] = foreign_entries(live, names);
    }
  }
  if (journal.installs.empty() && journal.removals.empty()) {
    return;  // every file is already in place: nothing to switch
  }
  create_staging();  // the journal is written there
  const int staging_fd = ::open(m_staging.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (staging_fd < 0 || ::syncfs(staging_fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (staging_fd >= 0) {
      ::close(staging_fd);
    }
    fail_write(m_staging, reason);
  }
  ::close(staging_fd);

  const DeferInterrupts whole_or_nothing;  // from the commit point to the last rename
  const fs::path pending = m_staging / k_journal_name;
  write_new_file(pending, encode(journal), true);
  if (::rename(pending.c_str(), (m_dir / k_journal_name).c_str()) != 0) {
    fail_write(m_dir / k_journal_name, std::strerror(errno));
  }
  sync_directory(m_dir);  // the commit point
  m_committed = true;     // from here on, a failure is finished by the next run
  apply(m_dir, journal);
}

std::vector<std::string> OutputSwitch::kept_without_manifest(const std::string& folder) const {
  const auto found = m_kept.find(folder);
  return found == m_kept.end() ? std::vector<std::string>{} : found->second;
}

}  // namespace dharma::util
