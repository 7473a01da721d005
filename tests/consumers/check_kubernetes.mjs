// Checks one generated kubernetes/ folder:
//   node check_kubernetes.mjs DIR [EXPECTED.json]
// every NN-kind-name.yaml holds one object that the Kubernetes schemas of
// `kubernetes-models` accept (validate()), kustomization.yaml lists exactly
// those files in order, and with EXPECTED the ConfigMap data parses back to
// exactly the strings the blueprint held.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const failures = [];
const dir = process.argv[2];
const expected = process.argv[3] ? JSON.parse(fs.readFileSync(process.argv[3], 'utf8')) : null;

async function modelClass(apiVersion, kind) {
  const module = apiVersion.includes('/') ? `kubernetes-models/${apiVersion}` : `kubernetes-models/v1`;
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
  const Model = await modelClass(object.apiVersion, object.kind);
  if (!Model) {
    failures.push(`${file}: kubernetes-models has no ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
    validated++;
  } catch (error) {
    failures.push(`${file}: ${error.message}`);
  }
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
console.log(`kubernetes ${dir}: ${validated} of ${files.length} objects valid`);
for (const f of failures) console.error('FAIL ' + f);
process.exit(failures.length ? 1 : 0);
