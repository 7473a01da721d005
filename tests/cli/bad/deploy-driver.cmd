deploy blue-green deploy-driver.yaml --env prod --version v1 --driver k8s
