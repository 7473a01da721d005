drift drift-state-plan.yaml --state drift-state-plan.json
