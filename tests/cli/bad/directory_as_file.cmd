blueprint validate blueprints.d
