print("many-mock")
