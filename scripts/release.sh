#!/usr/bin/env bash
# Make a release tag: check the version in pyproject.toml and the docs' pre-commit `rev:`, run the tests,
# then create the annotated tag v<version> on HEAD. It never pushes: `git push origin v<version>` is yours.
#   scripts/release.sh            # the checks, the whole test suite (scripts/test.sh), the tag
# LINTNEWS_RELEASE_TESTS overrides the test command (the release script's own tests use `true`).
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "release: $*" >&2; exit 2; }

version=$(python3 - <<'PY'
import tomllib
with open("pyproject.toml", "rb") as fh:
    print(tomllib.load(fh)["project"]["version"])
PY
) || die "cannot read the version from pyproject.toml"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([ab]|rc)?[0-9]*$ ]] || die "pyproject.toml: version '$version' is not N.N.N[aN|bN|rcN]"
tag="v$version"

[ -z "$(git status --porcelain)" ] || die "the work tree has uncommitted changes: commit or stash them first"
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  die "tag $tag already exists (at $(git rev-list -n1 "$tag")): bump the version in pyproject.toml"
fi
# the pre-commit snippet users copy must name the tag this release makes
grep -Eq "^[[:space:]]*rev: $tag([[:space:]]|$)" docs/usage.md || die "docs/usage.md: the pre-commit 'rev:' does not name $tag"

echo "release: running the tests for $tag" >&2
${LINTNEWS_RELEASE_TESTS:-bash scripts/test.sh} || die "the tests failed: no tag made"

git tag -a "$tag" -m "lintnews $version"
echo "release: tagged $(git rev-parse --short HEAD) as $tag; publish it with: git push origin $tag" >&2
