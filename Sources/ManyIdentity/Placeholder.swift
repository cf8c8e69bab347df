enum ManyIdentityPlaceholder {}
