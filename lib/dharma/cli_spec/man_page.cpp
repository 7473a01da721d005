// A page is NAME, SYNOPSIS, DESCRIPTION, then one subsection per command with
// its usage line, positional arguments and options as .TP paragraphs (the
// text of --help, plus the choices and default of each value), so that a
// test can match each option against `dharma COMMAND --help`.

#include "dharma/cli_spec/man_page.hpp"

#include <cctype>
#include <cstdio>

namespace dharma::cli_spec {
namespace {

// groff reads ASCII: each UTF-8 sequence of `text` (already checked valid
// where it was read) becomes the glyph escape \[uXXXX].
std::string unicode_escapes(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      out += text[i++];
      continue;
    }
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    unsigned code = lead & (length == 4 ? 0x07U : length == 3 ? 0x0FU : 0x1FU);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code = (code << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\[u%04X]", code);
    out += buffer;
    i += length;
  }
  return out;
}

std::string upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

std::string header(const std::string& page, const std::string& version) {
  return ".TH " + upper(roff_escape(page)) + " 1 \"\" \"dharma " + roff_escape(version) +
         "\" \"User Commands\"\n";
}

std::string bold(const std::string& text) {
  return "\\fB" + roff_escape(text) + "\\fR";
}
std::string italic(const std::string& text) {
  return "\\fI" + roff_escape(text) + "\\fR";
}

std::string option_entry(const OptionSpec& option) {
  std::string term;
  if (!option.positional_name.empty()) {
    term = italic(option.positional_name) + (option.repeatable ? "\\&..." : "");
  } else {
    for (const auto& spelling : option.spellings()) {
      term += (term.empty() ? "" : ", ") + bold(spelling);
    }
    if (option.takes_value) {
      term += " " + italic(option.type_name.empty() ? "VALUE" : option.type_name) +
              (option.repeatable ? "\\&..." : "");
    }
  }
  std::string text = ".TP\n" + term + "\n" + roff_escape(option.description) + "\n";
  std::string notes;
  if (!option.choices.empty()) {
    std::string list;
    for (const auto& choice : option.choices) {
      list += (list.empty() ? "" : ", ") + bold(choice);
    }
    notes += "One of " + list + ".";
  }
  if (!option.default_value.empty()) {
    notes += std::string(notes.empty() ? "" : " ") + "Default: " + bold(option.default_value) + ".";
  }
  if (option.required) {
    notes += std::string(notes.empty() ? "" : " ") + "Required.";
  }
  return notes.empty() ? text : text + ".br\n" + notes + "\n";
}

std::string command_section(const CommandPath& path) {
  const CommandSpec& command = *path.command;
  std::string text = ".SS \"" + roff_escape(path.full_name) + "\"\n" + roff_escape(command.description) +
                     "\n.PP\n" + bold(path.full_name) + " " + roff_escape(usage_arguments(command)) + "\n";
  if (!command.positionals.empty()) {
    text += ".PP\nArguments:\n.RS\n";
    for (const auto& positional : command.positionals) {
      text += option_entry(positional);
    }
    text += ".RE\n";
  }
  if (!command.options.empty()) {
    text += ".PP\nOptions:\n.RS\n";
    for (const auto& option : command.options) {
      text += option_entry(option);
    }
    text += ".RE\n";
  }
  if (!command.subcommands.empty()) {
    text += ".PP\nSubcommands:\n.RS\n";
    for (const auto& sub : command.subcommands) {
      text += ".TP\n" + bold(sub.name) + "\n" + roff_escape(sub.description) + "\n";
    }
    text += ".RE\n";
  }
  return text;
}

const char* const k_exit_status = R"(.SH "EXIT STATUS"
The same for every command:
.TP
.B 0
success; nothing to report
.TP
.B 1
the command ran and found something (guard findings, drift, a budget exceeded, \fBgenerate \-\-check\fR out of date)
.TP
.B 2
invalid input or usage
.TP
.B 3
a dependency is unavailable (PostgreSQL, PgBouncer, Redis, kubectl), or a file could not be read or written
.TP
.B 4
refused to protect state (quota exceeded, lock held, an applied migration changed)
.TP
.B 130
interrupted
)";

