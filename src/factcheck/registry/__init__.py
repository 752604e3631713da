"""The claims registry: the Claim, extraction from an article, registry files, index and cache, curation."""
