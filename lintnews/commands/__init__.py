"""The sub-commands of `lintnews`, one module each."""
