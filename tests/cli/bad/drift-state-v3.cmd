drift drift-state-v3.yaml --state drift-state-v3.tfstate
