generate generate-k8s-stream-target-all.yaml --k8s-layout stream
