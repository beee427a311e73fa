"""The payload check names test-only files and key material, and only those."""

from __future__ import annotations

from buildtools.signing import forbidden_payload

LISTING = """\
2026-12-01 18:41:42 .....       234072               _internal/certifi/cacert.pem
2026-12-01 18:41:42 .....      9125888               LV_CAD.exe
2026-12-01 18:41:42 .....         1234               _internal\\icuuc.dll
2026-12-01 18:41:42 .....         1234               cert.pem
2026-12-01 18:41:42 .....         1234               signing/release.PFX
"""


def test_only_test_files_and_keys_are_forbidden() -> None:
    found = forbidden_payload(LISTING)
    assert [line.split()[-1] for line in found] == [
        "_internal\\icuuc.dll",
        "cert.pem",
        "signing/release.PFX",
    ]
