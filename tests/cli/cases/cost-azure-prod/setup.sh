# Copies the shared example (and its parameter values) into the scratch folder.
cp "$DHARMA_HOME/examples/azure-app.yaml" .
if [[ -f "$DHARMA_HOME/tests/examples/azure-app.values.yaml" ]]; then cp "$DHARMA_HOME/tests/examples/azure-app.values.yaml" values.yaml; fi
