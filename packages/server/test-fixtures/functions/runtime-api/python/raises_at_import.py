raise ValueError("bad configuration")
