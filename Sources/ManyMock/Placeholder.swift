enum ManyMockPlaceholder {}
