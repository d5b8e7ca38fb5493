"""kind: agreement: grammar checks on the tagger/parser output, run only on sentences a cheap regex lets through.

Each rule names one `check`: subject-verb (number and person of the subject against the finite verb),
verb-form (the form after a modal, do, to, have and passive be), det-noun (these/many/a/two + a noun of the
wrong number), there-plural (there is + plural), its-possessive (it's used as the possessive), pronoun-case
(me/him in a subject, I/he in an object), of-bare-noun (all of students), gerund-after (look forward to see).
The English word tables are data (words.yaml, irregular-verbs.tsv); inflected forms come from lemminflect.
"""

from __future__ import annotations

from .checker import AgreementChecker

__all__ = ["AgreementChecker"]
