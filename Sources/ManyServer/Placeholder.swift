enum ManyServerPlaceholder {}
