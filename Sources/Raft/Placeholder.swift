enum RaftPlaceholder {}
