// Attribute and block names of every Terraform resource and data source, read
// from the @cdktf/provider-aws|google|azurerm packages.
//
// Each resource class in those packages is generated from the provider's
// schema: its synthesizeHclAttributes() lists every attribute (isBlock: false)
// and nested block (isBlock: true, converted by a <name>ToHclTerraform
// function that lists the block's own attributes the same way). We read that
// compiled JavaScript as text instead of running it (the classes need a whole
// cdktf app to instantiate), and cache the result per package version in
// $DHARMA_SCHEMA_CACHE (default: node_modules/.cache/dharma-schemas).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, '..', 'node_modules');
const packages = { aws: '@cdktf/provider-aws', google: '@cdktf/provider-google', azurerm: '@cdktf/provider-azurerm' };

// Entries of the `const attrs = { ... }` object that starts at `from`.
function attrsAt(text, from) {
  const start = text.indexOf('const attrs = {', from);
  if (start < 0) return [];
  const out = [];
  const entry = /^ {12}(\w+): \{\n\s+value: (.*),\n\s+isBlock: (true|false),/gm;
  entry.lastIndex = start;
  const end = text.indexOf('\n        };', start);
  let m;
  while ((m = entry.exec(text)) && m.index < end) {
    out.push({ name: m[1], value: m[2], isBlock: m[3] === 'true' });
  }
  return out;
}

// attrsAt() for a converter function, whose body is indented one level less.
function functionAttrs(text, fn) {
  const start = text.indexOf(`function ${fn}(struct) {`);
  if (start < 0) return null;
  const body = text.slice(start, text.indexOf('\n}\n', start));
  const out = [];
  const entry = /^ {8}(\w+): \{\n\s+value: (.*),\n\s+isBlock: (true|false),/gm;
  let m;
  while ((m = entry.exec(body))) out.push({ name: m[1], value: m[2], isBlock: m[3] === 'true' });
  return out;
}

function schemaOf(text, entries, depth = 0) {
  const schema = { attributes: [], blocks: {} };
  for (const e of entries) {
    if (!e.isBlock) { schema.attributes.push(e.name); continue; }
    const fn = (e.value.match(/(\w+ToHclTerraform)/) || [])[1];
    const nested = fn && depth < 8 ? functionAttrs(text, fn) : null;
    schema.blocks[e.name] = nested ? schemaOf(text, nested, depth + 1) : { attributes: [], blocks: {}, unknown: true };
  }
  return schema;
}

function extract(pkg) {
  const lib = path.join(modules, pkg, 'lib');
  const out = { resource: {}, data: {} };
  for (const dir of fs.readdirSync(lib)) {
    const file = path.join(lib, dir, 'index.js');
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const type = (text.match(/\.tfResourceType = "([\w-]+)";/) || [])[1];
    const synth = text.indexOf('synthesizeHclAttributes() {');
    if (!type || synth < 0 || dir === 'provider') continue;
    out[dir.startsWith('data-') ? 'data' : 'resource'][type] = schemaOf(text, attrsAt(text, synth));
  }
  return out;
}

// {resource: {type: schema}, data: {type: schema}} for provider `name` (aws, google, azurerm).
export function providerSchemas(name) {
  const pkg = packages[name];
  const version = JSON.parse(fs.readFileSync(path.join(modules, pkg, 'package.json'), 'utf8')).version;
  const cacheDir = process.env.DHARMA_SCHEMA_CACHE || path.join(modules, '.cache', 'dharma-schemas');
  const cache = path.join(cacheDir, `${name}-${version}.json`);
  if (fs.existsSync(cache)) return JSON.parse(fs.readFileSync(cache, 'utf8'));
  const schemas = extract(pkg);
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(cache + '.tmp', JSON.stringify(schemas));
  fs.renameSync(cache + '.tmp', cache);
  return schemas;
}

export const providerOfType = (type) => Object.keys(packages).find((p) => type.startsWith(p + '_'));
