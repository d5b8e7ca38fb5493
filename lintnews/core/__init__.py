"""The core: findings, errors, the document and its readers, sources, config, and the text's language data."""
