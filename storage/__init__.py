"""The encrypted vault: SQLCipher file, keys, schema, repositories, journal, access log."""
