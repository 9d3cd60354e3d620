"""Planning: split targets exactly over periods, segments and owners; plans; funnels."""
