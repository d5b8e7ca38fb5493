"""lintnews as a language server: live findings, fixes and explanations in any editor that speaks LSP."""
