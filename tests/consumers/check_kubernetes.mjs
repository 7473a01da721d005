// Checks one generated kubernetes/ folder:
//   node check_kubernetes.mjs DIR [EXPECTED.json]
// every NN-kind-name.yaml holds one object that the Kubernetes schemas accept
// (validate()) both of the newest and of the oldest Kubernetes version dharma
// supports (docs/generate.md): `kubernetes-models` and `kubernetes-models-old`
// in package.json. kustomization.yaml lists exactly
// those files in order, and with EXPECTED the ConfigMap data parses back to
// exactly the strings the blueprint held.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const failures = [];
const dir = process.argv[2];
const expected = process.argv[3] ? JSON.parse(fs.readFileSync(process.argv[3], 'utf8')) : null;

// The schema packages, newest first, and the Kubernetes version each holds.
const schemas = [
  {pkg: 'kubernetes-models', kubernetes: 'newest'},
  {pkg: 'kubernetes-models-old', kubernetes: '1.23 (oldest supported)'},
];

async function modelClass(pkg, apiVersion, kind) {
  const module = apiVersion.includes('/') ? `${pkg}/${apiVersion}` : `${pkg}/v1`;
  try {
    return (await import(module))[kind];
  } catch {
    return undefined;
  }
}

const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
let validated = 0;
for (const file of files) {
  const documents = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'));
  if (documents.length !== 1 || documents[0].errors.length) {
    failures.push(`${file}: not exactly one valid YAML document`);
    continue;
  }
  const object = documents[0].toJS();
  let valid = true;
  for (const schema of schemas) {
    const Model = await modelClass(schema.pkg, object.apiVersion, object.kind);
    if (!Model) {
      failures.push(`${file}: ${schema.pkg} (Kubernetes ${schema.kubernetes}) has no ${object.apiVersion} ${object.kind}`);
      valid = false;
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      failures.push(`${file}: Kubernetes ${schema.kubernetes} (${schema.pkg}): ${error.message}`);
      valid = false;
    }
  }
  if (valid) validated++;
  const expectedName = `${object.kind.toLowerCase()}-${object.metadata?.name}.yaml`;
  if (!file.endsWith(expectedName)) failures.push(`${file}: named for another object (${expectedName})`);
  if (expected?.configmap_data && object.kind === 'ConfigMap') {
    for (const [key, value] of Object.entries(expected.configmap_data)) {
      if (object.data?.[key] !== value) {
        failures.push(`${file}: data.${key} parsed ${JSON.stringify(object.data?.[key])}, blueprint said ${JSON.stringify(value)}`);
      }
    }
  }
}
const kustomization = YAML.parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'));
if (JSON.stringify(kustomization.resources) !== JSON.stringify(files)) {
  failures.push(`kustomization.yaml lists ${JSON.stringify(kustomization.resources)}, the folder has ${JSON.stringify(files)}`);
}
console.log(`kubernetes ${dir}: ${validated} of ${files.length} objects valid for every schema`);
for (const f of failures) console.error('FAIL ' + f);
process.exit(failures.length ? 1 : 0);
