"""Set, check, plan and track SMART sales goals."""
