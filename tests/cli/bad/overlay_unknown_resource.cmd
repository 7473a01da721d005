blueprint validate overlay_unknown_resource.yaml --env prod
