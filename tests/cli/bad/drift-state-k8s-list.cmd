drift drift-state-k8s-list.yaml --state drift-state-k8s-list.json
