"""Rule packs: loading and validation, the explicit registry of kinds, and running a rule's examples."""
