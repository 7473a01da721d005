#include "dharma/util/output_switch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>

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

// True when `path` is already a file exactly as the switch would install it:
// a regular file (not a symlink, no other hard link), ours, with mode `mode`
// and the bytes `content`. It is then kept in place instead of replaced,
// after an fsync (cheap when it has nothing unwritten) so that it is on disk
// before the switch that counts on it commits, as a staged file would be.
bool is_unchanged(const fs::path& path, const std::string& content, mode_t mode) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_nlink != 1 ||
      info.st_uid != ::geteuid() || (info.st_mode & 07777) != mode ||
      static_cast<std::size_t>(info.st_size) != content.size()) {
    return false;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  std::string bytes(content.size() + 1, '\0');  // one more: a file that grew since lstat
  std::size_t have = 0;
  while (have < bytes.size()) {
    const ssize_t got = ::read(fd, bytes.data() + have, bytes.size() - have);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      break;
    }
    have += static_cast<std::size_t>(got);
  }
  const bool same = have == content.size() && bytes.compare(0, have, content) == 0 && ::fsync(fd) == 0;
  ::close(fd);
  return same;
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
  if (!m_committed && m_staging_created) {
    std::error_code ec;
    fs::remove_all(m_staging, ec);
  }
}

void OutputSwitch::add(const std::string& folder, const std::string& name, const std::string& content,
                       bool owner_only) {
  if (!is_contained(folder + "/" + name) || name == k_manifest_name) {
    throw Error("refusing to write '" + folder + "/" + name + "': not a plain path inside the output folder",
                ExitCode::refused);
  }
  m_files[folder].insert(name);
  if (is_unchanged(m_dir / folder / name, content, owner_only ? 0600 : m_file_mode)) {
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
  if (owner_only) {
    write_private_file(target, content);
  } else {
    write_new_file(target, content, false);
  }
}

std::map<std::string, std::size_t> OutputSwitch::folder_file_counts() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& [folder, names] : m_files) {
    counts[folder] = names.size();
  }
  return counts;
}

void OutputSwitch::commit() {
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
