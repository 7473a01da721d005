#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "dharma/render/hcl_json.hpp"
#include "dharma/render/hcl_writer.hpp"
#include "dharma/util/error.hpp"

using namespace dharma::render::hcl;

TEST_CASE("hcl::quote, escapes everything that could change structure") {
  CHECK(quote("plain") == "\"plain\"");
  CHECK(quote("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(quote("C:\\dir") == "\"C:\\\\dir\"");
  CHECK(quote("a\nb\tc\r") == "\"a\\nb\\tc\\r\"");
  CHECK(quote("${var.x}") == "\"$${var.x}\"");
  CHECK(quote("%{ if true }") == "\"%%{ if true }\"");
  CHECK(quote("$5 and 100%") == "\"$5 and 100%\"");
  CHECK(quote("caf\xc3\xa9") == "\"caf\\u00E9\"");
  CHECK(quote("\xf0\x9f\x98\x80") == "\"\\U0001F600\"");
  CHECK(quote(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
}

TEST_CASE("hcl::object_key, quotes keys that are not plain identifiers") {
  CHECK(object_key("Name") == "Name");
  CHECK(object_key("cost-center") == "\"cost-center\"");
  CHECK(object_key("app.kubernetes.io/name") == "\"app.kubernetes.io/name\"");
  CHECK(object_key("true") == "\"true\"");
  CHECK(object_key("") == "\"\"");
}

TEST_CASE("hcl::write_native, aligns runs of attributes like terraform fmt") {
  Document document;
  auto& resource = document.block("resource", {"aws_instance", "web"});
  resource.body.attribute("count", Expression::from_raw("var.web_count"));
  resource.body.separator();
  resource.body.attribute("ami", Expression::from_string("ami-1"));
  resource.body.attribute("instance_type", Expression::from_string("t3.medium"));
  resource.body.attribute("subnet_id", Expression::from_raw("aws_subnet.subnet_a.id"));
  resource.body.attribute("tags",
                          Expression::from_object({{"Name", Expression::from_string("web")},
                                                   {"cost-center", Expression::from_string("cc-42")}}));
  resource.body.attribute("monitoring", Expression::from_bool(true));
  auto& disk = resource.body.block("root_block_device");
  disk.body.attribute("volume_size", Expression::from_integer(30));
  disk.body.attribute("encrypted", Expression::from_bool(true));
  document.block("output", {"ids"})
      .body.attribute("value",
                      Expression::from_list({Expression::from_string("a"), Expression::from_number(1.5)}));

  CHECK(write_native(document) ==
        "resource \"aws_instance\" \"web\" {\n"
        "  count = var.web_count\n"
        "\n"
        "  ami           = \"ami-1\"\n"
        "  instance_type = \"t3.medium\"\n"
        "  subnet_id     = aws_subnet.subnet_a.id\n"
        "  tags = {\n"
        "    Name          = \"web\"\n"
        "    \"cost-center\" = \"cc-42\"\n"
        "  }\n"
        "  monitoring = true\n"
        "\n"
        "  root_block_device {\n"
        "    volume_size = 30\n"
        "    encrypted   = true\n"
        "  }\n"
        "}\n"
        "\n"
        "output \"ids\" {\n"
        "  value = [\"a\", 1.5]\n"
        "}\n");
}

TEST_CASE("hcl::write_native, lists of objects and empty containers") {
  Document document;
  auto& locals = document.block("locals");
  locals.body.attribute(
      "rules", Expression::from_list({Expression::from_object({{"port", Expression::from_integer(443)}})}));
  locals.body.attribute("none", Expression::from_object({}));
  locals.body.attribute("empty", Expression::from_list({}));
  document.block("terraform");
  CHECK(write_native(document) ==
        "locals {\n"
        "  rules = [\n"
        "    {\n"
        "      port = 443\n"
        "    },\n"
        "  ]\n"
        "  none  = {}\n"
        "  empty = []\n"
        "}\n"
        "\n"
        "terraform {}\n");
}

TEST_CASE("hcl::write_json, uses Terraform's JSON syntax") {
  Document document;
  auto& variable = document.block("variable", {"web_count"});
  variable.body.attribute("type", Expression::from_keyword("number"));
  variable.body.attribute("default", Expression::from_integer(2));
  auto& resource = document.block("resource", {"aws_instance", "web"});
  resource.body.attribute("name",
                          Expression::from_template({{"web-", false}, {"var.env", true}, {"-${x}", false}}));
  resource.body.attribute("depends_on", Expression::from_list({Expression::from_keyword("aws_vpc.vpc")}));
  resource.body.block("root_block_device").body.attribute("volume_size", Expression::from_raw("var.disk"));
  CHECK(write_json(document) ==
        "{\n"
        "  \"variable\": {\n"
        "    \"web_count\": {\n"
        "      \"type\": \"number\",\n"
        "      \"default\": 2\n"
        "    }\n"
        "  },\n"
        "  \"resource\": {\n"
        "    \"aws_instance\": {\n"
        "      \"web\": {\n"
        "        \"name\": \"web-${var.env}-$${x}\",\n"
        "        \"depends_on\": [\n"
        "          \"aws_vpc.vpc\"\n"
        "        ],\n"
        "        \"root_block_device\": {\n"
        "          \"volume_size\": \"${var.disk}\"\n"
        "        }\n"
        "      }\n"
        "    }\n"
        "  }\n"
        "}\n");
}

TEST_CASE("hcl writers refuse an argument or block name that is not an identifier") {
  Document document;
  auto& resource = document.block("resource", {"aws_ssm_parameter", "notes"});
  resource.body.attribute("x\" = 1\n}\nresource \"terraform_data\" \"pwn\" {\n  z",
                          Expression::from_string("v"));
  CHECK_THROWS_AS(write_native(document), dharma::util::Error);
  CHECK_THROWS_AS(write_json(document), dharma::util::Error);

  Document blocks;
  blocks.block("resource", {"aws_security_group", "web"}).body.block("ingress }");
  CHECK_THROWS_AS(write_native(blocks), dharma::util::Error);
  CHECK_THROWS_AS(write_json(blocks), dharma::util::Error);
}

TEST_CASE("hcl::write_json, doubles template sequences in object keys (Terraform reads them as templates)") {
  Document document;
  document.block("locals").body.attribute(
      "tags",
      Expression::from_object({{"a ${file(\"/etc/passwd\")} %{ if true }", Expression::from_string("v")}}));
  const std::string json = write_json(document);
  CHECK(json.find("\"a $${file(\\\"/etc/passwd\\\")} %%{ if true }\": \"v\"") != std::string::npos);
}

TEST_CASE("hcl::append_native, appends each block as write_native writes it alone") {
  Document document;
  auto& resource = document.block("resource", {"aws_instance", "web"});
  resource.body.attribute("count", Expression::from_raw("var.web_count"));
  resource.body.separator();
  resource.body.attribute("tags", Expression::from_object({{"Name", Expression::from_string("web")}}));
  resource.body.block("root_block_device").body.attribute("volume_size", Expression::from_integer(30));
  document.block("output", {"ids"}).body.attribute("value", Expression::from_list({}));
  document.block("terraform");

  std::string appended = "# already written\n";
  std::string expected = appended;
  for (const auto& block : document.blocks) {
    append_native(appended, block);
    Document alone;
    alone.blocks.push_back(block);
    expected += write_native(alone);
  }
  CHECK(appended == expected);
  CHECK(appended.find("resource \"aws_instance\" \"web\" {\n  count = var.web_count\n") != std::string::npos);
}

namespace {

// hcl::quote one byte at a time, as it was written before runs of plain
// bytes were copied at once: the reference the fast path must match.
std::string quote_byte_by_byte(const std::string& text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      const std::size_t start = i;
      ++i;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 && i - start < 4) {
        ++i;
      }
      // The writer decodes the sequence; hand it a string holding just this sequence.
      const std::string one = quote(text.substr(start, i - start));
      out += one.substr(1, one.size() - 2);
      continue;
    }
    const char c = text[i++];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '$':
      case '%':
        out += c;
        if (i < text.size() && text[i] == '{') {
          out += c;
        }
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04X", byte);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("hcl::quote, copying runs of plain bytes writes what escaping byte by byte writes") {
  // Every ASCII byte between, before and after runs of plain text, and the sigils before `{`.
  for (int byte = 0; byte < 0x80; ++byte) {
    const char c = static_cast<char>(byte);
    for (const std::string& text :
         {std::string(1, c), "ab" + std::string(1, c) + "cd", std::string(1, c) + "{x}" + std::string(1, c),
          "run " + std::string(3, c)}) {
      CAPTURE(byte);
      CHECK(quote(text) == quote_byte_by_byte(text));
    }
  }
  CHECK(quote("name-${x} 100%{ caf\xc3\xa9 \"q\" \\") ==
        quote_byte_by_byte("name-${x} 100%{ caf\xc3\xa9 \"q\" \\"));
}

TEST_CASE("hcl::is_identifier, letters, digits, '_' and '-', not starting with a digit or '-'") {
  CHECK(is_identifier("aws_instance"));
  CHECK(is_identifier("_x-1"));
  CHECK(is_identifier("Z"));
  CHECK_FALSE(is_identifier(""));
  CHECK_FALSE(is_identifier("1a"));
  CHECK_FALSE(is_identifier("-a"));
  CHECK_FALSE(is_identifier("a.b"));
  CHECK_FALSE(is_identifier("a b"));
  CHECK_FALSE(is_identifier("caf\xc3\xa9"));
  for (int byte = 0; byte < 256; ++byte) {
    const char c = static_cast<char>(byte);
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool more = letter || (c >= '0' && c <= '9') || c == '-';
    CAPTURE(byte);
    CHECK(is_identifier(std::string(1, c)) == letter);
    CHECK(is_identifier("a" + std::string(1, c)) == more);
  }
}
