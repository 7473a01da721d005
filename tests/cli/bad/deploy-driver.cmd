deploy blue-green deploy-driver.yaml --env prod --version v1 --driver kubernetes
