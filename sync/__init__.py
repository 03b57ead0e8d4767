"""Synchronisation with the central server (protocol, client, server)."""
