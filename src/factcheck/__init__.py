"""factcheck: check Chinese news drafts against a claims registry built from a source article."""

__version__ = "0.1.0"
