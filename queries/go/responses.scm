; responses of go: no patterns yet.
