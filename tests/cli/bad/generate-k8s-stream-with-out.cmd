generate generate-k8s-stream-with-out.yaml --target kubernetes --k8s-layout stream --out out
