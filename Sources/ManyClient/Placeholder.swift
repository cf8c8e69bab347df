enum ManyClientPlaceholder {}
