# Copies the shared example (and its parameter values) into the scratch folder.
cp "$DHARMA_HOME/examples/gcp-data-platform.yaml" .
if [[ -f "$DHARMA_HOME/tests/examples/gcp-data-platform.values.yaml" ]]; then cp "$DHARMA_HOME/tests/examples/gcp-data-platform.values.yaml" values.yaml; fi
