"""CI and terminal output formats that stand on their own: JUnit XML, GitLab Code Quality, colour."""
