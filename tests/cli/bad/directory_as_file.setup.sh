mkdir -p blueprints.d
