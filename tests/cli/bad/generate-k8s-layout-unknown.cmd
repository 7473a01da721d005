generate generate-k8s-layout-unknown.yaml --target kubernetes --k8s-layout flat --out out
