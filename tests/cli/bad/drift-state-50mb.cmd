drift drift-state-50mb.yaml --state drift-state-50mb.tfstate --only-managed
