"""The security suite runs against the same real server and laptops as the sync tests."""

from tests.sync.conftest import cheap_password_hashing, laptop, server  # noqa: F401
