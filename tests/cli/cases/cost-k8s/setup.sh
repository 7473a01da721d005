# Copies the shared example (and its parameter values) into the scratch folder.
cp "$DHARMA_HOME/examples/k8s-platform.yaml" .
if [[ -f "$DHARMA_HOME/tests/examples/k8s-platform.values.yaml" ]]; then cp "$DHARMA_HOME/tests/examples/k8s-platform.values.yaml" values.yaml; fi
