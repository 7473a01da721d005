cost cost-budget-negative.yaml --budget=-5
