cost cost-budget-text.yaml --budget lots
