drift drift-no-state.yaml
