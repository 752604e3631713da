"""`factcheck lsp`: a language server for Markdown and plain-text drafts, built on pygls.

`positions` converts columns to the client's encoding, `workspace` holds configuration and
registries (reloaded when their files change), `features` builds diagnostics, code actions
and hovers from findings, `server` wires them to the protocol with debounced checks.
"""
