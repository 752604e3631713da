"""check and extract commands (filled in by the checker work)."""
