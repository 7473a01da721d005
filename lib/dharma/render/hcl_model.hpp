#pragma once
// A small HCL document model: just what dharma emits (blocks, attributes and
// expressions), built by the Terraform renderer and written either as native
// syntax (hcl_writer) or as Terraform's JSON syntax (hcl_json).
//
// Literal strings are kept as text and escaped only by the writers, so a
// property value can never become HCL structure. Terraform references and
// function calls that dharma itself builds are `raw` expressions.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dharma::render::hcl {

struct Expression;

// One piece of a quoted template: literal text, or an interpolated raw expression.
struct StringPart {
  std::string text;
  bool interpolation = false;  // `text` is an expression written as ${text}
};

struct Expression {
  enum class Kind {
    null,
    boolean,
    number,   // `text` holds the literal as written (42, 1.5)
    string,   // `parts`: a quoted template
    raw,      // `text`: a reference or call (aws_vpc.vpc.id, var.x, lower(var.y))
    keyword,  // `text`: a bare word that JSON syntax writes as a plain string (type constraints, depends_on
              // items)
    list,
    object,
    call,  // `text`(items...): a Terraform function call whose last argument may span lines
  };
  Kind kind = Kind::null;
  bool boolean = false;
  std::string text;
  std::vector<StringPart> parts;
  std::vector<Expression> items;
  std::vector<std::pair<std::string, Expression>> entries;

  static Expression null_value() { return {}; }
  static Expression from_bool(bool value);
  static Expression from_integer(long long value);
  static Expression from_number(double value);
  static Expression from_string(std::string value);
  static Expression from_template(std::vector<StringPart> parts);
  static Expression from_raw(std::string expression);
  static Expression from_keyword(std::string word);
  static Expression from_list(std::vector<Expression> items);
  static Expression from_object(std::vector<std::pair<std::string, Expression>> entries);
  static Expression from_call(std::string function, std::vector<Expression> args);

  // Scalars and raw expressions fit on one line; objects and lists of objects do not.
  bool is_multiline() const;
  bool operator==(const Expression&) const = default;
};

struct Block;

struct Attribute {
  std::string name;
  Expression value;
};

// A blank line the renderer asks for (e.g. after meta-arguments).
struct Separator {};

using BodyItem = std::variant<Attribute, Block, Separator>;

struct Body {
  std::vector<BodyItem> items;

  void attribute(std::string name, Expression value);
  Block& block(std::string type, std::vector<std::string> labels = {});
  void separator();
  bool empty() const { return items.empty(); }
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  Body body;
};

// A file: top-level blocks, written with one blank line between them.
struct Document {
  std::vector<Block> blocks;
  Block& block(std::string type, std::vector<std::string> labels = {});
};

// True for names HCL accepts bare: [A-Za-z_][A-Za-z0-9_-]*.
bool is_identifier(const std::string& name);

}  // namespace dharma::render::hcl
