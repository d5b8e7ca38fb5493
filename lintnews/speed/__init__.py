"""The speed wing: what makes a correct run faster without changing its findings (candidate selection)."""
