cost cost-dharma-yaml-budget.yaml
