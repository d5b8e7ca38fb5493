"""The engine: one path from a document to its findings (run -> stamp -> finish), fixes, the run."""
