generate generate-k8s-stream-check.yaml --target kubernetes --k8s-layout stream --check
