drift drift-state-missing-file.yaml --state nowhere.tfstate
