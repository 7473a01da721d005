# Copies the shared example (and its parameter values) into the scratch folder.
cp "$DHARMA_HOME/examples/aws-web-app.yaml" .
if [[ -f "$DHARMA_HOME/tests/examples/aws-web-app.values.yaml" ]]; then cp "$DHARMA_HOME/tests/examples/aws-web-app.values.yaml" values.yaml; fi
