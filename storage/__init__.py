"""The encrypted vault: SQLCipher database, key handling, schema, repositories, journal, audit log."""
