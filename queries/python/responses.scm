; responses of python: no patterns yet.
