enum ManyModulesPlaceholder {}
