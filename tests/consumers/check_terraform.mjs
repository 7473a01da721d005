// Checks one generated terraform/ folder against HashiCorp's HCL parser and
// the provider schemas:
//   node check_terraform.mjs roundtrip HCL_DIR JSON_DIR [EXPECTED.json]
//     every *.tf parses with @cdktf/hcl2json and equals dharma's own *.tf.json
//     rendering of the same blueprint; with EXPECTED, the listed values parse
//     back to exactly the strings the blueprint held
//   node check_terraform.mjs schemas HCL_DIR
//     every attribute and block name of every aws_*, google_*, azurerm_*
//     resource and data source exists in that provider's schema
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { providerSchemas, providerOfType } from './lib/provider_schemas.mjs';

const failures = [];
const fail = (message) => failures.push(message);

async function parseFolder(dir) {
  const merged = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).sort()) {
    const parsed = await parse(file, fs.readFileSync(path.join(dir, file), 'utf8'));
    merged[file] = parsed;
  }
  return merged;
}

// Both sides in one shape: single-element arrays of objects (one block) unwrapped,
// whitespace inside ${...} expressions dropped (hcl2json keeps multi-line source).
function normalize(value, key = '') {
  if (Array.isArray(value)) {
    if (value.length === 1 && value[0] && typeof value[0] === 'object' && !Array.isArray(value[0])) {
      return normalize(value[0], key);
    }
    return value.map((v) => normalize(v, key));
  }
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = normalize(value[k], k);
    return out;
  }
  if (typeof value === 'string' && /^\$\{[\s\S]*\}$/.test(value) && !value.startsWith('$${')) {
    const inner = value.slice(2, -1).replace(/[\s,]+/g, ''); // layout only: newlines vs ', '
    // Type constraints and depends_on are bare words in JSON syntax.
    return key === 'type' || key === 'depends_on' ? inner : '${' + inner + '}';
  }
  return value;
}

// The first place two normalized values differ, as `path: a != b`.
function difference(a, b, where = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = difference(a[k], b[k], `${where}.${k}`);
      if (d) return d;
    }
  }
  return `${where}: ${JSON.stringify(a)?.slice(0, 300)} != ${JSON.stringify(b)?.slice(0, 300)}`;
}

// Undoes template escaping: what Terraform will see as the string's value.
const templateValue = (s) => s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

function lookup(parsed, address) {
  const [type, name] = address.split('.');
  for (const file of Object.values(parsed)) {
    const block = file.resource?.[type]?.[name];
    if (block) return block[0];
  }
  return undefined;
}

function sameStrings(actual, expected, where) {
  if (typeof expected === 'string') {
    if (typeof actual !== 'string' || templateValue(actual) !== expected) {
      fail(`${where}: parsed ${JSON.stringify(actual)}, blueprint said ${JSON.stringify(expected)}`);
    }
    return;
  }
  // Keys are templates too (`"$${x}" = ...` is the key `${x}`): match them by their value.
  const byValue = new Map(Object.keys(actual ?? {}).map((k) => [templateValue(k), k]));
  for (const [k, v] of Object.entries(expected)) sameStrings(actual?.[byValue.get(k) ?? k], v, `${where}.${k}`);
}

async function roundtrip(hclDir, jsonDir, expectedFile) {
  const parsed = await parseFolder(hclDir);
  for (const [file, content] of Object.entries(parsed)) {
    const jsonFile = path.join(jsonDir, file + '.json');
    if (!fs.existsSync(jsonFile)) {
      fail(`${file}: no ${file}.json from --tf-format json`);
      continue;
    }
    const ours = normalize(JSON.parse(fs.readFileSync(jsonFile, 'utf8')));
    const theirs = normalize(content);
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      fail(`${hclDir}/${file}: HashiCorp's parser (left) reads something else than dharma's JSON rendering ` +
        `(right) at ${difference(theirs, ours)}`);
    }
  }
  if (expectedFile) {
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
    for (const [address, tags] of Object.entries(expected.terraform_tags || {})) {
      sameStrings(lookup(parsed, address)?.tags, tags, `${address}.tags`);
    }
    for (const [address, attributes] of Object.entries(expected.terraform_attributes || {})) {
      sameStrings(lookup(parsed, address), attributes, address);
    }
    for (const [name, value] of Object.entries(expected.variable_defaults || {})) {
      sameStrings(parsed['variables.tf']?.variable?.[name]?.[0]?.default, value, `variable.${name}.default`);
    }
  }
}

function checkBody(body, schema, where) {
  for (const [key, value] of Object.entries(body)) {
    if (['count', 'depends_on', 'for_each', 'provider', 'lifecycle'].includes(key)) continue;
    if (schema.attributes.includes(key)) continue;
    if (schema.blocks[key]) {
      const sub = schema.blocks[key];
      if (sub.unknown) continue;
      for (const block of Array.isArray(value) ? value : [value]) {
        if (block && typeof block === 'object') checkBody(block, sub, `${where}.${key}`);
      }
      continue;
    }
    fail(`${where}: '${key}' is not an attribute or block of the provider schema`);
  }
}

async function schemas(hclDir) {
  const parsed = await parseFolder(hclDir);
  let checked = 0;
  for (const [file, content] of Object.entries(parsed)) {
    for (const kind of ['resource', 'data']) {
      for (const [type, byName] of Object.entries(content[kind] || {})) {
        const provider = providerOfType(type);
        if (!provider) continue;
        const schema = providerSchemas(provider)[kind][type];
        for (const [name, bodies] of Object.entries(byName)) {
          const where = `${hclDir}/${file}: ${kind === 'data' ? 'data.' : ''}${type}.${name}`;
          if (!schema) {
            fail(`${where}: the ${provider} provider has no ${kind} type ${type}`);
            continue;
          }
          for (const body of bodies) checkBody(body, schema, where);
          checked++;
        }
      }
    }
  }
  return checked;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'roundtrip') {
  await roundtrip(args[0], args[1], args[2]);
  console.log(`roundtrip ${args[0]}: ${failures.length ? 'FAILED' : 'ok'}`);
} else if (mode === 'schemas') {
  const checked = await schemas(args[0]);
  console.log(`schemas ${args[0]}: ${checked} resources checked, ${failures.length} problems`);
} else {
  console.error('usage: check_terraform.mjs roundtrip HCL_DIR JSON_DIR [EXPECTED] | schemas HCL_DIR');
  process.exit(2);
}
for (const f of failures) console.error('FAIL ' + f);
process.exit(failures.length ? 1 : 0);
