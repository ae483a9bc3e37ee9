; bodies of python: no patterns yet.
