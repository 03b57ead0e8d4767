"""The central Koers server: accounts, devices, case assignment, sync. Knows sync.protocol only."""
