; bodies of go: no patterns yet.
