; routes of go: no patterns yet.