const char* const k_environment = R"(.SH ENVIRONMENT
.TP
.B DHARMA_HOME
the folder holding dharma's data (templates/, policies/, pricing/, migrations/); by default
\fI<executable>/../share/dharma\fR, e.g. \fI/usr/share/dharma\fR
.TP
.B NO_COLOR
when set, no colour in output (as \fB\-\-no\-color\fR)
.SH FILES
.TP
.I /usr/share/dharma
the resource catalog, provider mappings, guard policies, price catalogs and migrations of an installed dharma
)";

std::string root_page(const CommandSpec& root, const std::string& version) {
  // The program's description may start with its own name ("dharma — …"), which NAME already says.
  std::string summary = root.description;
  if (const std::string prefix = root.name + " \u2014 "; summary.rfind(prefix, 0) == 0) {
    summary = summary.substr(prefix.size());
  }
  std::string text = header(root.name, version);
  text += ".SH NAME\n" + roff_escape(root.name) + " \\- " + roff_escape(summary) + "\n";
  text += ".SH SYNOPSIS\n" + bold(root.name) + " " + roff_escape(usage_arguments(root)) + "\n";
  text += ".SH DESCRIPTION\n" + bold(root.name) + ": " + roff_escape(summary) +
          ". Each command family has its own page, listed below; \\fB" + roff_escape(root.name) +
          " COMMAND \\-\\-help\\fR prints the same text.\n";
  text += ".SH COMMANDS\n";
  for (const auto& sub : root.subcommands) {
    text += ".TP\n" + bold(root.name + " " + sub.name) + "\n" + roff_escape(sub.description) + "; see \\fB" +
            roff_escape(root.name + "-" + sub.name) + "\\fR(1).\n";
  }
  text += ".SH OPTIONS\n";
  for (const auto& option : root.options) {
    text += option_entry(option);
  }
  text += k_exit_status;
  text += k_environment;
  text += ".SH \"SEE ALSO\"\n";
  for (std::size_t i = 0; i < root.subcommands.size(); ++i) {
    text += (i == 0 ? "" : ",\n") + bold(root.name + "-" + root.subcommands[i].name) + "(1)";
  }
  return text + "\n";
}

std::string family_page(const CommandSpec& root, const CommandSpec& family, const std::string& version) {
  const std::string page = root.name + "-" + family.name;
  std::string text = header(page, version);
  text += ".SH NAME\n" + roff_escape(page) + " \\- " + roff_escape(family.description) + "\n";
  text += ".SH SYNOPSIS\n";
  std::vector<CommandPath> paths = all_commands(family);
  bool first = true;
  for (auto& path : paths) {
    path.full_name = root.name + " " + path.full_name;
    if (path.command->requires_subcommand) {
      continue;  // not runnable by itself
    }
    text += std::string(first ? "" : ".br\n") + bold(path.full_name) + " " +
            roff_escape(usage_arguments(*path.command)) + "\n";
    first = false;
  }
  text += ".SH DESCRIPTION\n" + roff_escape(family.description) + ".\n";
  text += ".SH COMMANDS\n";
  for (const auto& path : paths) {
    text += command_section(path);
  }
  text += ".SH \"SEE ALSO\"\n" + bold(root.name) + "(1)\n";
  return text;
}

}  // namespace

std::string roff_escape(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\\') {
      escaped += "\\e";
    } else if (c == '-') {
      escaped += "\\-";
    } else if (c == '\n') {
      escaped += "\n.br\n";
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      escaped += c;  // collected below: a UTF-8 sequence becomes \[uXXXX]
    } else {
      escaped += c;
    }
  }
  escaped = unicode_escapes(escaped);
  if (!escaped.empty() && (escaped.front() == '.' || escaped.front() == '\'')) {
    escaped.insert(0, "\\&");
  }
  return escaped;
}

std::vector<ManPage> man_pages(const CommandSpec& root, const std::string& version) {
  std::vector<ManPage> pages{{root.name + ".1", root_page(root, version)}};
  for (const auto& family : root.subcommands) {
    pages.push_back({root.name + "-" + family.name + ".1", family_page(root, family, version)});
  }
  return pages;
}

}  // namespace dharma::cli_spec
