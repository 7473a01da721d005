deploy blue-green deploy-version.yaml --env prod --version 'v1;rm -rf /'
