"""The password hasher: production's is the RFC 9106 profile it claims; the suite's cheap one
(conftest.py) makes hashes that production still verifies."""

from __future__ import annotations

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.profiles import RFC_9106_LOW_MEMORY

from networkit_core import passwords
from tests.conftest import PRODUCTION_HASHER

PASSWORD = "correct horse battery"


def test_production_hashes_with_the_rfc_9106_profile(production_passwords: PasswordHasher) -> None:
    made = passwords.hash_password(PASSWORD)
    assert extract_parameters(made) == RFC_9106_LOW_MEMORY  # argon2id, t=3, 64 MiB, p=4
    assert passwords.verify_password(made, PASSWORD)
    assert not passwords.verify_password(made, "not the password")
    assert not passwords.needs_rehash(made)
    # The check made for an e-mail with no account costs what a real one does.
    dummy = passwords._dummy_hash()
    assert extract_parameters(dummy) == RFC_9106_LOW_MEMORY
    assert passwords.verify_against_nothing(PASSWORD) is False


def test_the_suites_cheap_hashes_are_argon2id_and_verify_in_production() -> None:
    made = passwords.hash_password(PASSWORD)
    cheap = extract_parameters(made)
    assert cheap.type is Type.ID and (cheap.time_cost, cheap.memory_cost) == (1, 8)
    assert extract_parameters(passwords._dummy_hash()) == cheap
    assert PRODUCTION_HASHER.verify(made, PASSWORD)  # a hash carries its own parameters
    # Production would upgrade such a hash at its next sign-in.
    assert PRODUCTION_HASHER.check_needs_rehash(made)
