generate generate-k8s-stream-secret-in-manifest.yaml --target kubernetes --k8s-layout stream
