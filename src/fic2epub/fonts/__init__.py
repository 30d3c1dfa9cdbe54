"""Fonts the cover generator draws with; their licences are beside them (see covers/README.md)."""
