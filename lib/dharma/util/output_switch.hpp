#pragma once
// Switching an output directory (generate's --out) from the files dharma
// wrote last time to the new ones, in one step, without touching anything
// else that lives there (Terraform's state, .terraform/, a user's notes):
//
// * Every file is written to a staging folder, DIR/.dharma-staging.XXXX,
//   as soon as it is rendered, so no run holds all its output in memory.
// * Each output folder gets a manifest, FOLDER/.dharma-generated, listing the
//   files dharma wrote there. The switch replaces those files and removes the
//   ones the previous manifest listed that are no longer generated; files no
//   manifest lists are foreign and are never replaced or removed (unless
//   dharma writes a file of that very name).
// * The switch is first written down as a journal, DIR/.dharma-switch
//   (written whole, synced and renamed into place: that rename is the commit
//   point), then carried out with one rename per file while SIGINT and
//   SIGTERM are held back. A run stopped before the commit point leaves the
//   old files (the next run removes its staging folder); one killed after it
//   (kill -9, power loss) leaves the journal, and the next run in DIR
//   finishes the switch before anything else. So DIR holds all old or all new
//   generated files, never a mix, once a run has ended.
// * A file already in place with exactly the new bytes (a regular file of
//   ours with the same mode and no other link) is not staged: it is synced
//   and kept, so a run whose output did not change renames and syncs nothing
//   else, and one that changed a few files replaces only those. The file in
//   place is compared block by block as the new bytes arrive, never read
//   whole.
// * A large file (generate's main.tf) can be handed over in pieces
//   (begin_file, write_piece, end_file), so neither the renderer nor the
//   switch holds all of it: while the pieces match the file in place nothing
//   is staged; from the first difference on, the matched prefix is copied
//   from the file in place and the rest written to the staging folder.
//
// The caller holds a DirectoryLock on DIR (exclusive) from before creating an
// OutputSwitch until after commit().

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dharma::util {

inline constexpr char k_manifest_name[] = ".dharma-generated";

// The files dharma wrote in `folder` (names relative to it), from its
// manifest; nullopt when it has none. Entries that could reach outside the
// folder (absolute, `..`, empty) are ignored.
std::optional<std::set<std::string>> read_manifest(const std::filesystem::path& folder);

// True when a run was killed in the middle of a switch in `dir` (its journal
// is still there); the next OutputSwitch in `dir` finishes it.
bool has_pending_switch(const std::filesystem::path& dir);

class OutputSwitch {
 public:
  // Finishes a switch a killed run left in `dir` and removes staging folders
  // of runs that were stopped; this run's staging folder is created when
  // the first file needs staging. `dir` must exist. Throws Error (exit 3)
  // on a write failure.
  explicit OutputSwitch(const std::filesystem::path& dir);
  ~OutputSwitch();  // removes the staging folder unless commit() finished
  OutputSwitch(const OutputSwitch&) = delete;
  OutputSwitch& operator=(const OutputSwitch&) = delete;

  // Writes DIR/`folder`/`name` to the staging folder; with `owner_only`
  // the file is mode 0600 from its first byte (a file of secret values).
  void add(const std::string& folder, const std::string& name, const std::string& content,
           bool owner_only = false);

  // add() for a file handed over in pieces, for an output too large to hold
  // at once: begin_file, write_piece for each piece in order, end_file. One
  // file at a time, never owner_only. A file left open (an error before
  // end_file) is discarded with the staging folder.
  void begin_file(const std::string& folder, const std::string& name);
  void write_piece(std::string_view piece);
  void end_file();

  // The folders that received files, with how many each (manifest not counted).
  std::map<std::string, std::size_t> folder_file_counts() const;

  // Switches every folder that received files. Throws Error before the
  // commit point (old files untouched): exit 3 on a write failure, exit 4
  // when a directory sits where a generated file goes.
  void commit();

  // After commit(): the entries of `folder` that had no manifest before and
  // that dharma did not write (kept in place), sorted; directories end in '/'.
  std::vector<std::string> kept_without_manifest(const std::string& folder) const;

 private:
  std::filesystem::path m_dir;
  std::filesystem::path m_staging;
  unsigned m_file_mode;                                  // a new file's mode under this umask
  std::map<std::string, std::set<std::string>> m_files;  // folder -> names
  std::set<std::string> m_unchanged;                     // folder/name already in place
  std::map<std::string, std::vector<std::string>> m_kept;
  bool m_committed = false;
  bool m_staging_created = false;
  struct OpenFile;
  std::unique_ptr<OpenFile> m_open;  // between begin_file and end_file

  void create_staging();
  void open_file(const std::string& folder, const std::string& name, std::optional<std::size_t> size);
  void stage(OpenFile& file);
};

}  // namespace dharma::util
