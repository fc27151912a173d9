"""The desk: a web app where officers review narratives, sign off counter-messages and teach the
classifier (`pantau serve`, docs/desk.md)."""
