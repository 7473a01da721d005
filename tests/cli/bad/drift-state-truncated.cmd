drift drift-state-truncated.yaml --state drift-state-truncated.tfstate
