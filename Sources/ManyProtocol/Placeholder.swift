enum ManyProtocolPlaceholder {}
